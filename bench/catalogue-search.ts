import MiniSearch from 'minisearch';
import { generateDemoData, type DemoService } from '../assets/demo';
import { createCatalogueService } from '../main/catalogue/service';
import type { Db } from '../main/db/connection';
import { seedDemo } from '../main/demo/seed';
import { fold } from '../main/text/fold';
import { measure, type Figure } from './measure';

/** The demo catalogue, repeated with distinct codes so the index is the size of a national one. */
function scaledServices(copies: number): DemoService[] {
  const base = generateDemoData().services;
  return Array.from({ length: copies }, (_, i) =>
    base.map((s) => (i === 0 ? s : { ...s, code: `${s.code.replace('.', '')}-${i}`, name: `${s.name} (${i})` })),
  ).flat();
}

const queries = ['bezdarbnieka', 'gimenes pab', 'pase', 'deklaracija', 'P.02', 'buvatlauja', 'majokla pabalsts', 'kadastra', 'sia dibinasana', 'pensija'];

export async function catalogueSearchBench(db: Db, copies = 30): Promise<Figure[]> {
  await seedDemo(db, { deskId: null, passwordCost: 1024 });
  const services = scaledServices(copies);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO services (code, name, description, owner_code, channels, fee_kind, fee_cents, synonyms,
       required_documents, typical_duration_days, sla_days, form) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const s of services) {
      insert.run(s.code, s.name, s.description, s.ownerCode, JSON.stringify(s.channels), s.fee.kind, s.fee.amountCents,
        JSON.stringify(s.synonyms), JSON.stringify(s.requiredDocuments), s.typicalDurationDays, s.slaDays, JSON.stringify(s.form));
    }
  })();
  const catalogue = createCatalogueService(db);

  const mini = new MiniSearch<DemoService & { id: string; synonymText: string }>({
    fields: ['code', 'name', 'synonymText', 'description'],
    storeFields: ['code'],
    processTerm: (term) => fold(term),
    searchOptions: { prefix: true, combineWith: 'AND', boost: { code: 10, name: 8, synonymText: 4 } },
  });
  mini.addAll(services.map((s) => ({ ...s, id: s.code, synonymText: s.synonyms.join(' ') })));

  const like = db.prepare(`SELECT code FROM services WHERE name LIKE ? OR synonyms LIKE ? LIMIT 20`);
  let q = 0;
  const next = () => queries[q++ % queries.length] ?? '';

  const ours = await measure(() => catalogue.search({ query: next(), ownerCode: null, limit: 20 }));
  const minisearch = await measure(() => mini.search(next()).slice(0, 20));
  const plainLike = await measure(() => {
    const term = `%${next()}%`;
    return like.all(term, term);
  });
  const size = `${services.length} services`;
  return [
    { name: `catalogue search, ${size}: ours vs MiniSearch (in-memory)`, ours, baseline: minisearch },
    { name: `catalogue search, ${size}: ours vs plain LIKE (no diacritic folding)`, ours, baseline: plainLike },
  ];
}
