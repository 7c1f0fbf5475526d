import { describe, expect, it } from 'vitest';
import { clientName } from './names';

describe('client names on screen', () => {
  it('uses the name, or the contact of a partly identified client', () => {
    expect(clientName({ firstName: 'Anna', lastName: 'Bērziņa', phone: null, email: null })).toBe('Anna Bērziņa');
    expect(clientName({ firstName: null, lastName: null, phone: '+37126123456', email: null })).toBe('+37126123456');
    expect(clientName({ firstName: null, lastName: null, phone: null, email: 'a@b.lv' })).toBe('a@b.lv');
  });
});
