import type { Migration } from '../migrate';

/**
 * The clerk's case work on this desk: clients, service cases and invoices as projections of the
 * synced rows (what the lookup, the inbox and the profile query), the blocks of case numbers the
 * platform handed this installation so it can number applications offline, and the client a
 * consultation was about; and the account an institution's invoices are paid to.
 */
export const m0010Casework: Migration = {
  version: 10,
  name: 'casework',
  up(db) {
    db.exec(`
      CREATE TABLE clients (
        id             TEXT PRIMARY KEY,
        personal_code  TEXT,                 -- normalised DDMMYY-NNNNN; NULL for a partly identified client
        first_name     TEXT,
        last_name      TEXT,
        search_name    TEXT NOT NULL,        -- "first last" folded: lower case, no diacritics
        phone          TEXT,
        phone_digits   TEXT,                 -- digits only, so "+371 2612 3456" and "26123456" meet
        email          TEXT,
        bank_account   TEXT,
        centre_id      TEXT,
        created_at     TEXT NOT NULL,
        version        INTEGER               -- NULL while the registration waits in the outbox
      ) STRICT;
      CREATE INDEX clients_personal_code ON clients(personal_code);
      CREATE INDEX clients_search_name ON clients(search_name);
      CREATE INDEX clients_phone ON clients(phone_digits);
      CREATE INDEX clients_email ON clients(lower(email));

      CREATE TABLE cases (
        id            TEXT PRIMARY KEY,
        case_number   TEXT NOT NULL,
        service_code  TEXT NOT NULL,
        owner_code    TEXT NOT NULL,
        client_id     TEXT,
        channel       TEXT NOT NULL,
        status        TEXT NOT NULL,
        level         TEXT NOT NULL,
        assignee_id   TEXT,
        centre_id     TEXT,
        created_by    TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        local_date    TEXT NOT NULL,         -- Europe/Riga day of creation: "today's cases"
        submitted_at  TEXT,
        due_at        TEXT,
        escalated     INTEGER NOT NULL DEFAULT 0,
        changed_at    TEXT NOT NULL,         -- the newest history entry: inbox order
        version       INTEGER                -- the form, history and notes stay in the synced row itself
      ) STRICT;
      CREATE UNIQUE INDEX cases_number ON cases(case_number);
      CREATE INDEX cases_assignee ON cases(assignee_id, status);
      CREATE INDEX cases_owner_level ON cases(owner_code, level, status);
      CREATE INDEX cases_client ON cases(client_id);
      CREATE INDEX cases_day ON cases(created_by, local_date);

      CREATE TABLE invoices (
        id            TEXT PRIMARY KEY,
        case_id       TEXT NOT NULL,
        client_id     TEXT,
        number        TEXT NOT NULL,
        reference     TEXT NOT NULL,
        kind          TEXT NOT NULL,
        amount_cents  INTEGER NOT NULL,
        paid_cents    INTEGER NOT NULL DEFAULT 0,
        status        TEXT NOT NULL,
        issued_at     TEXT NOT NULL,
        data          TEXT NOT NULL,
        version       INTEGER
      ) STRICT;
      CREATE INDEX invoices_case ON invoices(case_id);
      CREATE INDEX invoices_client ON invoices(client_id);

      CREATE TABLE case_number_blocks (
        first  INTEGER PRIMARY KEY,
        last   INTEGER NOT NULL,
        next   INTEGER NOT NULL,             -- the next number this desk will give out
        CHECK (first <= next AND next <= last + 1)
      ) STRICT;

      -- Printed on invoices as the payee.
      ALTER TABLE institutions ADD COLUMN iban TEXT;
      ALTER TABLE institutions ADD COLUMN registration_number TEXT;

      ALTER TABLE consultations ADD COLUMN client_id TEXT;
      CREATE INDEX consultations_client ON consultations(client_id) WHERE client_id IS NOT NULL;
    `);
  },
};
