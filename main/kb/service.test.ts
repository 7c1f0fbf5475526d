import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoArticleIds, demoArticles, demoScripts } from '../../assets/demo/knowledge-base';
import { createDeskStore } from '../sync/desk-store';
import type { PulledChange } from '../sync/store';
import { useTestDesk, type TestDesk } from '../test-support/workstation';

const published = { version: 1, updatedBy: 'user-redaktors', updatedAt: '2026-11-20T09:00:00.000Z' };
let seq = 0;

/** Rows arriving from the platform as a pull would bring them. */
function pulled(d: TestDesk, changes: Omit<PulledChange, 'version' | 'deleted'>[]) {
  createDeskStore(d.workstation.db).applyPulled(
    { changes: changes.map((c) => ({ ...c, version: ++seq, deleted: false })), checkpoint: seq, lastMutationId: null, final: true },
    new Date(),
  );
}

/** The demo knowledge base as a front desk receives it: owner-only articles stay with their institution. */
function withDemoKnowledge(d: TestDesk) {
  pulled(d, [
    ...demoArticles().filter((a) => a.audience === 'providers').map((a) => ({ entity: 'article', id: a.id, data: { ...a, ...published } })),
    ...demoScripts.map((s) => ({ entity: 'script', id: s.id, data: { ...s, ...published } })),
  ]);
}

const childCare = demoArticles().find((a) => a.id === demoArticleIds.childCare)!;

describe('knowledge on the desk', () => {
  const desk = useTestDesk();

  it('finds the synced documents without diacritics and with a typo, and opens them with who published them', async () => {
    const d = await desk.start();
    withDemoKnowledge(d);
    await d.call('session.signIn', { username: 'operators', password: 'demo' });
    const { items } = await d.call('kb.search', { query: 'zinasanu bze izpildes skripti' });
    expect(items[0]?.title).toMatch(/4\.4\.2\.6\..*Zin/u);
    const article = await d.call('kb.get', { id: items[0]!.id });
    expect(article).toMatchObject({ audience: 'providers', updatedByName: 'Mārtiņš Liepiņš', lastReadVersion: null, pending: false });
    expect(article.source).toMatch(/^001_.*#4\.4\.2\.6\.$/u);
    expect((await d.call('kb.search', { query: 'kopsanas pabalsta pieprasit' })).items[0]?.title).toBe('Bērna kopšanas pabalsts: kā pieprasīt');
    expect(await d.fail('kb.get', { id: 'nav-tada' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('marks an article changed since this reader last read it, in search and in what they follow', async () => {
    const d = await desk.start();
    withDemoKnowledge(d);
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    await d.call('kb.subscribe', { kind: 'service', key: 'P.12', subscribed: true });
    await d.call('kb.subscribe', { kind: 'topic', key: 'Pakalpojumi / PMLP', subscribed: true });
    expect(await d.fail('kb.subscribe', { kind: 'service', key: '9999', subscribed: true })).toMatchObject({ code: 'INVALID_INPUT' });
    await d.call('kb.get', { id: childCare.id });
    expect((await d.call('kb.changes', {})).items).toEqual([]);

    pulled(d, [{ entity: 'article', id: childCare.id, data: { ...childCare, ...published, version: 2, body: `${childCare.body}\n\nNo 2027. gada pabalstu var pieprasīt arī portālā.`, updatedAt: '2026-11-23T09:00:00.000Z' } }]);
    const { items, subscriptions } = await d.call('kb.changes', {});
    expect(items.map((a) => [a.title, a.version, a.changed])).toEqual([['Bērna kopšanas pabalsts: kā pieprasīt', 2, true]]);
    expect(subscriptions.map((s) => s.label)).toEqual(['P.12 Bērna kopšanas pabalsts', 'Pakalpojumi / PMLP']);
    expect((await d.call('kb.search', { query: 'berna kopsanas pabalsts ' })).items.find((h) => h.id === childCare.id)?.changed).toBe(true);
    expect((await d.call('kb.topics', {})).items.find((t) => t.path === childCare.topic)).toMatchObject({ changed: 1 });

    const reread = await d.call('kb.get', { id: childCare.id });
    expect(reread.lastReadVersion).toBe(1);
    expect((await d.call('kb.changes', {})).items).toEqual([]);
    expect((await d.call('kb.history', { id: childCare.id })).items.map((v) => v.version)).toEqual([2, 1]);
  });

  it('suggests the service’s own articles first, then articles about the words of a script step', async () => {
    const d = await desk.start();
    withDemoKnowledge(d);
    await d.call('session.signIn', { username: 'operators', password: 'demo' });
    const forPassport = await d.call('kb.suggest', { serviceCode: '1001', text: '' });
    expect(forPassport.items.map((a) => a.title)).toEqual(['Pases izsniegšana: procedūra klātienē', 'Pases valsts nodeva līdz 2025. gadam']);
    const forStep = await d.call('kb.suggest', { text: 'Nolasiet: „PIN kodus var atjaunot eParaksts lietotnē vai PMLP nodaļā.”' });
    expect(forStep.items[0]?.title).toBe('eID kartes PIN kodu atjaunošana');
  });

  it('browses the topic tree in Latvian order, outdated articles last', async () => {
    const d = await desk.start();
    withDemoKnowledge(d);
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    const { items } = await d.call('kb.browse', { topic: 'Pakalpojumi / PMLP' });
    expect(items.map((a) => a.title)).toEqual([
      'Dzīvesvietas deklarēšana: kas jāpārbauda',
      'eID kartes PIN kodu atjaunošana',
      'Pases izsniegšana: procedūra klātienē',
      'Pases valsts nodeva līdz 2025. gadam',
    ]);
    expect((await d.call('kb.browse', { topic: 'Pakalpojumi / PM' })).items).toEqual([]);
  });

  it('lets an editor publish through the outbox, readable at once, and refuses a stale base', async () => {
    const d = await desk.start();
    withDemoKnowledge(d);
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    const draft = { id: randomUUID(), baseVersion: 0, title: 'Pases saņemšana pa pastu', body: 'Pasi var saņemt arī pa pastu, ja klients to norāda pieteikumā.', topic: 'Pakalpojumi / PMLP', tags: ['pase'], serviceCodes: ['1001'], legislation: [], audience: 'providers' as const, template: 'faq' as const };
    expect(await d.fail('kb.publish', draft)).toMatchObject({ code: 'FORBIDDEN' });
    await d.call('session.signOut', {});
    await d.call('session.signIn', { username: 'redaktors', password: 'demo' });
    const shown = await d.call('kb.publish', draft);
    expect(shown).toMatchObject({ version: 1, pending: true, updatedByName: 'Mārtiņš Liepiņš' });
    expect((await d.call('kb.search', { query: 'pa pastu' })).items[0]?.id).toBe(draft.id);
    expect((await d.call('sync.overview', {})).pending.map((p) => p.name)).toContain('article.publish');
    expect(await d.fail('kb.publish', { ...draft, title: 'Vecs labojums' })).toMatchObject({ code: 'CONFLICT' });
    expect(await d.fail('kb.publish', { ...draft, baseVersion: 1, audience: 'owners' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await d.fail('kb.publish', { ...draft, baseVersion: 1, legislation: [{ title: 'x', url: 'javascript:alert(1)' }] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await d.call('kb.retire', { id: draft.id })).status).toBe('outdated');
  });

  it('publishes only a script whose every path ends with an outcome, and keeps which script a consultation followed', async () => {
    const d = await desk.start();
    withDemoKnowledge(d);
    await d.call('session.signIn', { username: 'redaktors', password: 'demo' });
    const steps = [
      { id: 'q', kind: 'question' as const, text: 'Vai klientam ir deklarētā dzīvesvieta?', choices: [{ label: 'Jā', next: 'end' }, { label: 'Nē', next: 'kur' }] },
      { id: 'end', kind: 'end' as const, text: 'Informēts', outcome: 'informed' as const },
    ];
    const draft = { id: randomUUID(), baseVersion: 0, title: 'Dzīvesvietas jautājumi', serviceCodes: ['1003'], start: 'q', steps };
    const refused = await d.fail('kb.publishScript', draft);
    expect(refused).toMatchObject({ code: 'INVALID_INPUT' });
    expect(JSON.stringify(refused)).toMatch(/neesošu soli „kur”/u);
    const script = await d.call('kb.publishScript', { ...draft, steps: [...steps, { id: 'kur', kind: 'record' as const, text: 'Pierakstiet adresi', next: 'end' }] });
    expect(script).toMatchObject({ version: 1, pending: true, start: 'q' });
    expect((await d.call('kb.scripts', {})).items.map((s) => s.title)).toEqual(['Dzīvesvietas jautājumi', 'Zvans par pabalstu bērna kopšanai', 'Zvans par pasi vai eID karti']);

    await d.call('session.signOut', {});
    await d.call('session.signIn', { username: 'operators', password: 'demo' });
    const run = { id: script.id, version: 1, path: ['q', 'kur', 'end'] };
    const consultation = await d.call('consultations.register', { serviceCode: '1003', channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: 'Adrese: Brīvības iela 1', script: run });
    expect(consultation.scriptTitle).toBe('Dzīvesvietas jautājumi');
    expect(await d.fail('consultations.register', { serviceCode: null, channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: '', script: { ...run, id: 'nav' } })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is closed to a desk nobody signed in to', async () => {
    const d = await desk.start();
    expect(await d.fail('kb.search', { query: 'pase' })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
