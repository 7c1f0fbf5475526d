import type { Sql } from './sql';
import { statisticsSql } from './statistics';
import { rollupSql } from '../stats/rollup';

/**
 * Numbered, forward-only, identical on PostgreSQL and PGlite. Synced state lives in `sync_rows`: one
 * row per entity instance with its current data, the seq of its last write (`version`), a tombstone
 * flag and per-field versions, scoped by centre and institution for pulls.
 */
export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'directory-and-auth',
    sql: `
      CREATE TABLE institutions (code text PRIMARY KEY, name text NOT NULL, name_en text NOT NULL, kind text NOT NULL);
      CREATE TABLE centres (id text PRIMARY KEY, name text NOT NULL, municipality text NOT NULL, address text NOT NULL, kind text NOT NULL);
      CREATE TABLE desks (id text PRIMARY KEY, centre_id text NOT NULL REFERENCES centres(id), name text NOT NULL);
      CREATE TABLE users (
        id text PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        roles text[] NOT NULL,
        centre_id text REFERENCES centres(id),
        institution_code text REFERENCES institutions(code),
        desk_id text REFERENCES desks(id),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true
      );
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        replaced_by text
      );
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id text,
        action text NOT NULL,
        subject text,
        client_concerned text,
        detail jsonb
      );
    `,
  },
  {
    version: 2,
    name: 'sync',
    sql: `
      -- One row, locked by every writing transaction: seq is gap-free and follows commit order.
      CREATE TABLE sync_counter (id int PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL);
      INSERT INTO sync_counter VALUES (1, 0);
      CREATE TABLE sync_rows (
        entity text NOT NULL,
        id text NOT NULL,
        version bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL,
        field_versions jsonb NOT NULL DEFAULT '{}',
        centre_id text,        -- NULL: visible to every centre (catalogue, directory)
        owner_code text,       -- the owning institution, for institution staff
        PRIMARY KEY (entity, id)
      );
      CREATE INDEX sync_rows_version ON sync_rows(version);
      CREATE TABLE sync_clients (
        client_id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id),
        last_mutation_id bigint NOT NULL DEFAULT 0
      );
      CREATE TABLE sync_mutations (
        client_id text NOT NULL,
        mutation_id bigint NOT NULL,
        key text NOT NULL UNIQUE,
        name text NOT NULL,
        status text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, mutation_id)
      );
      CREATE TABLE sync_conflicts (
        id bigserial PRIMARY KEY,
        client_id text NOT NULL,
        mutation_id bigint NOT NULL,
        entity text NOT NULL,
        entity_id text NOT NULL,
        fields text[] NOT NULL,
        client_state jsonb NOT NULL,
        server_state jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 3,
    name: 'domain',
    sql: `
      -- Visibility: everyone (catalogue, directory, provider articles), one centre, or one owner institution.
      ALTER TABLE sync_rows ADD COLUMN everyone boolean NOT NULL DEFAULT false;
      UPDATE sync_rows SET everyone = (centre_id IS NULL);
      -- The client a row concerns, for the 360 view across centres.
      ALTER TABLE sync_rows ADD COLUMN client_id text;
      -- History kept for statistics only: never sent to desks in a pull.
      ALTER TABLE sync_rows ADD COLUMN archived boolean NOT NULL DEFAULT false;
      CREATE INDEX sync_rows_client ON sync_rows(client_id) WHERE client_id IS NOT NULL;
      CREATE INDEX sync_rows_entity_centre ON sync_rows(entity, centre_id);

      -- Case numbers are handed to desks in blocks, so a desk offline can still print a final number.
      CREATE TABLE case_number_counter (id int PRIMARY KEY CHECK (id = 1), last bigint NOT NULL);
      INSERT INTO case_number_counter VALUES (1, 9999);
      CREATE TABLE case_number_blocks (client_id text NOT NULL, first bigint NOT NULL, last bigint NOT NULL, PRIMARY KEY (client_id, first));
      CREATE TABLE case_numbers (number bigint PRIMARY KEY, case_id text NOT NULL UNIQUE);
      CREATE UNIQUE INDEX sync_rows_invoice_number ON sync_rows ((data->>'number')) WHERE entity = 'invoice';
      CREATE TABLE ticket_counters (queue_id text NOT NULL, day date NOT NULL, last int NOT NULL, PRIMARY KEY (queue_id, day));

      -- Document content, uploaded resumably in chunks after the metadata row is synced.
      CREATE TABLE document_content (
        id text PRIMARY KEY,
        size bigint NOT NULL,
        sha256 text NOT NULL,
        received bigint NOT NULL DEFAULT 0,
        complete boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE document_chunks (id text NOT NULL REFERENCES document_content(id) ON DELETE CASCADE, "offset" bigint NOT NULL, data bytea NOT NULL, PRIMARY KEY (id, "offset"));

      -- Applications waiting for their owner's back office, leased out again until it accepts them.
      CREATE TABLE backoffice_outbox (
        case_id text PRIMARY KEY,
        owner_code text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        next_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );
      CREATE INDEX backoffice_outbox_due ON backoffice_outbox(owner_code, next_at) WHERE sent_at IS NULL;
      -- What an intent answered (the ticket "call next" picked), to answer a retry the same way.
      ALTER TABLE sync_mutations ADD COLUMN result jsonb;
      CREATE INDEX audit_events_client ON audit_events(client_concerned) WHERE client_concerned IS NOT NULL;
    `,
  },
  {
    version: 4,
    name: 'mutation-versions',
    sql: `
      -- The seq an applied mutation's transaction ended at: a desk that edited on top of its own pending
      -- change uses it as that edit's base version, and a retry gets the same number.
      ALTER TABLE sync_mutations ADD COLUMN version bigint;
    `,
  },
  {
    version: 5,
    name: 'live-lookups',
    sql: `
      -- Months of history make every lookup inside JSON a scan; these keep the live paths (call next,
      -- a clerk's open worktime, a rating's ticket, documents and invoices of a case, the SLA sweep,
      -- a desk's pull) on an index however much history there is.
      CREATE INDEX sync_rows_ticket_waiting ON sync_rows (centre_id, (data->>'day'), (data->>'queueId'))
        WHERE entity = 'ticket' AND data->>'status' = 'waiting';
      CREATE INDEX sync_rows_ticket_busy ON sync_rows (centre_id, (data->>'userId'))
        WHERE entity = 'ticket' AND data->>'status' IN ('called', 'serving');
      CREATE INDEX sync_rows_worktime_open ON sync_rows ((data->>'userId')) WHERE entity = 'worktime' AND data->>'endedAt' IS NULL;
      CREATE INDEX sync_rows_feedback_ticket ON sync_rows ((data->>'ticketId')) WHERE entity = 'feedback';
      CREATE INDEX sync_rows_by_case ON sync_rows (entity, (data->>'caseId')) WHERE entity IN ('document', 'invoice');
      CREATE INDEX sync_rows_case_due ON sync_rows ((data->>'dueAt')) WHERE entity = 'case' AND NOT archived AND NOT deleted;
      CREATE INDEX sync_rows_live_version ON sync_rows (version) WHERE NOT archived;
    `,
  },
  {
    version: 6,
    name: 'wait-targets-and-appointments',
    sql: `
      -- Every queue gets a service level. Queue rows are synced, so the new field gets a new seq like any
      -- write (gap-free, one per row): desks that already have the queue pull it again.
      WITH q AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM sync_rows WHERE entity = 'queue' AND NOT (data ? 'waitTargetMinutes')),
      c AS (UPDATE sync_counter SET seq = seq + (SELECT count(*) FROM q) WHERE id = 1 RETURNING seq - (SELECT count(*) FROM q) AS base)
      UPDATE sync_rows r SET data = r.data || '{"waitTargetMinutes": 15}', version = c.base + q.n,
        field_versions = r.field_versions || jsonb_build_object('waitTargetMinutes', c.base + q.n)
        FROM q, c WHERE r.entity = 'queue' AND r.id = q.id;
      -- An appointment's check-in code is unique per centre and Riga day; the index also finds it at check-in.
      CREATE UNIQUE INDEX sync_rows_appointment_code ON sync_rows (centre_id, (data->>'day'), (data->>'code')) WHERE entity = 'appointment';
      -- Tickets transferred to one desk, which that desk calls before its queues.
      CREATE INDEX sync_rows_ticket_targeted ON sync_rows (centre_id, (data->>'targetDeskId'))
        WHERE entity = 'ticket' AND data->>'status' = 'waiting' AND data->>'targetDeskId' IS NOT NULL;
    `,
  },
  {
    version: 7,
    name: 'statistics',
    sql: statisticsSql,
  },
  {
    version: 8,
    name: 'statistics-rollup',
    sql: rollupSql,
  },
];

/** Applies migrations up to `target` (all by default), each in its own transaction with its record. */
export async function migrate(sql: Sql, target = migrations.length): Promise<number> {
  await sql.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Set((await sql.query<{ version: number }>(`SELECT version FROM schema_migrations`)).map((r) => Number(r.version)));
  for (const m of migrations) {
    if (done.has(m.version) || m.version > target) continue;
    await sql.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
    });
  }
  return Math.min(target, migrations.length);
}
