import { z } from 'zod';
import type { CaseData, DocumentData } from '../entities';
import { applied, deskRoles, mutation, reject, type MutationHandler } from '../sync/outcome';
import { readRow, writeRow } from '../sync/rows';

/** A scanned application is a few MB; a hundred-page batch at 300 dpi stays well under this. */
export const MAX_DOCUMENT_BYTES = 200 * 1024 * 1024;

export const mediaTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'application/json', 'application/octet-stream'] as const;

const DocumentAttach = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: z.enum(['scan', 'signature', 'application_pdf', 'receipt', 'invoice_pdf', 'result']),
  name: z.string().trim().min(1).max(200),
  mediaType: z.enum(mediaTypes),
  size: z.number().int().positive().max(MAX_DOCUMENT_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/u),
  pages: z.number().int().positive().max(10_000).nullable(),
  scanSettings: z.record(z.string().max(50), z.union([z.string().max(100), z.number(), z.boolean()])).nullable(),
});

/**
 * The metadata of a document attached to a case. It reaches the platform through the outbox like any
 * change; the content follows separately and resumably (`/documents/:id/content`), checked against
 * the size and SHA-256 declared here, so a half-uploaded file is never taken for the document.
 */
export const documentMutations: Record<string, MutationHandler> = {
  'document.attach': mutation({ roles: deskRoles, roleMessage: 'Jūsu lomai nav atļauts pievienot dokumentus lietām.', args: DocumentAttach, what: 'dokumenta' }, async (args, { tx, principal, now }) => {
    if (await readRow(tx, 'document', args.id)) return reject('Dokuments ar šādu identifikatoru jau ir pievienots.');
    const caseRow = await readRow<CaseData>(tx, 'case', args.caseId);
    if (!caseRow || caseRow.deleted) return reject('Lieta, kurai pievienot dokumentu, nav atrasta; vispirms sinhronizējiet lietu.');
    if (!principal.roles.includes('admin') && caseRow.centre_id !== principal.centreId) return reject('Dokumentu var pievienot tikai sava centra lietai.');
    if (['cancelled', 'rejected', 'closed'].includes(caseRow.data.status)) return reject(`Lieta ${caseRow.data.caseNumber} ir pabeigta; dokumentus tai vairs nepievieno.`);
    const data: DocumentData = { ...args, createdBy: principal.userId, createdAt: now.toISOString() };
    await writeRow(tx, { entity: 'document', id: args.id, data, centreId: caseRow.centre_id, ownerCode: caseRow.owner_code, clientId: caseRow.data.clientId });
    return applied(caseRow.data.clientId);
  }),
};
