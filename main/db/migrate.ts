import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3… with no gaps; stored in `PRAGMA user_version`. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export class DatabaseTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`Datubāzes versija ${found} ir jaunāka par šīs programmas versiju ${known}: atjauniniet Lete.`);
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Forward-only: each pending migration runs in its own transaction together with the version bump, so
 * a crash leaves the database at a whole version. A database from a newer app is refused, not guessed at.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], target?: number): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const goal = target ?? latest;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  for (const m of migrations.slice(current, goal)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
