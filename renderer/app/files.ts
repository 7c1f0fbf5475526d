import type { FileContent } from '../../preload/contract';

/** The base64 part of a `data:` URL, as FileReader.readAsDataURL gives it. */
export function dataUrlBase64(url: string): string {
  return url.slice(url.indexOf(',') + 1);
}

/** A chosen file's content as base64, the contract's way of carrying bytes. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(dataUrlBase64(String(reader.result)));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** The bytes of base64 content, as the contract carries files. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves a file the core sent, through the browser's own download. */
export function downloadFile(file: FileContent) {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.contentBase64)], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
