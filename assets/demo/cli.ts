import { writeFileSync } from 'node:fs';
import { generateDemoData } from './generate';

/** `npm run demo:generate [-- --seed N] [-- --out file.json]`: the demo data, for a look or an import. */
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const data = generateDemoData(Number(option('--seed') ?? 1));
const out = option('--out');
if (out) writeFileSync(out, JSON.stringify(data, null, 2));
process.stdout.write(
  `${data.institutions.length} institutions, ${data.services.length} services, ${data.centres.length} centres, ` +
    `${data.desks.length} desks, ${data.users.length} users${out ? ` → ${out}` : ''}\n`,
);
