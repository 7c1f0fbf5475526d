import { createHash } from 'node:crypto';
import type { Sql } from '../db/sql';

/** What the server holds of one document's content; `received` is the next offset it expects. */
export interface ContentState {
  size: number;
  sha256: string;
  received: number;
  complete: boolean;
}

export type AppendResult =
  | { ok: true; received: number; complete: boolean }
  | { ok: false; reason: 'unknown' | 'offset' | 'too-large' | 'complete'; received: number }
  | { ok: false; reason: 'checksum'; received: 0 };

interface ContentRow {
  size: string | number;
  sha256: string;
  received: string | number;
  complete: boolean;
}

const toState = (r: ContentRow): ContentState => ({ size: Number(r.size), sha256: r.sha256, received: Number(r.received), complete: r.complete });

// pg hands bytea back as a Buffer, PGlite as a plain Uint8Array; callers get a Buffer either way, without a copy.
const asBuffer = (data: Uint8Array): Buffer => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));

export async function contentState(sql: Sql, id: string, forUpdate = false): Promise<ContentState | null> {
  const [row] = await sql.query<ContentRow>(`SELECT size, sha256, received, complete FROM document_content WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return row ? toState(row) : null;
}

/** Whether the stored content is (or is becoming) the content the metadata declares. */
export function matches(state: ContentState, declared: { size: number; sha256: string }): boolean {
  return state.size === declared.size && state.sha256 === declared.sha256.toLowerCase();
}

/**
 * Makes sure an upload of the declared content exists and returns where it stands. Content is
 * identified by its digest, so when the metadata now declares other content (a rescan, say) whatever
 * was stored for the old one is dropped and the upload starts again from 0.
 */
export async function beginContent(sql: Sql, id: string, declared: { size: number; sha256: string }): Promise<ContentState> {
  return sql.transaction(async (tx) => {
    const sha256 = declared.sha256.toLowerCase();
    await tx.query(`INSERT INTO document_content (id, size, sha256) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [id, declared.size, sha256]);
    const state = await contentState(tx, id, true);
    if (!state) throw new Error('document_content row vanished inside its own transaction');
    if (matches(state, declared)) return state;
    await tx.query(`DELETE FROM document_chunks WHERE id = $1`, [id]);
    await tx.query(`UPDATE document_content SET size = $2, sha256 = $3, received = 0, complete = false, updated_at = now() WHERE id = $1`, [id, declared.size, sha256]);
    return { size: declared.size, sha256, received: 0, complete: false };
  });
}

/**
 * Stores `data` at exactly `offset`. The row lock makes concurrent appends to one document take turns,
 * so of two retries of the same chunk only one lands and the other is told the offset moved on. The
 * last chunk also checks the digest of the whole content; a mismatch throws everything away, because
 * nothing tells which chunk was wrong, and the sender has to start again from 0.
 */
export async function appendChunk(sql: Sql, id: string, offset: number, data: Uint8Array): Promise<AppendResult> {
  return sql.transaction(async (tx) => {
    const state = await contentState(tx, id, true);
    if (!state) return { ok: false, reason: 'unknown', received: 0 };
    if (state.complete) return { ok: false, reason: 'complete', received: state.received };
    if (offset !== state.received) return { ok: false, reason: 'offset', received: state.received };
    if (offset + data.byteLength > state.size) return { ok: false, reason: 'too-large', received: state.received };
    const received = offset + data.byteLength;
    if (data.byteLength > 0) await tx.query(`INSERT INTO document_chunks (id, "offset", data) VALUES ($1, $2, $3)`, [id, offset, data]);
    if (received < state.size) {
      await tx.query(`UPDATE document_content SET received = $2, updated_at = now() WHERE id = $1`, [id, received]);
      return { ok: true, received, complete: false };
    }
    const hash = createHash('sha256');
    for await (const chunk of chunks(tx, id, 0, state.size - 1)) hash.update(chunk);
    if (hash.digest('hex') !== state.sha256) {
      await tx.query(`DELETE FROM document_chunks WHERE id = $1`, [id]);
      await tx.query(`UPDATE document_content SET received = 0, updated_at = now() WHERE id = $1`, [id]);
      return { ok: false, reason: 'checksum', received: 0 };
    }
    await tx.query(`UPDATE document_content SET received = $2, complete = true, updated_at = now() WHERE id = $1`, [id, received]);
    return { ok: true, received, complete: true };
  });
}

/**
 * The bytes `start`..`end` (inclusive) of a document's stored content, one stored chunk at a time so
 * memory stays at one chunk however large the document. Throws if the chunks have a gap.
 */
export async function* chunks(sql: Sql, id: string, start: number, end: number): AsyncGenerator<Buffer> {
  let at = start;
  while (at <= end) {
    const [row] = await sql.query<{ offset: string | number; data: Uint8Array }>(
      `SELECT "offset", data FROM document_chunks WHERE id = $1 AND "offset" <= $2 ORDER BY "offset" DESC LIMIT 1`,
      [id, at],
    );
    const offset = Number(row?.offset);
    const data = row ? asBuffer(row.data) : null;
    if (!data || offset + data.byteLength <= at) throw new Error(`document content has a gap at byte ${at}`);
    const piece = data.subarray(at - offset, Math.min(data.byteLength, end + 1 - offset));
    at += piece.byteLength;
    yield piece;
  }
}

/** A complete document's content, or a byte range of it; null while the upload is unfinished. */
export async function readContent(sql: Sql, id: string, range?: { start: number; end: number }): Promise<AsyncGenerator<Buffer> | null> {
  const state = await contentState(sql, id);
  if (!state?.complete) return null;
  return chunks(sql, id, range?.start ?? 0, range ? Math.min(range.end, state.size - 1) : state.size - 1);
}
