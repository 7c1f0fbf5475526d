import type { DemoCentre, DemoDesk } from './types';

/** [id, name, municipality, address, kind, desk count] — addresses are plausible, not real offices. */
const centreTable: [string, string, string, string, DemoCentre['kind'], number][] = [
  ['riga-centrs', 'Rīgas VPVKAC (Centrs)', 'Rīga', 'Brīvības iela 49, Rīga', 'national', 6],
  ['riga-ziemeli', 'Rīgas VPVKAC (Ziemeļi)', 'Rīga', 'Gustava Zemgala gatve 74, Rīga', 'national', 4],
  ['adazi', 'Ādažu VPVKAC', 'Ādažu novads', 'Gaujas iela 33A, Ādaži', 'regional', 2],
  ['cesis', 'Cēsu VPVKAC', 'Cēsu novads', 'Raunas iela 4, Cēsis', 'regional', 3],
  ['kuldiga', 'Kuldīgas VPVKAC', 'Kuldīgas novads', 'Baznīcas iela 1, Kuldīga', 'regional', 3],
  ['liepaja', 'Liepājas VPVKAC', 'Liepāja', 'Rožu iela 6, Liepāja', 'national', 4],
  ['daugavpils', 'Daugavpils VPVKAC', 'Daugavpils', 'Saules iela 5, Daugavpils', 'national', 4],
  ['valmiera', 'Valmieras VPVKAC', 'Valmieras novads', 'Lāčplēša iela 2, Valmiera', 'regional', 3],
  ['jelgava', 'Jelgavas VPVKAC', 'Jelgava', 'Lielā iela 11, Jelgava', 'national', 3],
  ['vvzc', 'Valsts vienotais zvanu centrs', 'Rīga', 'Smilšu iela 1, Rīga', 'call_centre', 5],
];

export function demoCentres(): DemoCentre[] {
  return centreTable.map(([id, name, municipality, address, kind]) => ({ id, name, municipality, address, kind }));
}

export function demoDesks(): DemoDesk[] {
  return centreTable.flatMap(([centreId, , , , kind, count]) =>
    Array.from({ length: count }, (_, i) => ({
      id: `desk-${centreId}-${i + 1}`,
      centreId,
      name: kind === 'call_centre' ? `Operatora vieta ${i + 1}` : `Lete ${i + 1}`,
    })),
  );
}
