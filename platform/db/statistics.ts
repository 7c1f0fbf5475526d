/**
 * The statistics projection (migration 7): narrow fact tables the database keeps in step with
 * `sync_rows` itself, so every write path (push, the history loader, a back office, a hand-made fix)
 * feeds them and none can forget to. Reports and the live view read only these tables, indexed by
 * (centre, Riga day), never the JSON of months of rows.
 *
 * Triggers are per statement with transition tables rather than per row: the history loader inserts
 * 2,000 rows a statement, and one set-based upsert per fact table costs far less than 2,000 calls.
 * PostgreSQL allows a transition table only on a single-event trigger, hence one trigger for INSERT
 * (which also sees the rows an INSERT … ON CONFLICT inserted) and one for UPDATE (the rows it updated).
 * Fact columns are nullable on purpose: a fact never refuses the write it follows.
 * The same statements, over `sync_rows` instead of the transition table, backfill existing rows.
 */

/** The Riga calendar day of an ISO time held in JSON. */
const rigaDay = (iso: string) => `((${iso})::timestamptz AT TIME ZONE 'Europe/Riga')::date`;

export const statEntities = ['ticket', 'case', 'consultation', 'feedback', 'worktime'] as const;

/** Upserts the facts of the rows in `source` (a transition table or sync_rows itself). */
export function projectFacts(source: string): string {
  const ts = (field: string) => `(r.data->>'${field}')::timestamptz`;
  return `
    INSERT INTO stat_tickets (id, centre_id, queue_id, day, number, category, service_code, status, user_id, desk_id,
                              issued_at, first_called_at, called_at, started_at, finished_at, recalls, wait_seconds, service_seconds)
    SELECT r.id, r.data->>'centreId', r.data->>'queueId', (r.data->>'day')::date, r.data->>'number', r.data->>'category',
           r.data->>'serviceCode', r.data->>'status', r.data->>'userId', r.data->>'deskId',
           ${ts('issuedAt')}, f.at, ${ts('calledAt')}, ${ts('startedAt')}, ${ts('finishedAt')}, COALESCE((r.data->>'recalls')::int, 0),
           extract(epoch FROM f.at - ${ts('issuedAt')})::double precision,
           CASE WHEN r.data->>'status' = 'done' THEN extract(epoch FROM ${ts('finishedAt')} - ${ts('startedAt')})::double precision END
      FROM ${source} r
      -- The first call, from the ticket's history: a recall or a transfer and a second call never move it.
      CROSS JOIN LATERAL (SELECT COALESCE(
        (SELECT min((h->>'at')::timestamptz) FROM jsonb_array_elements(CASE jsonb_typeof(r.data->'history') WHEN 'array' THEN r.data->'history' ELSE '[]'::jsonb END) h WHERE h->>'action' = 'called'),
        ${ts('calledAt')}) AS at) f
     WHERE r.entity = 'ticket' AND NOT r.deleted
    ON CONFLICT (id) DO UPDATE SET centre_id = excluded.centre_id, queue_id = excluded.queue_id, day = excluded.day, number = excluded.number,
      category = excluded.category, service_code = excluded.service_code, status = excluded.status, user_id = excluded.user_id,
      desk_id = excluded.desk_id, issued_at = excluded.issued_at,
      first_called_at = COALESCE(stat_tickets.first_called_at, excluded.first_called_at),
      wait_seconds = COALESCE(stat_tickets.wait_seconds, excluded.wait_seconds),
      called_at = excluded.called_at, started_at = excluded.started_at, finished_at = excluded.finished_at, recalls = excluded.recalls,
      service_seconds = excluded.service_seconds;

    INSERT INTO stat_contacts (kind, id, centre_id, day, service_code, owner_code, channel, user_id)
    SELECT r.entity, r.id, r.data->>'centreId', ${rigaDay(`r.data->>'createdAt'`)}, r.data->>'serviceCode',
           -- A consultation's owner is its row's: the owner of its service when it was recorded.
           CASE r.entity WHEN 'case' THEN r.data->>'ownerCode' ELSE r.owner_code END,
           r.data->>'channel', CASE r.entity WHEN 'case' THEN r.data->>'createdBy' ELSE r.data->>'userId' END
      FROM ${source} r
     WHERE r.entity IN ('case', 'consultation') AND NOT r.deleted
    ON CONFLICT (kind, id) DO UPDATE SET centre_id = excluded.centre_id, day = excluded.day, service_code = excluded.service_code,
      owner_code = excluded.owner_code, channel = excluded.channel, user_id = excluded.user_id;

    INSERT INTO stat_feedback (id, centre_id, day, service_code, user_id, ticket_id, channel, rating)
    SELECT r.id, r.data->>'centreId', ${rigaDay(`r.data->>'at'`)}, r.data->>'serviceCode', r.data->>'userId', r.data->>'ticketId',
           CASE WHEN r.data->>'ticketId' IS NOT NULL THEN 'in_person' ELSE COALESCE(
             (SELECT c.data->>'channel' FROM sync_rows c WHERE c.entity = 'consultation' AND c.id = r.data->>'consultationId'),
             (SELECT c.data->>'channel' FROM sync_rows c WHERE c.entity = 'case' AND c.id = r.data->>'caseId'),
             'in_person') END,
           (r.data->>'rating')::int
      FROM ${source} r
     WHERE r.entity = 'feedback' AND NOT r.deleted
    ON CONFLICT (id) DO UPDATE SET centre_id = excluded.centre_id, day = excluded.day, service_code = excluded.service_code,
      user_id = excluded.user_id, ticket_id = excluded.ticket_id, channel = excluded.channel, rating = excluded.rating;

    INSERT INTO stat_worktime (id, centre_id, user_id, desk_id, state, service_code, day, started_at, ended_at, seconds)
    SELECT r.id, r.data->>'centreId', r.data->>'userId', r.data->>'deskId', r.data->>'state', r.data->>'serviceCode',
           ${rigaDay(`r.data->>'startedAt'`)}, ${ts('startedAt')}, ${ts('endedAt')},
           extract(epoch FROM ${ts('endedAt')} - ${ts('startedAt')})::double precision
      FROM ${source} r
     WHERE r.entity = 'worktime' AND NOT r.deleted
    ON CONFLICT (id) DO UPDATE SET centre_id = excluded.centre_id, user_id = excluded.user_id, desk_id = excluded.desk_id, state = excluded.state,
      service_code = excluded.service_code, day = excluded.day, started_at = excluded.started_at, ended_at = excluded.ended_at, seconds = excluded.seconds;
  `;
}

/** Removes the facts of the rows in `source` that are gone or tombstoned. */
function forgetFacts(source: string, onlyTombstones: boolean): string {
  const where = (entities: string) => `SELECT id FROM ${source} WHERE entity IN (${entities})${onlyTombstones ? ' AND deleted' : ''}`;
  return `
    DELETE FROM stat_tickets WHERE id IN (${where(`'ticket'`)});
    DELETE FROM stat_contacts WHERE (kind, id) IN (SELECT entity, id FROM ${source} WHERE entity IN ('case', 'consultation')${onlyTombstones ? ' AND deleted' : ''});
    DELETE FROM stat_feedback WHERE id IN (${where(`'feedback'`)});
    DELETE FROM stat_worktime WHERE id IN (${where(`'worktime'`)});
  `;
}

const entityList = statEntities.map((e) => `'${e}'`).join(', ');

export const statisticsSql = `
  CREATE TABLE stat_tickets (
    id text PRIMARY KEY,
    centre_id text,
    queue_id text,
    day date,              -- the Riga day the ticket was issued (its number's day)
    number text,
    category text,
    service_code text,
    status text,
    user_id text,
    desk_id text,
    issued_at timestamptz,
    first_called_at timestamptz,    -- kept through recalls and transfers
    called_at timestamptz,          -- the latest call (or recall), for the hall's display
    started_at timestamptz,
    finished_at timestamptz,
    recalls int NOT NULL DEFAULT 0,
    wait_seconds double precision,  -- first call − issue
    service_seconds double precision -- finish − start, done tickets only
  );
  CREATE INDEX stat_tickets_centre_day ON stat_tickets (centre_id, day);
  CREATE INDEX stat_tickets_day ON stat_tickets (day);

  CREATE TABLE stat_contacts (
    kind text NOT NULL,             -- case | consultation
    id text NOT NULL,
    centre_id text,
    day date,              -- the Riga day of createdAt
    service_code text,
    owner_code text,
    channel text,
    user_id text,                   -- the clerk: a case's creator, a consultation's user
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX stat_contacts_centre_day ON stat_contacts (centre_id, day);
  CREATE INDEX stat_contacts_day ON stat_contacts (day);

  CREATE TABLE stat_feedback (
    id text PRIMARY KEY,
    centre_id text,
    day date,
    service_code text,
    user_id text,
    ticket_id text,
    channel text,
    rating int
  );
  CREATE INDEX stat_feedback_centre_day ON stat_feedback (centre_id, day);
  CREATE INDEX stat_feedback_day ON stat_feedback (day);

  CREATE TABLE stat_worktime (
    id text PRIMARY KEY,
    centre_id text,
    user_id text,
    desk_id text,
    state text,
    service_code text,
    day date,              -- the Riga day the state began
    started_at timestamptz,
    ended_at timestamptz,
    seconds double precision
  );
  CREATE INDEX stat_worktime_centre_day ON stat_worktime (centre_id, day);
  CREATE INDEX stat_worktime_day ON stat_worktime (day);
  CREATE INDEX stat_worktime_open ON stat_worktime (centre_id) WHERE ended_at IS NULL;

  CREATE FUNCTION stat_project() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_rows WHERE entity IN (${entityList})) THEN RETURN NULL; END IF;
    ${forgetFacts('new_rows', true)}
    ${projectFacts('new_rows')}
    RETURN NULL;
  END
  $fn$;
  CREATE FUNCTION stat_forget() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    ${forgetFacts('old_rows', false)}
    RETURN NULL;
  END
  $fn$;
  CREATE TRIGGER stat_project_insert AFTER INSERT ON sync_rows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_project();
  CREATE TRIGGER stat_project_update AFTER UPDATE ON sync_rows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_project();
  CREATE TRIGGER stat_forget_delete AFTER DELETE ON sync_rows REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_forget();

  ${projectFacts('sync_rows')}
`;
