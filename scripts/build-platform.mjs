import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/*
 * `npm run platform:build`: the platform as one compiled ES module for production, so a server runs
 * plain `node` without tsx or TypeScript. Packages stay external: they come from `npm ci --omit=dev`
 * on the server, native ones (argon2) built for that machine. The schema is read at start, so it sits
 * beside the bundle.
 */
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = join(root, 'out', 'platform');
mkdirSync(outDir, { recursive: true });
await build({
  entryPoints: [join(root, 'platform', 'main.ts')],
  outfile: join(outDir, 'main.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(join(root, 'platform', 'schema.graphql'), join(outDir, 'schema.graphql'));
// The demo knowledge base's source documents, where assets/demo/knowledge.ts looks for them once bundled.
cpSync(join(root, 'assets', 'demo', 'knowledge'), join(outDir, 'knowledge'), { recursive: true });
console.log(`Platform built: ${join('out', 'platform', 'main.mjs')}`);
