import { demoCentres, demoDesks } from './directory';
import { municipalities, stateInstitutions } from './institutions';
import { menFirstNames, surnames, womenFirstNames } from './people';
import { createRandom } from './random';
import { demoServices } from './services';
import type { DemoData, DemoDesk, DemoRole, DemoUser } from './types';

export const DEMO_PASSWORD = 'demo';

/** The fixed accounts the README, the tests and a demo rely on; they never change with the seed. */
export const demoAccounts: { username: string; role: DemoRole }[] = [
  { username: 'klerks', role: 'clerk' },
  { username: 'operators', role: 'agent' },
  { username: 'vaditajs', role: 'supervisor' },
  { username: 'redaktors', role: 'editor' },
  { username: 'admins', role: 'admin' },
];

function fixedUsers(desks: DemoDesk[]): DemoUser[] {
  const deskOf = (centreId: string) => desks.find((d) => d.centreId === centreId)?.id ?? null;
  const user = (
    id: string,
    username: string,
    displayName: string,
    roles: DemoRole[],
    centreId: string | null,
    institutionCode: string | null = null,
  ): DemoUser => ({
    id,
    username,
    displayName,
    roles,
    centreId,
    institutionCode,
    deskId: roles.includes('clerk') || roles.includes('agent') ? (centreId ? deskOf(centreId) : null) : null,
    password: DEMO_PASSWORD,
  });
  return [
    user('user-klerks', 'klerks', 'Anna Bērziņa', ['clerk'], 'riga-centrs'),
    user('user-operators', 'operators', 'Jānis Kalniņš', ['agent'], 'vvzc'),
    user('user-vaditajs', 'vaditajs', 'Inese Ozola', ['supervisor'], 'riga-centrs'),
    user('user-redaktors', 'redaktors', 'Mārtiņš Liepiņš', ['editor'], null),
    user('user-redaktore-vsaa', 'redaktore.vsaa', 'Līga Krūmiņa', ['editor'], null, 'VSAA'),
    user('user-admins', 'admins', 'Edgars Vītols', ['admin'], null),
  ];
}

/** Latvian user names are ASCII: `Kļaviņa` → `klavina`. */
function asciiName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * Deterministic demo data: the catalogue, centres, desks and fixed accounts are the same for every
 * seed; the seed only varies the generated staff, so tests can rely on both.
 */
export function generateDemoData(seed = 1): DemoData {
  const random = createRandom(seed);
  const centres = demoCentres();
  const desks = demoDesks();
  const users = fixedUsers(desks);
  const taken = new Set(users.map((u) => u.username));

  for (const desk of desks) {
    if (users.some((u) => u.deskId === desk.id)) continue;
    const woman = random.next() < 0.7;
    const first = random.pick(woman ? womenFirstNames : menFirstNames);
    const [masculine, feminine] = random.pick(surnames);
    const last = woman ? feminine : masculine;
    let username = asciiName(`${first}.${last}`);
    for (let n = 2; taken.has(username); n++) username = asciiName(`${first}.${last}${n}`);
    taken.add(username);
    const agent = desk.centreId === 'vvzc';
    users.push({
      id: `user-${desk.id}`,
      username,
      displayName: `${first} ${last}`,
      roles: [agent ? 'agent' : 'clerk'],
      centreId: desk.centreId,
      institutionCode: null,
      deskId: desk.id,
      password: DEMO_PASSWORD,
    });
  }
  for (const centre of centres) {
    if (users.some((u) => u.centreId === centre.id && u.roles.includes('supervisor'))) continue;
    const first = random.pick(womenFirstNames);
    const last = random.pick(surnames)[1];
    let username = asciiName(`${first}.${last}`);
    for (let n = 2; taken.has(username); n++) username = asciiName(`${first}.${last}${n}`);
    taken.add(username);
    users.push({
      id: `user-supervisor-${centre.id}`,
      username,
      displayName: `${first} ${last}`,
      roles: ['supervisor'],
      centreId: centre.id,
      institutionCode: null,
      deskId: null,
      password: DEMO_PASSWORD,
    });
  }

  return {
    seed,
    institutions: [...stateInstitutions, ...municipalities],
    services: demoServices(),
    centres,
    desks,
    users,
  };
}
