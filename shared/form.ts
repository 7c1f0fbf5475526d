import { checkPersonalCode, personalCodeMessages } from './personal-code';

/**
 * An application form as the catalogue defines it, and the one check of a filled form that the desk
 * runs while the clerk types and the platform runs again before it accepts the application.
 */
export interface FormField {
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'select' | 'checkbox' | 'iban' | 'personalCode';
  required: boolean;
  options?: string[];
}

export type FormValues = Record<string, unknown>;

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/u;

function ibanValid(text: string): boolean {
  const iban = text.replace(/\s/gu, '').toUpperCase();
  if (!IBAN.test(iban)) return false;
  const digits = [...`${iban.slice(4)}${iban.slice(0, 4)}`].map((c) => (/[A-Z]/u.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === false;
}

/** Field key → Latvian message, for every field that is missing or wrong; empty when the form is fine. */
export function validateForm(fields: FormField[], values: FormValues): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (isEmpty(value)) {
      if (field.required) problems[field.key] = `Aizpildiet lauku „${field.label}”.`;
      continue;
    }
    const text = String(value);
    switch (field.type) {
      case 'number':
        if (typeof value !== 'number' && !/^-?\d+([.,]\d+)?$/u.test(text)) problems[field.key] = `Laukā „${field.label}” jābūt skaitlim.`;
        break;
      case 'date': {
        const valid = /^\d{4}-\d{2}-\d{2}$/u.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
        if (!valid) problems[field.key] = `Laukā „${field.label}” jābūt derīgam datumam.`;
        break;
      }
      case 'select':
        if (!(field.options ?? []).includes(text)) problems[field.key] = `Laukā „${field.label}” izvēlieties kādu no piedāvātajām vērtībām.`;
        break;
      case 'checkbox':
        if (typeof value !== 'boolean') problems[field.key] = `Laukā „${field.label}” jābūt atzīmei.`;
        break;
      case 'iban':
        if (!ibanValid(text)) problems[field.key] = `Laukā „${field.label}” nav derīgs IBAN konta numurs.`;
        break;
      case 'personalCode': {
        const check = checkPersonalCode(text);
        if (!check.valid) problems[field.key] = `${field.label}: ${personalCodeMessages[check.problem ?? 'format']}`;
        break;
      }
      case 'text':
        if (text.length > 2000) problems[field.key] = `Lauks „${field.label}” ir pārāk garš.`;
        break;
    }
  }
  for (const key of Object.keys(values)) {
    if (!fields.some((f) => f.key === key)) problems[key] = `Veidlapā nav lauka „${key}”.`;
  }
  return problems;
}
