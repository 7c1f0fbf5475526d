/**
 * ISO 11649 structured creditor references (`RF` + two check digits + up to 21 letters or digits),
 * which carry the service code and case number on an invoice so a payment can be matched to it.
 */
function mod97(digits: string): number {
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest;
}

function asDigits(text: string): string {
  return [...text.toUpperCase()].map((c) => (/[A-Z]/u.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
}

export function creditorReference(body: string): string {
  const clean = body.replace(/[^0-9A-Za-z]/gu, '').toUpperCase();
  if (clean.length === 0 || clean.length > 21) throw new RangeError('An ISO 11649 reference carries 1 to 21 letters or digits.');
  const check = 98 - mod97(asDigits(`${clean}RF00`));
  return `RF${String(check).padStart(2, '0')}${clean}`;
}

export function isValidCreditorReference(reference: string): boolean {
  const clean = reference.replace(/\s/gu, '').toUpperCase();
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/u.test(clean)) return false;
  return mod97(asDigits(`${clean.slice(4)}${clean.slice(0, 4)}`)) === 1;
}

/** The reference of a case's n-th invoice: service code, case number and invoice number. */
export function invoiceReference(caseNumber: string, n: number): string {
  return creditorReference(`${caseNumber.replace(/\D/gu, '')}${String(n).padStart(2, '0')}`);
}

export function invoiceNumber(caseNumber: string, n: number): string {
  return `${caseNumber}/${n}`;
}
