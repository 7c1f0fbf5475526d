import { describe, expect, it } from 'vitest';
import { base64ToBytes, dataUrlBase64 } from './files';

describe('files for the contract', () => {
  it('takes the content of a data URL', () => {
    expect(dataUrlBase64('data:application/pdf;base64,JVBERi0xLjc=')).toBe('JVBERi0xLjc=');
  });
  it('decodes base64 PDFs to bytes', () => {
    expect(new TextDecoder().decode(base64ToBytes('JVBERi0xLjc='))).toBe('%PDF-1.7');
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(btoa(String.fromCharCode(...bytes)))).toEqual(bytes);
  });
});
