import { z } from 'zod';
import { scriptProblems } from '../../shared/script-graph';
import { outcomeArg } from '../common-args';
import { MAX_DOCUMENT_BYTES, mediaTypes } from '../documents/mutations';
import type { ArticleData, ArticleFileData, ScriptData } from '../entities';
import { applied, mutation, reject, type MutationContext, type MutationHandler, type Outcome } from '../sync/outcome';
import { patchRow, readRow, writeRow } from '../sync/rows';

const text = (max: number) => z.string().trim().min(1).max(max);
const ArticlePublish = z.object({
  id: z.uuid(),
  /** The version the editor started from; 0 for a new article. */
  baseVersion: z.number().int().min(0),
  title: text(300),
  body: text(200_000),
  topic: text(200),
  tags: z.array(text(60)).max(30),
  serviceCodes: z.array(text(20)).max(50),
  legislation: z.array(z.object({ title: text(300), url: z.url().max(500) })).max(30),
  audience: z.enum(['providers', 'owners']),
  template: z.enum(['procedure', 'faq', 'back_office', 'free']),
  source: z.string().max(300).nullable().default(null),
});
const ArticleRetire = z.object({ id: z.uuid() });
const ArticleAttach = z.object({
  id: z.uuid(),
  articleId: z.uuid(),
  name: text(200),
  mediaType: z.enum(mediaTypes),
  size: z.number().int().positive().max(MAX_DOCUMENT_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/u),
});
const Step = z.object({
  id: text(80),
  kind: z.enum(['question', 'info', 'record', 'end']),
  text: text(4000),
  articleId: z.string().max(80).nullable().optional(),
  choices: z.array(z.object({ label: text(200), next: text(80) })).max(20).optional(),
  next: z.string().max(80).nullable().optional(),
  outcome: outcomeArg.nullable().optional(),
});
const ScriptPublish = z.object({ id: z.uuid(), baseVersion: z.number().int().min(0), title: text(300), serviceCodes: z.array(text(20)).max(50), start: text(80), steps: z.array(Step).min(1).max(500) });

const roleMessage = 'Zināšanu bāzi un skriptus publicē tikai redaktors.';

/** An editor who started from an older version than the one published meanwhile gets a conflict, not an overwrite. */
function versionConflict(current: { version: number } & object, baseVersion: number): Outcome | null {
  return current.version !== baseVersion ? { status: 'CONFLICT', fields: ['version'], serverState: current as Record<string, unknown> } : null;
}

/** Every published version is kept for "who changed what when", outside what desks pull. */
async function keepVersion(ctx: MutationContext, entity: string, id: string, data: { version: number }, visibility: { everyone: boolean; ownerCode: string | null }) {
  await writeRow(ctx.tx, { entity: `${entity}_version`, id: `${id}@${data.version}`, data, centreId: null, ...visibility, archived: true });
}

export const kbMutations: Record<string, MutationHandler> = {
  'article.publish': mutation({ roles: ['editor'], roleMessage, args: ArticlePublish, what: 'raksta' }, async ({ baseVersion, ...args }, ctx) => {
    const { tx, principal, now } = ctx;
    const ownerCode = principal.institutionCode;
    if (args.audience === 'owners' && !ownerCode) return reject('Rakstu tikai turētāja darbiniekiem var publicēt iestādes redaktors.');
    const existing = await readRow<ArticleData>(tx, 'article', args.id, true);
    if (existing && existing.data.ownerCode !== ownerCode && !principal.roles.includes('admin')) return reject('Šo rakstu uztur citas iestādes redaktors.');
    const conflict = versionConflict(existing?.data ?? { version: 0 }, baseVersion);
    if (conflict) return conflict;
    const data: ArticleData = { ...args, ownerCode, version: baseVersion + 1, status: 'current', updatedBy: principal.userId, updatedAt: now.toISOString() };
    const visibility = { everyone: args.audience === 'providers', ownerCode };
    await writeRow(tx, { entity: 'article', id: args.id, data, centreId: null, ...visibility });
    await keepVersion(ctx, 'article', args.id, data, visibility);
    return applied();
  }),

  'article.retire': mutation({ roles: ['editor'], roleMessage, args: ArticleRetire, what: 'raksta' }, async ({ id }, { tx, principal, now }) => {
    const row = await readRow<ArticleData>(tx, 'article', id, true);
    if (!row || row.deleted) return reject('Raksts nav atrasts.');
    if (row.data.ownerCode !== principal.institutionCode && !principal.roles.includes('admin')) return reject('Šo rakstu uztur citas iestādes redaktors.');
    await patchRow(tx, row, { status: 'outdated', updatedBy: principal.userId, updatedAt: now.toISOString() });
    return applied();
  }),

  /**
   * A file that goes with an article (a form to print, a leaflet): a document row seen by whoever sees
   * the article; its content uploads and downloads like any document's.
   */
  'article.attach': mutation({ roles: ['editor'], roleMessage, args: ArticleAttach, what: 'raksta pielikuma' }, async (args, { tx, principal, now }) => {
    if (await readRow(tx, 'document', args.id)) return reject('Pielikums ar šādu identifikatoru jau ir pievienots.');
    const article = await readRow<ArticleData>(tx, 'article', args.articleId, true);
    if (!article || article.deleted) return reject('Raksts, kuram pievienot pielikumu, nav atrasts; vispirms sinhronizējiet to.');
    if (article.data.ownerCode !== principal.institutionCode && !principal.roles.includes('admin')) return reject('Šo rakstu uztur citas iestādes redaktors.');
    const data: ArticleFileData = { ...args, caseId: null, kind: 'article_attachment', pages: null, scanSettings: null, createdBy: principal.userId, createdAt: now.toISOString() };
    await writeRow(tx, { entity: 'document', id: args.id, data, centreId: null, everyone: article.everyone, ownerCode: article.owner_code });
    return applied();
  }),

  'script.publish': mutation({ roles: ['editor'], roleMessage, args: ScriptPublish, what: 'skripta' }, async ({ baseVersion, ...args }, ctx) => {
    const problems = scriptProblems(args.start, args.steps);
    if (problems.length > 0) return reject(`Skriptu nevar publicēt: ${problems.join(' ')}`);
    const existing = await readRow<ScriptData>(ctx.tx, 'script', args.id, true);
    const conflict = versionConflict(existing?.data ?? { version: 0 }, baseVersion);
    if (conflict) return conflict;
    const data: ScriptData = { ...args, version: baseVersion + 1, updatedBy: ctx.principal.userId, updatedAt: ctx.now.toISOString() };
    await writeRow(ctx.tx, { entity: 'script', id: args.id, data, centreId: null, everyone: true, ownerCode: null });
    await keepVersion(ctx, 'script', args.id, data, { everyone: true, ownerCode: null });
    return applied();
  }),
};
