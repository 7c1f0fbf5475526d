import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh folder per test, removed afterwards: tests use real SQLite files, never `:memory:`. */
export function useTempDir(prefix = 'lete-test-'): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

/** A raw connection, unmigrated, for migration tests that step one version at a time. */
export function rawDatabase(dir: string): Database.Database {
  const db = new Database(join(dir, 'lete.sqlite'));
  db.pragma('foreign_keys = ON');
  return db;
}
