import type { TFunction } from 'i18next';
import { channels, consultationOutcomes } from '../../preload/contract';

const enumLabels: Record<string, { values: readonly string[]; prefix: string }> = {
  outcome: { values: consultationOutcomes, prefix: 'outcomes' },
  channel: { values: channels, prefix: 'channels' },
};

/** A synced field's name for the clerk: Piezīme, Rezultāts, Kanāls; a field the screen does not know, by its name. */
export function fieldLabel(t: TFunction, field: string): string {
  return t(`conflict.fields.${field.replaceAll('.', '_')}`, { defaultValue: field });
}

/**
 * A field's value as the clerk reads it: outcomes and channels by their screen labels, other text as
 * is; `null` when there is none (the screen shows an em dash).
 */
export function valueText(t: TFunction, field: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const labels = enumLabels[field];
    return labels?.values.includes(value) ? t(`${labels.prefix}.${value}`) : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
