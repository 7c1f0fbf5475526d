import { describe, expect, it } from 'vitest';
import { clientIdForPersonalCode } from './client-id';

describe('client ids from personal codes', () => {
  it('gives the same id however the code is typed, and none for an invalid code', () => {
    const id = clientIdForPersonalCode('010190-10001');
    expect(id).toMatch(/^[0-9a-f-]{36}$/u);
    expect(clientIdForPersonalCode('01019010001')).toBe(id);
    expect(clientIdForPersonalCode('010190-10002')).toBeNull();
    expect(clientIdForPersonalCode('321234-56789')).not.toBe(id);
  });
});
