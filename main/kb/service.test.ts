import { describe, expect, it } from 'vitest';
import { useTestDesk } from '../test-support/workstation';

describe('knowledge through the contract', () => {
  const desk = useTestDesk();

  it('has the project’s Latvian documents in the demo knowledge base, found without diacritics and with a typo', async () => {
    const d = await desk.start();
    await d.call('session.signIn', { username: 'operators', password: 'demo' });
    const { items } = await d.call('kb.search', { query: 'zinasanu bze izpildes skripti' });
    expect(items[0]?.title).toMatch(/4\.4\.2\.6\..*Zin/u);
    const article = await d.call('kb.get', { id: items[0]!.id });
    expect(article.body.length).toBeGreaterThan(200);
    expect(article.source).toMatch(/^001_.*#4\.4\.2\.6\.$/u);
    expect(await d.fail('kb.get', { id: 'nav-tada' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is closed to a desk nobody signed in to', async () => {
    const d = await desk.start();
    expect(await d.fail('kb.search', { query: 'pase' })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
