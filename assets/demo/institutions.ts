import type { DemoInstitution } from './types';

/**
 * A demo account at the State Treasury (bank code TREL) with valid IBAN check digits, and a
 * registration number, both derived from the institution's code so every desk prints the same.
 */
function treasury(code: string): Pick<DemoInstitution, 'iban' | 'registrationNumber'> {
  const seed = [...code].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 1_000_000_000, 7);
  const account = `TREL${String(seed).padStart(13, '0')}`;
  const digits = [...`${account}LV00`].map((c) => (/[A-Z]/u.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return { iban: `LV${String(98 - rest).padStart(2, '0')}${account}`, registrationNumber: `9000${String(seed % 10_000_000).padStart(7, '0')}` };
}

const stateTable: Omit<DemoInstitution, 'iban' | 'registrationNumber'>[] = [
  { code: 'VSAA', name: 'Valsts sociālās apdrošināšanas aģentūra', nameEn: 'State Social Insurance Agency', kind: 'state' },
  { code: 'VID', name: 'Valsts ieņēmumu dienests', nameEn: 'State Revenue Service', kind: 'state' },
  { code: 'PMLP', name: 'Pilsonības un migrācijas lietu pārvalde', nameEn: 'Office of Citizenship and Migration Affairs', kind: 'state' },
  { code: 'NVA', name: 'Nodarbinātības valsts aģentūra', nameEn: 'State Employment Agency', kind: 'state' },
  { code: 'UR', name: 'Latvijas Republikas Uzņēmumu reģistrs', nameEn: 'Register of Enterprises', kind: 'state' },
  { code: 'VZD', name: 'Valsts zemes dienests', nameEn: 'State Land Service', kind: 'state' },
  { code: 'LAD', name: 'Lauku atbalsta dienests', nameEn: 'Rural Support Service', kind: 'state' },
  { code: 'CSDD', name: 'Ceļu satiksmes drošības direkcija', nameEn: 'Road Traffic Safety Directorate', kind: 'state' },
  { code: 'VDEAVK', name: 'Veselības un darbspēju ekspertīzes ārstu valsts komisija', nameEn: 'State Medical Commission for the Assessment of Health Condition and Working Ability', kind: 'state' },
  { code: 'VK', name: 'Valsts kase', nameEn: 'State Treasury', kind: 'state' },
];

export const stateInstitutions: DemoInstitution[] = stateTable.map((i) => ({ ...i, ...treasury(i.code) }));

/** Municipalities: [code, institution name, name of the place in the locative for service names]. */
export const municipalityTable: [code: string, name: string, place: string, centreTown: string][] = [
  ['RIGA', 'Rīgas valstspilsētas pašvaldība', 'Rīgā', 'Rīga'],
  ['ADAZI', 'Ādažu novada pašvaldība', 'Ādažu novadā', 'Ādaži'],
  ['CESIS', 'Cēsu novada pašvaldība', 'Cēsu novadā', 'Cēsis'],
  ['KULDIGA', 'Kuldīgas novada pašvaldība', 'Kuldīgas novadā', 'Kuldīga'],
  ['LIEPAJA', 'Liepājas valstspilsētas pašvaldība', 'Liepājā', 'Liepāja'],
  ['DAUGAVPILS', 'Daugavpils valstspilsētas pašvaldība', 'Daugavpilī', 'Daugavpils'],
  ['VALMIERA', 'Valmieras novada pašvaldība', 'Valmieras novadā', 'Valmiera'],
  ['JELGAVA', 'Jelgavas valstspilsētas pašvaldība', 'Jelgavā', 'Jelgava'],
];

export const municipalities: DemoInstitution[] = municipalityTable.map(([code, name]) => ({
  code,
  name,
  nameEn: `${name} (municipality)`,
  kind: 'municipality',
  ...treasury(code),
}));
