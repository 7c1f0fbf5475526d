import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type Migration } from './migrate';
import { migrations } from './migrations';

export type Db = Database.Database;

/**
 * Opens the desk's database with the settings every writer relies on: WAL so readers never block the
 * clerk's writes, foreign keys on, and `synchronous=FULL` because the outbox holds work that exists
 * nowhere else until it is pushed, so a committed transaction must survive a power cut.
 */
export function openDatabase(file: string, options: { migrations?: readonly Migration[] } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.migrations ?? migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
