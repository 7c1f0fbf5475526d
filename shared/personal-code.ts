/**
 * Latvian personal codes (personas kods): `DDMMYY-CNNNN` with the birth date and century digit
 * (0 → 1800s, 1 → 1900s, 2 → 2000s) and a mod-11 check digit, or since July 2017 `32NNNN-NNNNN`,
 * which carries no birth date. Codes are typed with or without the hyphen.
 *
 * The check digit is verified for the legacy format only: no public specification of one for the
 * 2017 format could be found, and refusing a real client's valid code at the desk is the worse error.
 */
export type PersonalCodeProblem = 'format' | 'date' | 'checksum';

export interface PersonalCodeCheck {
  valid: boolean;
  /** `DDMMYY-NNNNN`, the way it is printed, when the format is right. */
  normalised: string | null;
  problem: PersonalCodeProblem | null;
  /** ISO date of birth for legacy codes. */
  birthDate: string | null;
}

const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function legacyCheckDigit(first10: string): number {
  const sum = [...first10].reduce((n, d, i) => n + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return (1101 - sum) % 11;
}

export function checkPersonalCode(input: string): PersonalCodeCheck {
  const digits = input.replace(/[\s-]/gu, '');
  if (!/^\d{11}$/u.test(digits)) return { valid: false, normalised: null, problem: 'format', birthDate: null };
  const normalised = `${digits.slice(0, 6)}-${digits.slice(6)}`;
  if (digits.startsWith('32')) return { valid: true, normalised, problem: null, birthDate: null };

  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const century = { '0': 1800, '1': 1900, '2': 2000 }[digits[6] ?? ''];
  const year = century === undefined ? NaN : century + Number(digits.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  const realDate = century !== undefined && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!realDate) return { valid: false, normalised, problem: 'date', birthDate: null };
  if (legacyCheckDigit(digits.slice(0, 10)) !== Number(digits[10])) return { valid: false, normalised, problem: 'checksum', birthDate: null };
  return { valid: true, normalised, problem: null, birthDate: date.toISOString().slice(0, 10) };
}

/** `180565-*****`: what lists show, so a code cannot be read off a screen over a shoulder. */
export function maskPersonalCode(code: string): string {
  const digits = code.replace(/[\s-]/gu, '');
  return `${digits.slice(0, 6)}-*****`;
}

export const personalCodeMessages: Record<PersonalCodeProblem, string> = {
  format: 'Personas kodā jābūt 11 cipariem, piemēram, 180565-12345.',
  date: 'Personas koda pirmie seši cipari neveido derīgu dzimšanas datumu (DDMMGG), vai septītais cipars nav 0, 1 vai 2. Pārbaudiet dokumentā.',
  checksum: 'Personas koda kontrolcipars nesakrīt: kāds cipars ievadīts kļūdaini. Pārbaudiet dokumentā.',
};
