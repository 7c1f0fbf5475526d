import type { DemoFormField } from './types';

const applicant: DemoFormField[] = [
  { key: 'personalCode', label: 'Personas kods', type: 'personalCode', required: true },
  { key: 'phone', label: 'Tālrunis saziņai', type: 'text', required: false },
];

/** Application forms by kind; each service names one. Labels are the Latvian the form prints. */
export const forms: Record<string, DemoFormField[]> = {
  benefit: [
    ...applicant,
    { key: 'iban', label: 'Konta numurs (IBAN) pabalsta izmaksai', type: 'iban', required: true },
    { key: 'startDate', label: 'Periods, no kura pieprasa', type: 'date', required: true },
    { key: 'resultTo', label: 'Lēmumu saņemt', type: 'select', required: true, options: ['e-adresē', 'e-pastā', 'klātienē', 'pa pastu'] },
  ],
  document: [
    ...applicant,
    { key: 'documentKind', label: 'Dokuments', type: 'select', required: true, options: ['pase', 'personas apliecība (eID)', 'abi'] },
    { key: 'urgency', label: 'Izsniegšanas termiņš', type: 'select', required: true, options: ['parastais', 'paātrinātais', 'steidzamais'] },
    { key: 'pickup', label: 'Saņemšanas vieta', type: 'text', required: true },
  ],
  tax: [
    ...applicant,
    { key: 'year', label: 'Taksācijas gads', type: 'number', required: true },
    { key: 'iban', label: 'Konta numurs (IBAN) pārmaksas atmaksai', type: 'iban', required: false },
    { key: 'attachments', label: 'Pievienoti attaisnojuma dokumenti', type: 'checkbox', required: false },
  ],
  property: [
    ...applicant,
    { key: 'cadastre', label: 'Kadastra numurs', type: 'text', required: true },
    { key: 'address', label: 'Īpašuma adrese', type: 'text', required: true },
    { key: 'purpose', label: 'Mērķis', type: 'text', required: false },
  ],
  business: [
    ...applicant,
    { key: 'registrationNumber', label: 'Reģistrācijas numurs', type: 'text', required: true },
    { key: 'companyName', label: 'Nosaukums', type: 'text', required: true },
    { key: 'signedByAll', label: 'Parakstījušas visas pilnvarotās personas', type: 'checkbox', required: true },
  ],
  employment: [
    ...applicant,
    { key: 'lastEmployer', label: 'Pēdējā darbavieta', type: 'text', required: false },
    { key: 'education', label: 'Izglītība', type: 'select', required: true, options: ['pamata', 'vidējā', 'profesionālā', 'augstākā'] },
    { key: 'availableFrom', label: 'Gatavs sākt darbu no', type: 'date', required: true },
  ],
  vehicle: [
    ...applicant,
    { key: 'plate', label: 'Valsts reģistrācijas numurs', type: 'text', required: true },
    { key: 'vin', label: 'Identifikācijas numurs (VIN)', type: 'text', required: false },
    { key: 'date', label: 'Vēlamais datums', type: 'date', required: false },
  ],
  general: [
    ...applicant,
    { key: 'subject', label: 'Iesnieguma būtība', type: 'text', required: true },
    { key: 'resultTo', label: 'Atbildi saņemt', type: 'select', required: true, options: ['e-adresē', 'e-pastā', 'klātienē', 'pa pastu'] },
  ],
};

export type FormKind = keyof typeof forms;
