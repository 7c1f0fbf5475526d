import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createPlatformClient } from '../sync/platform-client';
import { articlesFromFiles, importArticles } from './import';

/*
 * `npm run kb:import -- --platform URL --user NAME [--topic "Tēma / Apakštēma"] FILE|FOLDER…`
 * Imports a centre's existing material (Markdown, HTML, plain text) into the knowledge base through
 * the platform, as the editor named. The password comes from LETE_IMPORT_PASSWORD or is asked for.
 */
const usage = 'Lietojums: npm run kb:import -- --platform http://platforma:4000 --user redaktors [--topic "Tēma"] faili-vai-mapes…';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { platform: { type: 'string' }, user: { type: 'string' }, topic: { type: 'string' } },
});
if (!values.platform || !values.user || positionals.length === 0) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

const importable = /\.(md|markdown|html?|txt)$/iu;
const files = positionals.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => importable.test(f))
        .sort()
        .map((f) => join(p, f))
    : [p],
);

async function password(): Promise<string> {
  if (process.env.LETE_IMPORT_PASSWORD) return process.env.LETE_IMPORT_PASSWORD;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question(`Parole lietotājam ${values.user}: `);
  } finally {
    prompt.close();
  }
}

const articles = articlesFromFiles(files, values.topic ? { topic: values.topic } : {});
const platform = createPlatformClient(values.platform);
try {
  await platform.login(values.user, await password());
  const report = await importArticles(platform, articles);
  process.stdout.write(`${files.length} faili, ${articles.length} sadaļas: publicētas ${report.published}, nemainītas ${report.unchanged}, atteiktas ${report.refused.length}.\n`);
  for (const r of report.refused) process.stdout.write(`  atteikts „${r.title}”: ${r.reason}\n`);
  process.exit(report.refused.length > 0 ? 1 : 0);
} catch (error) {
  process.stderr.write(`Imports neizdevās: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
