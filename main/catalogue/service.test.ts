import { describe, expect, it } from 'vitest';
import { useTestDesk } from '../test-support/workstation';

describe('catalogue search', () => {
  const desk = useTestDesk();

  async function signedIn() {
    const d = await desk.start();
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    return d;
  }

  it('finds the NVA unemployed-status service typed without diacritics', async () => {
    const d = await signedIn();
    const { items } = await d.call('catalogue.search', { query: 'bezdarbnieka' });
    const hit = items.find((s) => s.code === 'P.02');
    expect(hit).toBeDefined();
    expect(hit?.owner.code).toBe('NVA');
    expect(items[0]?.name).toMatch(/bezdarbniek/iu);
  });

  it('matches diacritics either way and as a prefix while typing', async () => {
    const d = await signedIn();
    const plain = await d.call('catalogue.search', { query: 'gimenes valsts pab' });
    const marked = await d.call('catalogue.search', { query: 'ģimenes valsts pab' });
    expect(plain.items.map((s) => s.code)).toEqual(marked.items.map((s) => s.code));
    expect(plain.items[0]?.owner.code).toBe('VSAA');
  });

  it('puts the service whose code was typed first', async () => {
    const d = await signedIn();
    const { items } = await d.call('catalogue.search', { query: 'p.05' });
    expect(items[0]?.code).toBe('P.05');
    expect(items[0]?.owner.code).toBe('VID');
  });

  it('says which synonym matched when the name did not', async () => {
    const d = await signedIn();
    const { items } = await d.call('catalogue.search', { query: 'bezdarbnieks' });
    const hit = items.find((s) => s.code === 'P.02');
    expect(hit?.matchedSynonym).toMatch(/bezdarbnieks/iu);
  });

  it('filters by owner and lists the whole catalogue in Latvian order when the query is empty', async () => {
    const d = await signedIn();
    const all = await d.call('catalogue.search', { query: '', limit: 100 });
    expect(all.total).toBeGreaterThanOrEqual(300);
    const names = all.items.map((s) => s.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('lv', { sensitivity: 'base', numeric: true }).compare));
    const vid = await d.call('catalogue.search', { query: 'deklar', ownerCode: 'VID' });
    expect(vid.items.length).toBeGreaterThan(0);
    expect(vid.items.every((s) => s.owner.code === 'VID')).toBe(true);
  });

  it('treats search syntax as text, never as an FTS query', async () => {
    const d = await signedIn();
    for (const query of ['"', 'NEAR(', 'a OR b*', "'; DROP TABLE services; --", '%_\\']) {
      const result = await d.call('catalogue.search', { query });
      expect(Array.isArray(result.items)).toBe(true);
    }
    expect((await d.call('catalogue.search', { query: 'bezdarbnieka' })).items.length).toBeGreaterThan(0);
  });

  it('returns a service in full and says clearly when a code does not exist', async () => {
    const d = await signedIn();
    const service = await d.call('catalogue.get', { code: 'P.02' });
    expect(service.requiredDocuments.length).toBeGreaterThan(0);
    expect(await d.fail('catalogue.get', { code: 'ZZZZ' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
