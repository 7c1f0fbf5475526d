import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../db/test-support';
import { KEY_FILE, recordProtector } from './protect';
import { screenRecord } from './record';
import { syntheticSignature } from './test-support';

const record = screenRecord({
  capture: { samples: syntheticSignature(), area: { width: 600, height: 200 } },
  operator: { userId: 'user-klerks', displayName: 'Anna Bērziņa' },
  signer: { name: 'Jānis Ozoliņš', from: 'typed' },
  document: { sha256: 'b'.repeat(64), caseId: 'case-1' },
  signedAt: new Date('2026-11-23T12:05:00Z'),
});

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

/** Changes one field of the envelope's JSON. */
function edited(envelope: Uint8Array, change: (e: Record<string, unknown>) => void): Uint8Array {
  const parsed = JSON.parse(text(envelope)) as Record<string, unknown>;
  change(parsed);
  return new Uint8Array(Buffer.from(JSON.stringify(parsed)));
}

/** Flips one bit of a base64 field. */
const flipped = (base64: unknown, at = 0) => {
  const bytes = Buffer.from(String(base64), 'base64');
  bytes[at] = (bytes[at] ?? 0) ^ 1;
  return bytes.toString('base64');
};

describe('signature record protection', () => {
  const tempDir = useTempDir('lete-signing-');

  it('creates the desk key on first use, readable by the desk’s user only, and keeps using it', () => {
    const dir = tempDir();
    const envelope = recordProtector(dir).seal(record);
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, KEY_FILE)).size).toBe(32);
    // A restarted desk opens what it sealed before.
    expect(recordProtector(dir).open(envelope)).toEqual(record);
  });

  it('stores a small self-describing envelope with nothing of the signer readable', () => {
    const envelope = recordProtector(tempDir()).seal(record);
    const parsed = JSON.parse(text(envelope)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['version', 'alg', 'keyId', 'iv', 'tag', 'ciphertext']);
    expect(parsed).toMatchObject({ version: 1, alg: 'AES-256-GCM', keyId: expect.stringMatching(/^[0-9a-f]{16}$/u) });
    for (const secret of ['Ozoliņš', 'Ozolin', 'Anna', 'user-klerks', 'lcdX']) expect(text(envelope)).not.toContain(secret);
    // A fresh IV every time: two seals of one record look unrelated.
    expect(text(recordProtector(tempDir()).seal(record))).not.toBe(text(envelope));
  });

  it('detects any change to the envelope and refuses to open it', () => {
    const dir = tempDir();
    const protector = recordProtector(dir);
    const envelope = protector.seal(record);
    const tampered = [
      edited(envelope, (e) => (e.ciphertext = flipped(e.ciphertext, 10))),
      edited(envelope, (e) => (e.tag = flipped(e.tag))),
      edited(envelope, (e) => (e.iv = flipped(e.iv))),
      edited(envelope, (e) => (e.keyId = String(e.keyId).replace(/^./u, (c) => (c === '0' ? '1' : '0')))),
      edited(envelope, (e) => (e.version = 2)),
      envelope.slice(0, envelope.length - 5),
    ];
    for (const bytes of tampered) expect(() => protector.open(bytes)).toThrow(/bojāts vai mainīts|citas darba vietas/u);
    expect(() => protector.open(edited(envelope, (e) => (e.ciphertext = flipped(e.ciphertext, 10))))).toThrow(/bojāts vai mainīts/u);
    expect(protector.open(envelope)).toEqual(record);
  });

  it('tells a record sealed at another desk from a damaged one', () => {
    const envelope = recordProtector(tempDir()).seal(record);
    expect(() => recordProtector(tempDir()).open(envelope)).toThrow(/citas darba vietas atslēga/u);
  });
});
