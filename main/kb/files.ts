import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AppError, type FileContent } from '../../preload/contract';
import type { Db } from '../db/connection';
import type { Attachments } from '../documents/attachments';
import type { Logger } from '../logger';
import type { PlatformClient } from '../sync/platform-client';

export interface KbFile {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  /** On this desk, so it opens offline. */
  available: boolean;
}

/**
 * Articles' files on this desk: listed as soon as their record arrives, downloaded after each sync
 * and checked against the SHA-256 the editor's desk declared, so an article reads offline with them.
 */
export function createKnowledgeFiles(db: Db, attachments: Attachments, logger: Logger) {
  const ofArticle = db.prepare<[string], { id: string; name: string; media_type: string; size: number; file: string | null }>(
    `SELECT id, name, media_type, size, file FROM kb_files WHERE article_id = ? ORDER BY created_at, name`,
  );
  const byId = db.prepare<[string], { name: string; media_type: string; file: string | null }>(`SELECT name, media_type, file FROM kb_files WHERE id = ?`);
  const missing = db.prepare<[], { id: string; sha256: string }>(`SELECT id, sha256 FROM kb_files WHERE file IS NULL ORDER BY created_at`);
  const kept = db.prepare(`UPDATE kb_files SET file = ? WHERE id = ?`);

  return {
    forArticle: (articleId: string): KbFile[] =>
      ofArticle.all(articleId).map((f) => ({ id: f.id, name: f.name, mediaType: f.media_type, size: f.size, available: f.file !== null })),

    read(id: string): FileContent {
      const row = byId.get(id);
      if (!row) throw new AppError('NOT_FOUND', 'Pielikums nav atrasts; iespējams, redaktors to noņēma.');
      if (!row.file) throw new AppError('TRANSPORT', 'Pielikums šajā darba vietā vēl nav lejupielādēts. Tas būs pieejams pēc nākamās sinhronizācijas.');
      return { name: row.name, mediaType: row.media_type, contentBase64: readFileSync(attachments.path(row.file)).toString('base64') };
    },

    /** What the platform has in full; the rest waits for the next sync. */
    async downloadMissing(platform: Pick<PlatformClient, 'downloadContent'>): Promise<void> {
      for (const f of missing.all()) {
        const bytes = await platform.downloadContent(f.id);
        if (!bytes) continue;
        if (createHash('sha256').update(bytes).digest('hex') !== f.sha256) {
          logger.error('kb.fileChecksumMismatch', { id: f.id });
          continue;
        }
        kept.run(attachments.keepDownloaded(f.id, bytes), f.id);
      }
    },
  };
}
