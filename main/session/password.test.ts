import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashes', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Rīga-2026', 1024);
    expect(hash).not.toContain('Rīga');
    expect(await verifyPassword('Rīga-2026', hash)).toBe(true);
    expect(await verifyPassword('Riga-2026', hash)).toBe(false);
  });
  it('salts each hash, so equal passwords do not look equal', async () => {
    expect(await hashPassword('demo', 1024)).not.toBe(await hashPassword('demo', 1024));
  });
  it('treats a damaged stored hash as a wrong password, not a crash', async () => {
    expect(await verifyPassword('demo', 'garbage')).toBe(false);
  });
});
