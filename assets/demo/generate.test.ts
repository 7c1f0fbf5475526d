import { describe, expect, it } from 'vitest';
import { validateForm } from '../../shared/form';
import { demoAccounts, generateDemoData } from './index';

describe('demo data', () => {
  const data = generateDemoData();

  it('is the same for the same seed, and the catalogue and fixed accounts never vary', () => {
    expect(generateDemoData(1)).toEqual(data);
    const other = generateDemoData(7);
    expect(other.services).toEqual(data.services);
    for (const { username } of demoAccounts) {
      expect(other.users.find((u) => u.username === username)).toEqual(data.users.find((u) => u.username === username));
    }
  });

  it('has at least 300 services with unique, well-formed codes and known owners', () => {
    expect(data.services.length).toBeGreaterThanOrEqual(300);
    const codes = data.services.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z0-9][A-Z0-9.-]{0,19}$/u);
    const owners = new Set(data.institutions.map((i) => i.code));
    for (const s of data.services) {
      expect(owners.has(s.ownerCode)).toBe(true);
      expect(s.channels.length).toBeGreaterThan(0);
      expect(s.form.length).toBeGreaterThanOrEqual(3);
      expect(new Set(s.form.map((f) => f.key)).size).toBe(s.form.length);
      expect(s.slaDays).toBeGreaterThanOrEqual(s.typicalDurationDays);
    }
    expect(new Set(data.services.map((s) => s.name)).size).toBe(data.services.length);
  });

  it('includes the concept’s pilot services with their owners', () => {
    const owner = (code: string) => data.services.find((s) => s.code === code)?.ownerCode;
    expect(owner('P.02')).toBe('NVA');
    expect(owner('P.05')).toBe('VID');
    expect(owner('P.06')).toBe('VID');
    for (let n = 8; n <= 20; n++) expect(owner(`P.${String(n).padStart(2, '0')}`)).toBe('VSAA');
  });

  it('names the state institutions and several municipalities, in Latvian', () => {
    const codes = data.institutions.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['VSAA', 'VID', 'PMLP', 'NVA', 'UR', 'VZD', 'LAD']));
    expect(data.institutions.filter((i) => i.kind === 'municipality').length).toBeGreaterThanOrEqual(3);
    expect(data.services.some((s) => /[āčēģīķļņšūž]/u.test(s.name))).toBe(true);
  });

  it('gives every institution a distinct Treasury account with valid IBAN check digits, for its invoices', () => {
    const iban = [{ key: 'iban', label: 'IBAN', type: 'iban' as const, required: true }];
    for (const i of data.institutions) expect(validateForm(iban, { iban: i.iban }), i.code).toEqual({});
    expect(new Set(data.institutions.map((i) => i.iban)).size).toBe(data.institutions.length);
    expect(data.institutions.every((i) => /^LV\d{2}TREL\d{13}$/u.test(i.iban) && /^\d{11}$/u.test(i.registrationNumber))).toBe(true);
  });

  it('staffs every desk, gives every role a user and keeps users at their own centre’s desks', () => {
    const byId = new Map(data.desks.map((d) => [d.id, d]));
    const centres = new Set(data.centres.map((c) => c.id));
    for (const desk of data.desks) expect(centres.has(desk.centreId)).toBe(true);
    for (const role of ['clerk', 'agent', 'supervisor', 'editor', 'admin'] as const) {
      expect(data.users.some((u) => u.roles.includes(role))).toBe(true);
    }
    for (const u of data.users) if (u.deskId) expect(byId.get(u.deskId)?.centreId).toBe(u.centreId);
    const usernames = data.users.map((u) => u.username);
    expect(new Set(usernames).size).toBe(usernames.length);
    for (const name of usernames) expect(name).toMatch(/^[a-z0-9.]+$/u);
  });

  it('sets up the fixed demo accounts the README lists', () => {
    const find = (username: string) => data.users.find((u) => u.username === username);
    for (const { username, role } of demoAccounts) expect(find(username)?.roles).toContain(role);
    expect(find('klerks')).toMatchObject({ displayName: 'Anna Bērziņa', centreId: 'riga-centrs', deskId: 'desk-riga-centrs-1' });
    expect(find('operators')?.centreId).toBe('vvzc');
  });
});
