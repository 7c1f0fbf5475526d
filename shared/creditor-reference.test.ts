import { describe, expect, it } from 'vitest';
import { creditorReference, invoiceReference, isValidCreditorReference } from './creditor-reference';

describe('ISO 11649 creditor references', () => {
  it('matches the standard example and rejects a mistyped digit', () => {
    // ISO 11649's own example: RF18 5390 0754 7034.
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(isValidCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidCreditorReference('RF18 5390 0754 7035')).toBe(false);
  });

  it('carries the service code and case number of an invoice', () => {
    const ref = invoiceReference('9999 7654', 1);
    expect(ref).toMatch(/^RF\d{2}9999765401$/u);
    expect(isValidCreditorReference(ref)).toBe(true);
  });
});
