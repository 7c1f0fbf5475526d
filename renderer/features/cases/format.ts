import type { ContractError, FormFieldSpec, FormValues, Locale } from '../../../preload/contract';

/** RF references read back over the counter in groups of four, as banks print them: RF18 5390 0754 7034. */
export function groupReference(reference: string): string {
  return reference.replace(/\s/gu, '').replace(/(.{4})(?=.)/gu, '$1 ');
}

const mediaTypes: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', tif: 'image/tiff', tiff: 'image/tiff' };

/** Some systems give a scan no type (TIFF on Windows, often); its extension still says what it is. */
export function mediaTypeOf(file: { name: string; type: string }): string {
  return file.type || mediaTypes[file.name.split('.').pop()?.toLowerCase() ?? ''] || 'application/octet-stream';
}

/** 20 MB of content: what the contract's base64 limit leaves room for. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const tag = (locale: Locale) => (locale === 'lv' ? 'lv-LV' : 'en-GB');

export function formatSize(bytes: number, locale: Locale): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : bytes >= 1024 ? [bytes / 1024, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(tag(locale), { style: 'unit', unit, maximumFractionDigits: unit === 'megabyte' ? 1 : 0 }).format(value);
}

/** What a form control holds: text for every kind of input, a tick for a checkbox. */
export type FieldInput = string | boolean;

/** A stored value as its control shows it; Latvian writes decimals with a comma. */
export function toFieldInput(field: FormFieldSpec, value: FormValues[string] | undefined, locale: Locale): FieldInput {
  if (field.type === 'checkbox') return value === true;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && locale === 'lv') return String(value).replace('.', ',');
  return String(value);
}

/**
 * What a control's input means for the form. A number the clerk typed the Latvian way (`1 234,50`)
 * becomes a number; anything else that is not one is sent as typed, so the core names the problem.
 * An empty field is null, so clearing it clears the stored value too.
 */
export function fromFieldInput(field: FormFieldSpec, input: FieldInput): FormValues[string] {
  if (field.type === 'checkbox') return input === true;
  const text = String(input).trim();
  if (!text) return null;
  if (field.type === 'number') {
    const normal = text.replace(/[\s\u00a0]/gu, '').replace(',', '.');
    return /^-?\d+(\.\d+)?$/u.test(normal) ? Number(normal) : text;
  }
  if (field.type === 'iban') return text.replace(/\s/gu, '').toUpperCase();
  return text;
}

/** Only the service's own fields: the core refuses keys its form does not have. */
export function toFormValues(fields: FormFieldSpec[], inputs: Record<string, FieldInput>): FormValues {
  return Object.fromEntries(fields.map((f) => [f.key, fromFieldInput(f, inputs[f.key] ?? (f.type === 'checkbox' ? false : ''))]));
}

export function toFieldInputs(fields: FormFieldSpec[], form: FormValues, locale: Locale): Record<string, FieldInput> {
  return Object.fromEntries(fields.map((f) => [f.key, toFieldInput(f, form[f.key], locale)]));
}

/**
 * The core's message per form field (`form.personalCode` → `personalCode`). Its messages name the
 * field's own label and what is wrong with it, which no generic text could; other paths' messages
 * are codes (`required`), so the caller shows the error's own text for those.
 */
export function formIssues(error: ContractError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.issues ?? []) if (issue.path.startsWith('form.')) out[issue.path.slice(5)] = issue.message;
  return out;
}
