import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../preload/contract';
import { parseRecord, type SignatureRecord } from './record';

/** The desk's data key for signature records, beside its database. */
export const KEY_FILE = 'signature-records.key';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALG = 'AES-256-GCM';

const Base64 = z.base64();

/** What is stored: enough to say how to open it, nothing about the signer. */
const Envelope = z
  .object({
    version: z.literal(1),
    alg: z.literal(ALG),
    /** Which desk key sealed it (a hash prefix, not the key): another desk's record is told apart from a damaged one. */
    keyId: z.string().regex(/^[0-9a-f]{16}$/u),
    iv: Base64,
    tag: Base64,
    ciphertext: Base64,
  })
  .strict();
type Envelope = z.infer<typeof Envelope>;

const isCode = (error: unknown, code: string) => (error as NodeJS.ErrnoException | null)?.code === code;

/**
 * The key is created once per desk, readable only by the OS user the desk runs as (0600; on Windows
 * the per-user profile folder's ACL does that job). It is linked into place whole, so a crash or a
 * second process of the same desk never leaves a half-written key that would lock records away.
 * In the desktop app the key could additionally be wrapped with Electron's safeStorage (the OS
 * keychain or DPAPI), which main/electron would pass in; browser mode has no keychain.
 */
function loadOrCreateKey(dataDir: string): Buffer {
  const file = join(dataDir, KEY_FILE);
  try {
    return checkedKey(readFileSync(file));
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const part = `${file}.${process.pid}.part`;
  const fd = openSync(part, 'wx', 0o600);
  try {
    writeSync(fd, randomBytes(KEY_BYTES));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(part, file);
  } catch (error) {
    // Another process of this desk created it first: everyone uses that one.
    if (!isCode(error, 'EEXIST')) throw error;
  } finally {
    unlinkSync(part);
  }
  return checkedKey(readFileSync(file));
}

function checkedKey(key: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new Error(`${KEY_FILE} has ${key.length} bytes instead of ${KEY_BYTES}`);
  return key;
}

const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** The envelope's header is authenticated with the ciphertext, so it cannot be swapped either. */
const headerOf = (keyId: string) => Buffer.from(`lete.signature-record:1:${ALG}:${keyId}`, 'utf8');

const damaged = () => new AppError('INVALID_INPUT', 'Paraksta ieraksts ir bojāts vai mainīts: to nevar atvērt. Ziņojiet atbalstam, ierakstu nemainot.');

export interface RecordProtector {
  /** Encrypts a record into a small JSON envelope (version, alg, keyId, iv, tag, ciphertext). */
  seal(record: SignatureRecord): Uint8Array;
  /** Decrypts and checks an envelope this desk sealed, for an audit; any change to it is refused. */
  open(envelope: Uint8Array): SignatureRecord;
}

/**
 * A signature record holds biometric data (special-category personal data), so it is kept only
 * encrypted, with AES-256-GCM under the desk's data key from `dataDir`, created on first use.
 */
export function recordProtector(dataDir: string): RecordProtector {
  let key: Buffer | null = null;
  const deskKey = () => (key ??= loadOrCreateKey(dataDir));

  return {
    seal(record) {
      const k = deskKey();
      const keyId = keyIdOf(k);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(headerOf(keyId));
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(record), 'utf8'), cipher.final()]);
      const envelope: Envelope = {
        version: 1,
        alg: ALG,
        keyId,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64'),
      };
      return new Uint8Array(Buffer.from(JSON.stringify(envelope), 'utf8'));
    },

    open(bytes) {
      let envelope: Envelope;
      try {
        envelope = Envelope.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
      } catch {
        throw damaged();
      }
      const k = deskKey();
      if (envelope.keyId !== keyIdOf(k)) throw new AppError('INVALID_INPUT', 'Paraksta ierakstu šifrēja citas darba vietas atslēga: atveriet to tajā darba vietā, kur klients parakstījās.');
      const iv = Buffer.from(envelope.iv, 'base64');
      const tag = Buffer.from(envelope.tag, 'base64');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw damaged();
      let plaintext: string;
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(headerOf(envelope.keyId));
        decipher.setAuthTag(tag);
        plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw damaged();
      }
      return parseRecord(JSON.parse(plaintext));
    },
  };
}
