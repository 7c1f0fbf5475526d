/** Latvian first names and surnames with their gendered forms, for demo staff. */
export const womenFirstNames = ['Anna', 'Līga', 'Ilze', 'Inese', 'Kristīne', 'Laura', 'Zane', 'Dace', 'Sanita', 'Ieva', 'Māra', 'Agnese', 'Rūta', 'Elīna', 'Evija'];
export const menFirstNames = ['Jānis', 'Andris', 'Mārtiņš', 'Kārlis', 'Edgars', 'Roberts', 'Uldis', 'Aivars', 'Gints', 'Raitis', 'Dāvis', 'Oskars', 'Ēriks', 'Valdis'];

/** [masculine, feminine]: Latvian surnames agree with the bearer's gender. */
export const surnames: [string, string][] = [
  ['Bērziņš', 'Bērziņa'],
  ['Kalniņš', 'Kalniņa'],
  ['Ozols', 'Ozola'],
  ['Jansons', 'Jansone'],
  ['Liepiņš', 'Liepiņa'],
  ['Krūmiņš', 'Krūmiņa'],
  ['Zariņš', 'Zariņa'],
  ['Pētersons', 'Pētersone'],
  ['Vītols', 'Vītola'],
  ['Kļaviņš', 'Kļaviņa'],
  ['Lācis', 'Lāce'],
  ['Eglītis', 'Eglīte'],
  ['Siliņš', 'Siliņa'],
  ['Ābols', 'Ābola'],
  ['Šmits', 'Šmite'],
  ['Žagars', 'Žagare'],
];
