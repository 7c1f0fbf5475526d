import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoKnowledgeDir } from '../assets/demo/knowledge-base';
import { articlesFromFiles, importArticles } from '../main/kb/import';
import { createPlatformClient } from '../main/sync/platform-client';
import { nodeDesk, useDemoPlatform } from './node-desk';
import { until } from './sync-check';

const filler = 'Pieņemot iesniegumu, pārbaudiet personu apliecinošu dokumentu un klienta kontaktinformāciju.';

/**
 * The knowledge base end to end over real HTTP: a centre imports its material into the platform, an
 * editor publishes on one desk, a reader on another sees it marked as changed, and a consultation
 * recorded from a call script reaches the platform with its path.
 */
describe('knowledge base across desks and the platform', () => {
  const centre = useDemoPlatform('lete-kb-');
  const { tempDir, open } = centre;

  async function desk(username: string) {
    const { w, call } = await nodeDesk({ dataDir: tempDir(), platformUrl: centre.platform.url });
    open.push(w);
    await call('session.signIn', { username, password: 'demo' });
    await until(async () => (await call('kb.scripts', {})).items.length > 0 && (await call('status.get', {})).bootstrap === null, 'the knowledge base downloaded');
    return { w, call };
  }

  it('imports files through the platform: new sections published, unchanged ones left alone, an editor’s newer change never overwritten', async () => {
    const editor = createPlatformClient(centre.platform.url);
    await editor.login('redaktors', 'demo');
    const documents = [join(demoKnowledgeDir, '001_8158c974bc0cbe45.txt'), join(demoKnowledgeDir, '004_c62057f8a1ba487c.txt')];
    // The demo platform was loaded from the same documents: importing them again changes nothing.
    const again = await importArticles(editor, articlesFromFiles(documents, { topic: 'PSPP koncepcija un plāni' }), { pageSize: 100 });
    expect(again.published).toBe(0);
    expect(again.unchanged).toBeGreaterThan(40);

    const dir = tempDir();
    const file = join(dir, 'centra-materiali.md');
    writeFileSync(file, `# Iesnieguma pieņemšana\n${filler}\n# Rēķina izrakstīšana\n${filler} Rēķinu izraksta pēc pieteikuma reģistrēšanas.\n`);
    expect(await importArticles(editor, articlesFromFiles([file], { topic: 'Centra materiāli' }))).toEqual({ published: 2, unchanged: 0, refused: [] });
    writeFileSync(file, `# Iesnieguma pieņemšana\n${filler} Papildināts.\n# Rēķina izrakstīšana\n${filler} Rēķinu izraksta pēc pieteikuma reģistrēšanas.\n`);
    const [changed] = articlesFromFiles([file], { topic: 'Centra materiāli' });
    expect(await importArticles(editor, [changed!, ...articlesFromFiles([file], { topic: 'Centra materiāli' }).slice(1)])).toEqual({ published: 1, unchanged: 1, refused: [] });

    const rows = await centre.platform.sql.query<{ version: number; title: string }>(
      `SELECT (data->>'version')::int AS version, data->>'title' AS title FROM sync_rows WHERE entity = 'article' AND data->>'topic' = 'Centra materiāli' ORDER BY 2`,
    );
    expect(rows).toEqual([
      { version: 2, title: 'Iesnieguma pieņemšana' },
      { version: 1, title: 'Rēķina izrakstīšana' },
    ]);

    // An editor publishes a correction while the import runs: the import is refused, not applied over it.
    const colleague = createPlatformClient(centre.platform.url);
    await colleague.login('redaktors', 'demo');
    const racing = {
      push: editor.push,
      importedArticles: async (first: number, after: string | null) => {
        const page = await editor.importedArticles(first, after);
        const [mine] = await colleague.push(`colleague-${after ?? 'start'}`, [
          { mutationId: 1, key: crypto.randomUUID(), name: 'article.publish', args: { ...changed!, body: `${changed!.body} Redaktora labojums.`, baseVersion: 2 } },
        ]);
        expect(mine?.status).toBe('APPLIED');
        return page;
      },
    };
    writeFileSync(file, `# Iesnieguma pieņemšana\n${filler} Trešā redakcija.\n`);
    const race = await importArticles(racing, articlesFromFiles([file], { topic: 'Centra materiāli' }));
    expect(race.refused).toEqual([{ title: 'Iesnieguma pieņemšana', reason: 'Cits redaktors rakstu mainīja importa laikā.' }]);
    const [kept] = await centre.platform.sql.query<{ body: string }>(`SELECT data->>'body' AS body FROM sync_rows WHERE entity = 'article' AND id = $1`, [changed!.id]);
    expect(kept?.body).toMatch(/Redaktora labojums\.$/u);

    // The CLI refuses to run without its arguments, with a Latvian usage line.
    const { spawnSync } = await import('node:child_process');
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'main/kb/import-cli.ts'], { encoding: 'utf8' });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/Lietojums: npm run kb:import/u);
  });

  it('brings an editor’s article to another desk, marked as changed for a reader who had read it', async () => {
    const reader = await desk('klerks');
    const { items } = await reader.call('kb.search', { query: 'berna kopsanas pabalts' });
    const article = items[0]!;
    expect(article.title).toBe('Bērna kopšanas pabalsts: kā pieprasīt');
    const read = await reader.call('kb.get', { id: article.id });

    const editor = await desk('redaktors');
    const base = await editor.call('kb.get', { id: article.id });
    await editor.call('kb.publish', {
      id: base.id,
      baseVersion: base.version,
      title: base.title,
      body: `${base.body}\n\nNo 2027. gada iesniegumu var iesniegt arī portālā Latvija.gov.lv.`,
      topic: base.topic,
      tags: base.tags,
      serviceCodes: base.serviceCodes,
      legislation: base.legislation,
      audience: base.audience,
      template: base.template,
    });
    await until(async () => (await editor.call('status.get', {})).pendingChanges === 0, 'the editor’s article reaches the platform');

    await reader.w.sync?.syncNow();
    await until(async () => (await reader.call('kb.search', { query: 'berna kopsanas pabalsts' })).items.find((h) => h.id === article.id)?.changed === true, 'the reader sees it changed');
    const reopened = await reader.call('kb.get', { id: article.id });
    expect(reopened).toMatchObject({ version: read.version + 1, lastReadVersion: read.version, updatedByName: 'Mārtiņš Liepiņš' });
    expect(reopened.body).toContain('Latvija.gov.lv');
    const history = await reader.call('kb.history', { id: article.id });
    expect(history).toMatchObject({ complete: true });
    expect(history.items.map((v) => v.version)).toEqual([2, 1]);
  });

  it('carries an editor’s file with the article to a reader’s desk, readable there with the platform gone', async () => {
    const editor = await desk('redaktors');
    const reader = await desk('klerks');
    const [hit] = (await editor.call('kb.search', { query: 'dzivesvietas deklaresana' })).items;
    const pdf = Buffer.from('%PDF-1.4\n% Lete test\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const withFile = await editor.call('kb.attach', { articleId: hit!.id, file: { name: 'iesniegums.pdf', mediaType: 'application/pdf', contentBase64: pdf.toString('base64') } });
    expect(withFile.files).toMatchObject([{ name: 'iesniegums.pdf', available: true }]);
    expect((await editor.call('kb.file', { id: withFile.files[0]!.id })).contentBase64).toBe(pdf.toString('base64'));
    await until(async () => (await editor.call('status.get', {})).pendingChanges === 0, 'the file’s record reaches the platform');
    await editor.w.sync?.syncNow();

    await reader.w.sync?.syncNow();
    await until(async () => {
      await reader.w.sync?.syncNow();
      return (await reader.call('kb.get', { id: hit!.id })).files[0]?.available === true;
    }, 'the reader’s desk downloads the file');
    // The platform stops answering: the article and its file still open on the reader's desk.
    reader.w.sync?.stop();
    const file = await reader.call('kb.file', { id: withFile.files[0]!.id });
    expect(file).toEqual({ name: 'iesniegums.pdf', mediaType: 'application/pdf', contentBase64: pdf.toString('base64') });
  });

  it('records a consultation from a call script with the script, its version and the path, on the platform', async () => {
    const agent = await desk('operators');
    const [script] = (await agent.call('kb.scripts', {})).items.filter((s) => s.title === 'Zvans par pasi vai eID karti');
    const full = await agent.call('kb.script', { id: script!.id });
    const path = ['kas', 'pin', 'beigas-pin'];
    expect(full.steps.find((s) => s.id === 'beigas-pin')?.outcome).toBe('informed');
    const saved = await agent.call('consultations.register', {
      serviceCode: '1002',
      channel: 'phone',
      client: { kind: 'anonymous' },
      outcome: 'informed',
      note: '',
      script: { id: full.id, version: full.version, path },
    });
    expect(saved.scriptTitle).toBe('Zvans par pasi vai eID karti');
    await until(async () => (await agent.call('status.get', {})).pendingChanges === 0, 'the consultation reaches the platform');
    const [row] = await centre.platform.sql.query<{ script: unknown }>(`SELECT data->'script' AS script FROM sync_rows WHERE entity = 'consultation' AND id = $1`, [saved.id]);
    expect(row?.script).toEqual({ id: full.id, version: 1, path });
  });

  it('keeps a new script version from changing under an agent who is in the middle of the old one', async () => {
    const agent = await desk('operators');
    const { items } = await agent.call('kb.scripts', {});
    const running = await agent.call('kb.script', { id: items[0]!.id });
    const editor = await desk('redaktors');
    const current = await editor.call('kb.script', { id: running.id });
    await editor.call('kb.publishScript', {
      id: current.id,
      baseVersion: current.version,
      title: current.title,
      serviceCodes: current.serviceCodes,
      start: current.start,
      steps: current.steps.map((s) => (s.id === current.start ? { ...s, text: `${s.text} (precizēts)` } : s)),
    });
    await until(async () => (await editor.call('status.get', {})).pendingChanges === 0, 'the new version reaches the platform');
    await agent.w.sync?.syncNow();
    await until(async () => (await agent.call('kb.script', { id: running.id })).version === running.version + 1, 'the agent’s desk has the new version');
    // The run records the version it started with; the platform keeps that as the agent followed it.
    const saved = await agent.call('consultations.register', {
      serviceCode: null,
      channel: 'phone',
      client: { kind: 'anonymous' },
      outcome: 'informed',
      note: '',
      script: { id: running.id, version: running.version, path: [running.start] },
    });
    await until(async () => (await agent.call('status.get', {})).pendingChanges === 0, 'the consultation reaches the platform');
    const [row] = await centre.platform.sql.query<{ version: number }>(`SELECT (data->'script'->>'version')::int AS version FROM sync_rows WHERE entity = 'consultation' AND id = $1`, [saved.id]);
    expect(row?.version).toBe(running.version);
  });
});
