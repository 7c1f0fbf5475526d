import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importedArticleIds, sectionsOfText } from '../../shared/kb-sections';

/** As the platform publishes it (platform/entities.ts ArticleData), before who and when are added. */
export interface DemoArticle {
  id: string;
  title: string;
  body: string;
  topic: string;
  tags: string[];
  serviceCodes: string[];
  legislation: { title: string; url: string }[];
  audience: 'providers' | 'owners';
  ownerCode: string | null;
  template: 'procedure' | 'faq' | 'back_office' | 'free';
  status: 'current' | 'outdated';
  source: string | null;
}

export interface DemoScriptStep {
  id: string;
  kind: 'question' | 'info' | 'record' | 'end';
  text: string;
  articleId?: string | null;
  choices?: { label: string; next: string }[];
  next?: string | null;
  outcome?: 'informed' | 'referred' | 'application_needed' | 'unresolved' | null;
}

export interface DemoScript {
  id: string;
  title: string;
  serviceCodes: string[];
  start: string;
  steps: DemoScriptStep[];
}

/**
 * The project's Latvian source documents, beside this module in development and beside the bundled
 * platform in production (scripts/build-platform.mjs copies them there).
 */
export const demoKnowledgeDir = fileURLToPath(new URL('./knowledge/', import.meta.url));

/** Articles cut from documents, as the import command makes them: stable ids, providers' audience. */
export function articlesFromDocuments(files: { name: string; text: string }[], topic: string): DemoArticle[] {
  return files.flatMap(({ name, text }) => {
    const sections = sectionsOfText(text, name);
    const ids = importedArticleIds(name, sections);
    return sections.map((s, i) => ({
      id: ids[i] ?? '',
      title: s.title,
      body: s.body,
      topic,
      tags: [],
      serviceCodes: [],
      legislation: [],
      audience: 'providers' as const,
      ownerCode: null,
      template: 'free' as const,
      status: 'current' as const,
      source: s.anchor ? `${name}#${s.anchor}` : name,
    }));
  });
}

const law = {
  pabalsti: { title: 'Valsts sociālo pabalstu likums', url: 'https://likumi.lv/ta/id/68483-valsts-socialo-pabalstu-likums' },
  dokumenti: { title: 'Personu apliecinošu dokumentu likums', url: 'https://likumi.lv/ta/id/243484-personu-apliecinosu-dokumentu-likums' },
  dzivesvieta: { title: 'Dzīvesvietas deklarēšanas likums', url: 'https://likumi.lv/ta/id/324583-dzivesvietas-deklaresanas-likums' },
  bezdarbs: { title: 'Bezdarbnieku un darba meklētāju atbalsta likums', url: 'https://likumi.lv/ta/id/62539' },
};

const id = (n: number) => `0d7a3c1e-5b2f-4e8a-9c61-${String(n).padStart(12, '0')}`;
export const demoArticleIds = { childCare: id(1), parents: id(2), passport: id(3), eidPin: id(4), residence: id(5), unemployed: id(6), declaration: id(7), passportBackOffice: id(8), oldDuty: id(9) };

/** What clients ask about most at a front desk, written as the templates ask. */
const written: DemoArticle[] = ([
  {
    id: demoArticleIds.childCare,
    title: 'Bērna kopšanas pabalsts: kā pieprasīt',
    topic: 'Pakalpojumi / VSAA / Pabalsti ģimenēm',
    template: 'procedure',
    serviceCodes: ['P.12'],
    tags: ['pabalsts', 'bērns', 'VSAA'],
    legislation: [law.pabalsti],
    body: `## Kam pienākas
Bērna kopšanas pabalstu maksā personai, kas kopj bērnu līdz pusotra gada vecumam un nesaņem vecāku pabalstu. Pabalstu var pieprasīt viens no vecākiem, aizbildnis vai audžuģimene.

## Kas klientam jāiesniedz
Iesniegums par bērna kopšanas pabalsta piešķiršanu un personu apliecinošs dokuments. Ja bērns dzimis ārvalstīs, vajag arī bērna dzimšanas apliecību.

## Soļi pie letes
1. Identificējiet klientu un pārbaudiet, vai bērns ir reģistrēts Iedzīvotāju reģistrā.
2. Reģistrējiet pieteikumu pakalpojumam P.12 un aizpildiet iesnieguma veidlapu.
3. Ļaujiet klientam pārbaudīt un parakstīt iesniegumu, tad iesniedziet to VSAA.

## Termiņš un atbilde
VSAA lēmumu pieņem 10 darba dienu laikā. Pabalstu pārskaita uz klienta norādīto kontu.`,
  },
  {
    id: demoArticleIds.parents,
    title: 'Vecāku pabalsts: biežāk uzdotie jautājumi',
    topic: 'Pakalpojumi / VSAA / Pabalsti ģimenēm',
    template: 'faq',
    serviceCodes: ['P.11', 'P.12'],
    tags: ['pabalsts', 'vecāki', 'atvaļinājums'],
    legislation: [law.pabalsti],
    body: `## Vai vecāku pabalstu var saņemt, ja strādāju?
Jā, bet tad pabalsta apmērs ir mazāks. Klientam jāiesniedz darba devēja izziņa par bērna kopšanas atvaļinājumu.

## Ar ko vecāku pabalsts atšķiras no bērna kopšanas pabalsta?
Vecāku pabalstu maksā sociāli apdrošinātam vecākam atkarībā no iemaksām; bērna kopšanas pabalstu maksā visiem vienādā apmērā.

## Cik ilgi maksā vecāku pabalstu?
Līdz bērna pusotra gada vecumam vai viena gada vecumam, ja klients izvēlas lielāku pabalsta apmēru.`,
  },
  {
    id: demoArticleIds.passport,
    title: 'Pases izsniegšana: procedūra klātienē',
    topic: 'Pakalpojumi / PMLP / Personu apliecinoši dokumenti',
    template: 'procedure',
    serviceCodes: ['1001'],
    tags: ['pase', 'PMLP', 'valsts nodeva'],
    legislation: [law.dokumenti],
    body: `## Kam pienākas
Pasi izsniedz Latvijas pilsonim vai nepilsonim. Bērnam līdz 15 gadu vecumam pasi pieprasa likumiskais pārstāvis.

## Kas klientam jāiesniedz
Iepriekšējā pase, ja tāda ir, un samaksāta valsts nodeva 35 € (steidzamības kārtā vairāk).

## Soļi pie letes
1. Identificējiet klientu un pārbaudiet iepriekšējo dokumentu.
2. Reģistrējiet pieteikumu pakalpojumam 1001 un izrakstiet rēķinu par valsts nodevu.
3. Noskenējiet iepriekšējo pasi un pievienojiet to pieteikumam.

## Termiņš un atbilde
Pasi izgatavo 10 darba dienās; klients to saņem centrā, kurā pieteicās.`,
  },
  {
    id: demoArticleIds.eidPin,
    title: 'eID kartes PIN kodu atjaunošana',
    topic: 'Pakalpojumi / PMLP / Personu apliecinoši dokumenti',
    template: 'faq',
    serviceCodes: ['1002'],
    tags: ['eID', 'PIN', 'e-paraksts'],
    legislation: [law.dokumenti],
    body: `## Klients aizmirsis PIN kodu
PIN kodus var atjaunot eParaksts mobilajā lietotnē vai klātienē PMLP nodaļā; VPVKAC klients saņem konsultāciju un norādi uz tuvāko nodaļu.

## PIN kods bloķēts pēc trim kļūdām
PUK kods ir PIN aploksnē. Ja aploksne pazaudēta, jāpieprasa jauni kodi par maksu.`,
  },
  {
    id: demoArticleIds.residence,
    title: 'Dzīvesvietas deklarēšana: kas jāpārbauda',
    topic: 'Pakalpojumi / PMLP / Dzīvesvieta',
    template: 'procedure',
    serviceCodes: ['1003'],
    tags: ['dzīvesvieta', 'deklarēšana', 'adrese'],
    legislation: [law.dzivesvieta],
    body: `## Kam pienākas
Dzīvesvietu deklarē ikviens, kas maina dzīvesvietu Latvijā vai atgriežas no ārvalstīm.

## Kas klientam jāiesniedz
Personu apliecinošs dokuments un, ja klients nav īpašnieks, īpašnieka piekrišana vai īres līgums.

## Soļi pie letes
1. Pārbaudiet adresi Valsts adrešu reģistrā.
2. Reģistrējiet pieteikumu pakalpojumam 1003.
3. Informējiet, ka pašvaldība var lūgt papildu dokumentus.`,
  },
  {
    id: demoArticleIds.unemployed,
    title: 'Bezdarbnieka statusa iegūšana NVA',
    topic: 'Pakalpojumi / NVA',
    template: 'procedure',
    serviceCodes: ['P.02'],
    tags: ['bezdarbnieks', 'NVA', 'darba meklētājs'],
    legislation: [law.bezdarbs],
    body: `## Kam pienākas
Bezdarbnieka statusu piešķir darbspējīgai personai darbspējas vecumā, kas nestrādā un meklē darbu.

## Kas klientam jāiesniedz
Personu apliecinošs dokuments un izglītību apliecinoši dokumenti.

## Soļi pie letes
1. Reģistrējiet pieteikumu pakalpojumam P.02.
2. Paskaidrojiet, ka bezdarbnieka pabalstu pieprasa VSAA atsevišķi (pakalpojums P.18).`,
  },
  {
    id: demoArticleIds.declaration,
    title: 'Gada ienākumu deklarācija: attaisnotie izdevumi',
    topic: 'Pakalpojumi / VID',
    template: 'faq',
    serviceCodes: ['P.06'],
    tags: ['deklarācija', 'IIN', 'attaisnotie izdevumi'],
    legislation: [],
    body: `## Kādus izdevumus var attaisnot?
Izglītības, ārstniecības un ziedojumu izdevumus, kā arī iemaksas privātajos pensiju fondos.

## Līdz kuram datumam jāiesniedz?
Brīvprātīgi deklarāciju iesniedz trīs gadu laikā; obligāti līdz 23. jūnijam.`,
  },
  {
    id: demoArticleIds.passportBackOffice,
    title: 'Pases pieteikuma apstrāde PMLP nodaļā',
    topic: 'Iestādes / PMLP / Iekšējie procesi',
    template: 'back_office',
    serviceCodes: ['1001'],
    tags: ['pase', 'apstrāde'],
    legislation: [law.dokumenti],
    audience: 'owners',
    ownerCode: 'PMLP',
    body: `## Ievade
Pieteikums no VPVKAC pienāk ar noskenētu iepriekšējo pasi un samaksātu valsts nodevu.

## Apstrāde
Darbinieks pārbauda fotoattēlu un parakstu paraugu, tad nodod pasi izgatavošanai.

## Rezultāts
Gatava pase tiek nosūtīta uz centru, kurā klients pieteicās, un pieteikumam tiek iestatīts statuss „Izpildīts”.`,
  },
  {
    id: demoArticleIds.oldDuty,
    title: 'Pases valsts nodeva līdz 2025. gadam',
    topic: 'Pakalpojumi / PMLP / Personu apliecinoši dokumenti',
    template: 'faq',
    serviceCodes: ['1001'],
    tags: ['pase', 'valsts nodeva'],
    legislation: [],
    status: 'outdated',
    body: `## Cik maksāja pase?
Līdz 2025. gadam pases valsts nodeva bija 30 € parastā kārtā. Šī informācija vairs nav spēkā: skatiet rakstu par pases izsniegšanu.`,
  },
] satisfies (Omit<DemoArticle, 'audience' | 'ownerCode' | 'status' | 'source'> & Partial<DemoArticle>)[]).map((a) => ({
  audience: 'providers' as const,
  ownerCode: null,
  status: 'current' as const,
  source: null,
  ...a,
}));

/** Call scripts an agent at the state call centre follows for the commonest calls. */
export const demoScripts: DemoScript[] = [
  {
    id: 'c4a1f3d2-8e7b-4a6c-9d5e-000000000001',
    title: 'Zvans par pabalstu bērna kopšanai',
    serviceCodes: ['P.11', 'P.12'],
    start: 'vecums',
    steps: [
      { id: 'vecums', kind: 'question', text: 'Vai bērns ir jaunāks par pusotra gada?', choices: [{ label: 'Jā', next: 'apdrosinats' }, { label: 'Nē', next: 'vecaks' }] },
      { id: 'apdrosinats', kind: 'question', text: 'Vai klients strādā vai strādāja un ir sociāli apdrošināts?', choices: [{ label: 'Jā', next: 'vecaku' }, { label: 'Nē', next: 'kopsanas' }] },
      { id: 'vecaku', kind: 'info', text: 'Nolasiet: „Jums var pienākties vecāku pabalsts. To pieprasa VSAA ar iesniegumu; klāt vajag darba devēja izziņu par atvaļinājumu.”', articleId: demoArticleIds.parents, next: 'kad' },
      { id: 'kopsanas', kind: 'info', text: 'Nolasiet: „Jums pienākas bērna kopšanas pabalsts. To var pieprasīt jebkurā valsts un pašvaldības vienotajā klientu apkalpošanas centrā.”', articleId: demoArticleIds.childCare, next: 'kad' },
      { id: 'kad', kind: 'record', text: 'Pierakstiet, kad un kurā centrā klients plāno iesniegt iesniegumu.', next: 'beigas-pieteikums' },
      { id: 'beigas-pieteikums', kind: 'end', text: 'Klients iesniegs iesniegumu.', outcome: 'application_needed' },
      { id: 'vecaks', kind: 'info', text: 'Nolasiet: „Šie pabalsti vairs nepienākas; ģimenes valsts pabalstu VSAA piešķir automātiski.”', next: 'beigas-info' },
      { id: 'beigas-info', kind: 'end', text: 'Klients informēts.', outcome: 'informed' },
    ],
  },
  {
    id: 'c4a1f3d2-8e7b-4a6c-9d5e-000000000002',
    title: 'Zvans par pasi vai eID karti',
    serviceCodes: ['1001', '1002'],
    start: 'kas',
    steps: [
      { id: 'kas', kind: 'question', text: 'Ko klients vēlas?', choices: [{ label: 'Jaunu pasi', next: 'pase' }, { label: 'Atjaunot eID PIN kodus', next: 'pin' }, { label: 'Cits jautājums', next: 'cits' }] },
      { id: 'pase', kind: 'info', text: 'Nolasiet: „Pasi var pieteikt klātienē; valsts nodeva ir 35 €, izgatavošana 10 darba dienas.”', articleId: demoArticleIds.passport, next: 'beigas-pase' },
      { id: 'beigas-pase', kind: 'end', text: 'Klients pieteiksies klātienē.', outcome: 'application_needed' },
      { id: 'pin', kind: 'info', text: 'Nolasiet: „PIN kodus var atjaunot eParaksts lietotnē vai PMLP nodaļā.”', articleId: demoArticleIds.eidPin, next: 'beigas-pin' },
      { id: 'beigas-pin', kind: 'end', text: 'Klients informēts.', outcome: 'informed' },
      { id: 'cits', kind: 'record', text: 'Pierakstiet klienta jautājumu un nosūtiet to PMLP.', next: 'beigas-cits' },
      { id: 'beigas-cits', kind: 'end', text: 'Jautājums pāradresēts PMLP.', outcome: 'referred' },
    ],
  },
];

/** The demo knowledge base: the written articles, then the source documents section by section. */
export function demoArticles(dir = demoKnowledgeDir): DemoArticle[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  return [...written, ...articlesFromDocuments(files, 'PSPP koncepcija un plāni')];
}
