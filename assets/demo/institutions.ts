import type { DemoInstitution } from './types';

export const stateInstitutions: DemoInstitution[] = [
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
}));
