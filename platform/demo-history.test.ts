import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoData } from '../assets/demo';
import { rigaDay } from '../shared/riga-day';
import { nextStatuses } from '../shared/case-lifecycle';
import { migrate } from './db/migrations';
import { openPglite } from './db/sql';
import { seedDemo } from './demo';
import { seedHistory } from './demo-history';
import type { CaseData } from './entities';
import type { Platform } from './server';
import { connectDesk, engines, startTestPlatform } from './test-support/platform';

// Three weeks at a fiftieth of the default load: a few hundred cases, a thousand tickets.
const history = { days: 21, scale: 0.02, today: rigaDay(new Date()) };

describe.each(engines)('demo history on %s', (engine) => {
  let platform: Platform;
  afterEach(async () => platform?.close());

  it('loads with gap-free seq, archives what desks no longer need and sets visibility as live writes do', async () => {
    platform = await startTestPlatform(engine);
    const { sql } = platform;
    const loaded = await seedHistory(sql, generateDemoData(), history);
    expect(loaded.rows).toBeGreaterThan(1000);
    expect(loaded.archived).toBeGreaterThan(0);

    const [seq] = await sql.query<{ seq: string; max: string; versions: string; rows: string }>(
      `SELECT (SELECT seq FROM sync_counter) AS seq, max(version) AS max, count(DISTINCT version) AS versions, count(*) AS rows FROM sync_rows`,
    );
    expect(Number(seq?.max)).toBe(Number(seq?.seq));
    expect(Number(seq?.versions)).toBe(Number(seq?.seq));
    expect(Number(seq?.rows)).toBe(Number(seq?.seq));

    const count = async (where: string) => Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM sync_rows WHERE ${where}`))[0]?.n);
    expect(await count(`entity = 'case' AND archived AND data->>'status' NOT IN ('closed', 'cancelled', 'rejected')`)).toBe(0);
    expect(await count(`entity = 'ticket' AND archived AND data->>'day' >= '${rigaDay(new Date(Date.now() - 10 * 86_400_000))}'`)).toBe(0);
    // The columns a pull filters on say what the live mutations would have said.
    expect(await count(`entity = 'case' AND (centre_id IS DISTINCT FROM data->>'centreId' OR owner_code IS DISTINCT FROM data->>'ownerCode' OR client_id IS DISTINCT FROM data->>'clientId')`)).toBe(0);
    expect(await count(`entity = 'client' AND (client_id <> id OR centre_id IS DISTINCT FROM data->>'centreId')`)).toBe(0);
    expect(
      await count(`entity = 'consultation' AND owner_code IS DISTINCT FROM (SELECT s.owner_code FROM sync_rows s WHERE s.entity = 'service' AND s.id = sync_rows.data->>'serviceCode')`),
    ).toBe(0);
    expect(
      await count(
        `entity = 'invoice' AND NOT EXISTS (SELECT 1 FROM sync_rows c WHERE c.entity = 'case' AND c.id = sync_rows.data->>'caseId'
           AND c.centre_id = sync_rows.centre_id AND c.owner_code = sync_rows.owner_code AND c.client_id = sync_rows.client_id)`,
      ),
    ).toBe(0);
    expect(await count(`entity IN ('ticket', 'worktime', 'feedback') AND (centre_id IS DISTINCT FROM data->>'centreId' OR owner_code IS NOT NULL OR everyone)`)).toBe(0);

    // Every case went only through the lifecycle the platform enforces.
    for (const { data } of await sql.query<{ data: CaseData }>(`SELECT data FROM sync_rows WHERE entity = 'case'`)) {
      const changes = data.history.filter((h) => h.action === 'status');
      for (const h of changes) expect(nextStatuses(h.from as CaseData['status'], 'desk').concat(nextStatuses(h.from as CaseData['status'], 'backoffice'))).toContain(h.to);
    }

    // A clerk gets the recent rows of her centre and none of the archived ones.
    const clerk = await connectDesk(platform, 'klerks');
    const pulled = new Set((await clerk.pull()).changes.map((c) => `${c.entity}/${c.id}`));
    const ids = async (where: string) => (await sql.query<{ key: string }>(`SELECT entity || '/' || id AS key FROM sync_rows WHERE centre_id = 'riga-centrs' AND ${where}`)).map((r) => r.key);
    const recent = await ids(`NOT archived`);
    const archived = await ids(`archived`);
    expect(recent.length).toBeGreaterThan(50);
    expect(archived.length).toBeGreaterThan(50);
    expect(recent.filter((key) => !pulled.has(key))).toEqual([]);
    expect(archived.filter((key) => pulled.has(key))).toEqual([]);
    expect(await count(`centre_id = 'cesis' AND NOT archived`)).toBeGreaterThan(0);
    expect([...pulled].some((key) => key.startsWith('ticket/') && !recent.includes(key))).toBe(false);
  });

  it('leaves the case numbers it used to no desk: a live case gets the next free one', async () => {
    platform = await startTestPlatform(engine);
    await seedHistory(platform.sql, generateDemoData(), history);
    const [highest] = await platform.sql.query<{ n: string }>(`SELECT max(number) AS n FROM case_numbers`);
    const [taken] = await platform.sql.query<{ data: CaseData }>(`SELECT data FROM sync_rows WHERE entity = 'case' ORDER BY version LIMIT 1`);

    const desk = await connectDesk(platform, 'klerks');
    const { reserveCaseNumbers } = await desk.request<{ reserveCaseNumbers: { first: number } }>(`mutation ($c: ID!) { reserveCaseNumbers(clientId: $c, count: 10) { first } }`, { c: desk.clientId });
    expect(reserveCaseNumbers.first).toBeGreaterThan(Number(highest?.n));
    const create = (caseNumber: string) => desk.push('case.create', { id: randomUUID(), caseNumber, serviceCode: 'P.10', clientId: null, channel: 'in_person', form: {} });
    expect((await create(`P.10 ${reserveCaseNumbers.first}`)).status).toBe('APPLIED');
    const [, historyNumber] = taken?.data.caseNumber.split(' ') ?? [];
    expect((await create(`P.10 ${historyNumber}`)).status).toBe('REJECTED');
  });
});

describe('demo seeding with history', () => {
  it('writes the directory last, so a start stopped midway loads the history again from scratch', async () => {
    const sql = await openPglite();
    await migrate(sql);
    // What an interrupted first start leaves: history rows and numbers, but no directory.
    await seedHistory(sql, generateDemoData(), { ...history, scale: 0.005 });
    expect(await seedDemo(sql, { passwordMemoryCost: 1024, history: { ...history, scale: 0.005 } })).toBe(true);
    const [rows] = await sql.query<{ tickets: string; institutions: string; blocks: string }>(
      `SELECT (SELECT count(*) FROM sync_rows WHERE entity = 'ticket') AS tickets, (SELECT count(*) FROM institutions) AS institutions, (SELECT count(*) FROM case_number_blocks) AS blocks`,
    );
    expect(Number(rows?.tickets)).toBe(Math.round((200_000 * 0.005 * history.days) / 90));
    expect(Number(rows?.institutions)).toBeGreaterThan(0);
    expect(Number(rows?.blocks)).toBe(1);
    expect(await seedDemo(sql, { passwordMemoryCost: 1024, history })).toBe(false);
    await sql.close();
  });
});
