import { describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { DatabaseTooNewError, migrate, schemaVersion, type Migration } from './migrate';
import { migrations } from './migrations';
import { rawDatabase, useTempDir } from './test-support';
import { join } from 'node:path';

describe('migrate', () => {
  const tempDir = useTempDir();

  it('brings a new database to the latest version with the durable settings', () => {
    const db = openDatabase(join(tempDir(), 'lete.sqlite'));
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('refuses a database written by a newer Lete instead of guessing', () => {
    const db = rawDatabase(tempDir());
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db, migrations)).toThrow(DatabaseTooNewError);
    db.close();
  });

  it('leaves the database at the last whole version when a migration fails', () => {
    const db = rawDatabase(tempDir());
    const broken: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      { version: 2, name: 'broken', up: (d) => d.exec('CREATE TABLE b (x INTEGER) STRICT; INSERT INTO missing VALUES (1)') },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'b'`).get()).toBeUndefined();
    db.close();
  });

  it('rejects a migration list with a gap', () => {
    const db = rawDatabase(tempDir());
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => undefined }])).toThrow(/expected 1/);
    db.close();
  });
});
