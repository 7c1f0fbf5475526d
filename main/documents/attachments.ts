import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Logger } from '../logger';
import type { PlatformClient } from '../sync/platform-client';
import type { LocalStore } from '../sync/store';

export const CHUNK_BYTES = 1024 * 1024;

export interface NewAttachment {
  caseId: string;
  kind: 'scan' | 'signature' | 'application_pdf' | 'receipt' | 'invoice_pdf' | 'result';
  name: string;
  mediaType: string;
  bytes: Uint8Array;
  pages: number | null;
  scanSettings: Record<string, string | number | boolean> | null;
}

export interface AttachmentState {
  id: string;
  kind: string;
  name: string;
  size: number;
  uploaded: number;
  /** `local`: only this desk has the content so far; `uploaded`: the platform has all of it. */
  state: 'local' | 'uploaded';
  error: string | null;
}

/** Durable before anything refers to it: written to a temporary name, flushed, then renamed. */
function writeDurably(path: string, bytes: Uint8Array) {
  const temporary = `${path}.part`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/**
 * Documents attached to cases: the bytes are on disk before the metadata enters the outbox, and they
 * upload after the platform has that metadata, in chunks, from wherever the platform says it stands —
 * so a dropped connection, a restart or a second desk process never loses or doubles a byte.
 */
export function createAttachments(db: Db, store: LocalStore, options: { dataDir: string; clock: Clock; logger: Logger }) {
  const folder = join(options.dataDir, 'documents');
  const insert = db.prepare(
    `INSERT INTO attachments (id, case_id, article_id, kind, name, media_type, size, sha256, file, created_at)
     VALUES (@id, @caseId, @articleId, @kind, @name, @mediaType, @size, @sha256, @file, @createdAt)`,
  );
  const ofCase = db.prepare<[string], AttachmentState>(`SELECT id, kind, name, size, uploaded, state, error FROM attachments WHERE case_id = ? ORDER BY created_at, id`);
  const waiting = db.prepare<[], { id: string; size: number; file: string }>(`SELECT id, size, file FROM attachments WHERE state = 'local' ORDER BY created_at`);
  const metadataUnsent = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE entity = 'document' AND entity_id = ? AND applied = 0`);
  const metadataRefused = db.prepare<[string], { reason: string | null }>(
    `SELECT reason FROM sync_failures WHERE entity = 'document' AND entity_id = ? AND resolved_at IS NULL ORDER BY mutation_id DESC LIMIT 1`,
  );
  const progress = db.prepare(`UPDATE attachments SET uploaded = ?, state = CASE WHEN ? >= size THEN 'uploaded' ELSE 'local' END, error = NULL WHERE id = ?`);
  const failed = db.prepare(`UPDATE attachments SET error = ? WHERE id = ?`);

  const record = db.transaction((mutation: string, args: Record<string, unknown> & { id: string }, row: Record<string, unknown>, userId: string, at: Date) => {
    // The file's row first: the mutation's local effect shows the document, and may look for its file.
    insert.run({ caseId: null, articleId: null, ...row, ...args, createdAt: at.toISOString() });
    store.mutate({ name: mutation, args, userId, at });
  });

  /** The bytes on disk under a new document id, before anything refers to them. */
  function keep(bytes: Uint8Array) {
    const id = randomUUID();
    mkdirSync(folder, { recursive: true });
    const file = join('documents', id);
    writeDurably(join(options.dataDir, file), bytes);
    return { id, file, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  async function upload(client: PlatformClient, a: { id: string; size: number; file: string }) {
    if ((metadataUnsent.get(a.id)?.n ?? 0) > 0) return;
    const refused = metadataRefused.get(a.id);
    if (refused) {
      failed.run(refused.reason ?? 'Platforma dokumenta ierakstu nepieņēma.', a.id);
      return;
    }
    let offset = await client.uploadOffset(a.id);
    if (offset === null) return;
    const bytes = readFileSync(join(options.dataDir, a.file));
    while (offset < a.size) {
      const answer = await client.uploadChunk(a.id, offset, bytes.subarray(offset, Math.min(a.size, offset + CHUNK_BYTES)));
      if ('refused' in answer) {
        failed.run(answer.refused.message, a.id);
        options.logger.error('attachments.refused', { code: answer.refused.code });
        return;
      }
      offset = answer.offset;
      progress.run(offset, offset, a.id);
    }
    progress.run(a.size, a.size, a.id);
  }

  return {
    /** Keeps the document on this desk and queues its metadata; the content follows by itself. */
    attach(input: NewAttachment, userId: string): string {
      const { bytes, ...meta } = input;
      const { file, ...kept } = keep(bytes);
      record('document.attach', { ...kept, ...meta }, { file }, userId, options.clock.now());
      return kept.id;
    },

    /** An editor's file for an article: sent like a case's document, then downloaded by every desk that reads the article. */
    attachToArticle(input: { articleId: string; name: string; mediaType: string; bytes: Uint8Array }, userId: string): { id: string; file: string; sha256: string } {
      const { bytes, ...meta } = input;
      const { file, ...kept } = keep(bytes);
      record('article.attach', { ...kept, ...meta }, { file, kind: 'article_attachment' }, userId, options.clock.now());
      return { id: kept.id, file, sha256: kept.sha256 };
    },

    /** Where a document's content is on disk, when this desk has it. */
    path: (file: string) => join(options.dataDir, file),

    /** Keeps downloaded content durably, as this desk's own copy. */
    keepDownloaded(id: string, bytes: Uint8Array): string {
      mkdirSync(folder, { recursive: true });
      const file = join('documents', id);
      writeDurably(join(options.dataDir, file), bytes);
      return file;
    },

    /** What a case screen shows: each document and whether it is still only on this desk. */
    forCase: (caseId: string) => ofCase.all(caseId),

    /** Uploads what the platform is ready for; the next sync cycle carries on with the rest. */
    async uploadPending(client: PlatformClient): Promise<void> {
      for (const a of waiting.all()) await upload(client, a);
    },
  };
}

export type Attachments = ReturnType<typeof createAttachments>;
