import type { DemoChannel, DemoService } from './types';
import { forms, type FormKind } from './forms';
import { municipalityTable } from './institutions';

type Row = [
  code: string,
  owner: string,
  name: string,
  synonyms: string[],
  fee: `${'free' | 'fee' | 'state_duty'}:${number}`,
  days: number,
  docs: string[],
  channels: string,
  form: FormKind,
];

const channelCodes: Record<string, DemoChannel> = { k: 'in_person', t: 'phone', e: 'email', p: 'portal', a: 'post', d: 'e_address' };
const PASS = 'personu apliecinošs dokuments';

/** The services clerks handle most, hand-written; the pilot services of the concept (§4.4.2.3) first. */
const core: Row[] = [
  ['P.02', 'NVA', 'Bezdarbnieka statusa piešķiršana', ['bezdarbnieka statuss', 'bezdarbnieks', 'reģistrēties kā bezdarbniekam'], 'free:0', 1, [PASS, 'izglītību apliecinoši dokumenti'], 'kpd', 'employment'],
  ['P.05', 'VID', 'Elektroniskā algas nodokļa grāmatiņa', ['algas grāmatiņa', 'nodokļu grāmatiņa', 'neapliekamais minimums'], 'free:0', 1, [PASS], 'kptd', 'tax'],
  ['P.06', 'VID', 'Gada ienākumu deklarācijas iesniegšana', ['deklarācija', 'gada deklarācija', 'attaisnotie izdevumi', 'IIN pārmaksa'], 'free:0', 90, [PASS, 'attaisnoto izdevumu čeki'], 'kpd', 'tax'],
  ['P.08', 'VSAA', 'Apbedīšanas pabalsts', ['bēru pabalsts', 'apbedīšana'], 'free:0', 10, [PASS, 'miršanas apliecība'], 'kpda', 'benefit'],
  ['P.09', 'VSAA', 'Bērna piedzimšanas pabalsts', ['piedzimšanas pabalsts', 'jaundzimušais'], 'free:0', 10, [PASS, 'bērna dzimšanas apliecība'], 'kpda', 'benefit'],
  ['P.10', 'VSAA', 'Ģimenes valsts pabalsts', ['bērna nauda', 'ģimenes pabalsts'], 'free:0', 10, [PASS], 'kpda', 'benefit'],
  ['P.11', 'VSAA', 'Vecāku pabalsts', ['vecāku pabalsts', 'bērna kopšanas atvaļinājums'], 'free:0', 10, [PASS, 'darba devēja izziņa par atvaļinājumu'], 'kpda', 'benefit'],
  ['P.12', 'VSAA', 'Bērna kopšanas pabalsts', ['kopšanas pabalsts', 'bērna kopšana'], 'free:0', 10, [PASS], 'kpda', 'benefit'],
  ['P.13', 'VSAA', 'Paternitātes pabalsts', ['tēva pabalsts', 'paternitāte'], 'free:0', 10, [PASS, 'darba nespējas lapa'], 'kpda', 'benefit'],
  ['P.14', 'VSAA', 'Maternitātes pabalsts', ['grūtniecības pabalsts', 'dzemdību pabalsts', 'maternitāte'], 'free:0', 10, [PASS, 'darba nespējas lapa B'], 'kpda', 'benefit'],
  ['P.15', 'VSAA', 'Slimības pabalsts', ['slimības nauda', 'slimības lapa B'], 'free:0', 10, [PASS, 'darba nespējas lapa B'], 'kpda', 'benefit'],
  ['P.16', 'VSAA', 'Pabalsts personai ar invaliditāti, kurai nepieciešama kopšana', ['kopšanas pabalsts invalīdam', 'invaliditātes kopšana'], 'free:0', 10, [PASS, 'VDEĀVK atzinums'], 'kpda', 'benefit'],
  ['P.17', 'VSAA', 'Transporta izdevumu kompensācija personām ar invaliditāti', ['transporta kompensācija', 'pārvietošanās grūtības'], 'free:0', 10, [PASS, 'VDEĀVK atzinums par pārvietošanās grūtībām'], 'kpda', 'benefit'],
  ['P.18', 'VSAA', 'Bezdarbnieka pabalsts', ['bezdarbnieka pabalsts', 'bezdarba nauda'], 'free:0', 10, [PASS], 'kpda', 'benefit'],
  ['P.19', 'VSAA', 'Vecuma pensijas piešķiršana', ['pensija', 'vecuma pensija', 'pensionēšanās'], 'free:0', 30, [PASS, 'izziņa par darba stāžu'], 'kpda', 'benefit'],
  ['P.20', 'VSAA', 'Apdrošināšanas periodu izziņa', ['stāža izziņa', 'darba stāžs', 'sociālās apdrošināšanas iemaksas'], 'free:0', 10, [PASS], 'kpdet', 'general'],
  ['1001', 'PMLP', 'Pases izsniegšana', ['pase', 'pases noformēšana', 'ceļošanas dokuments'], 'state_duty:3500', 10, [PASS, 'iepriekšējā pase'], 'k', 'document'],
  ['1002', 'PMLP', 'Personas apliecības (eID kartes) izsniegšana', ['eID karte', 'ID karte', 'personas apliecība'], 'state_duty:2000', 10, [PASS], 'k', 'document'],
  ['1003', 'PMLP', 'Dzīvesvietas deklarēšana', ['deklarēt dzīvesvietu', 'pierakstīšanās', 'adreses maiņa'], 'free:0', 1, [PASS, 'īpašnieka piekrišana'], 'kpd', 'property'],
  ['1004', 'PMLP', 'Izziņa par deklarēto dzīvesvietu', ['dzīvesvietas izziņa', 'deklarētā adrese'], 'state_duty:200', 1, [PASS], 'kpd', 'general'],
  ['1005', 'PMLP', 'Uzturēšanās atļaujas pieprasīšana', ['uzturēšanās atļauja', 'termiņuzturēšanās', 'ārzemnieks'], 'state_duty:7000', 30, [PASS, 'veselības apdrošināšanas polise'], 'k', 'document'],
  ['1006', 'PMLP', 'Nozaudētas pases vai eID kartes paziņošana', ['pazaudēta pase', 'nozaudēts dokuments', 'nozagta ID karte'], 'free:0', 1, [], 'kptd', 'document'],
  ['1101', 'VID', 'Reģistrācija saimnieciskās darbības veicēju reģistrā', ['pašnodarbinātais', 'saimnieciskā darbība', 'individuālais darbs'], 'free:0', 5, [PASS], 'kpd', 'business'],
  ['1102', 'VID', 'Nekustamā īpašuma nodokļa pārmaksas atmaksa', ['NĪN pārmaksa', 'nodokļa atmaksa'], 'free:0', 30, [PASS], 'kpd', 'tax'],
  ['1103', 'VID', 'Izziņa par nodokļu nomaksas stāvokli', ['nodokļu parādu izziņa', 'nav nodokļu parādu'], 'free:0', 5, [PASS], 'kpd', 'general'],
  ['1104', 'VID', 'Mikrouzņēmumu nodokļa maksātāja statusa piešķiršana', ['mikrouzņēmums', 'MUN'], 'free:0', 5, [PASS], 'kpd', 'business'],
  ['1105', 'VID', 'Pievienotās vērtības nodokļa maksātāju reģistrācija', ['PVN reģistrācija', 'PVN maksātājs'], 'free:0', 5, [PASS], 'kpd', 'business'],
  ['1201', 'NVA', 'Karjeras konsultācija', ['karjeras konsultants', 'profesijas izvēle'], 'free:0', 7, [PASS], 'ktp', 'employment'],
  ['1202', 'NVA', 'Pieteikšanās profesionālajai apmācībai', ['apmācības', 'kursi bezdarbniekiem', 'pārkvalifikācija'], 'free:0', 14, [PASS], 'kp', 'employment'],
  ['1203', 'NVA', 'Darba meklētāja statusa piešķiršana', ['darba meklētājs', 'meklēju darbu'], 'free:0', 1, [PASS], 'kpd', 'employment'],
  ['1204', 'NVA', 'Subsidētās darba vietas pieteikums', ['subsidētā darbavieta', 'algu subsīdija'], 'free:0', 20, [PASS], 'kpd', 'employment'],
  ['1301', 'UR', 'Sabiedrības ar ierobežotu atbildību reģistrācija', ['SIA dibināšana', 'uzņēmuma reģistrācija', 'dibināt uzņēmumu'], 'state_duty:3500', 3, [PASS, 'dibināšanas lēmums', 'statūti'], 'kpd', 'business'],
  ['1302', 'UR', 'Izmaiņu reģistrācija komercreģistrā', ['valdes maiņa', 'adreses maiņa uzņēmumam'], 'state_duty:2000', 3, ['pieteikums', 'lēmums par izmaiņām'], 'kpd', 'business'],
  ['1303', 'UR', 'Izziņa no Uzņēmumu reģistra', ['UR izziņa', 'uzņēmuma izziņa'], 'fee:500', 1, [], 'kpd', 'business'],
  ['1304', 'UR', 'Biedrības vai nodibinājuma reģistrācija', ['biedrība', 'nodibinājums', 'NVO reģistrācija'], 'state_duty:1400', 5, ['statūti', 'dibināšanas līgums'], 'kpd', 'business'],
  ['1305', 'UR', 'Komersanta likvidācijas reģistrācija', ['likvidācija', 'uzņēmuma slēgšana'], 'state_duty:2500', 5, ['lēmums par likvidāciju'], 'kpd', 'business'],
  ['1401', 'VZD', 'Kadastra informācijas izsniegšana', ['kadastrs', 'kadastra izziņa', 'zemes robežas'], 'fee:710', 5, [PASS], 'kpd', 'property'],
  ['1402', 'VZD', 'Nekustamā īpašuma kadastrālās vērtības izziņa', ['kadastrālā vērtība', 'īpašuma vērtība'], 'fee:430', 5, [PASS], 'kpd', 'property'],
  ['1403', 'VZD', 'Zemes vienības kadastrālā uzmērīšana', ['uzmērīšana', 'mērnieks', 'robežu plāns'], 'fee:29000', 60, [PASS, 'īpašuma tiesības apliecinošs dokuments'], 'kd', 'property'],
  ['1404', 'VZD', 'Adreses piešķiršana vai maiņa', ['adreses maiņa', 'jauna adrese'], 'free:0', 30, [PASS], 'kd', 'property'],
  ['1501', 'LAD', 'Vienotā platības maksājuma pieteikums', ['platību maksājumi', 'VPM', 'lauksaimnieku atbalsts'], 'free:0', 60, [PASS], 'kpd', 'property'],
  ['1502', 'LAD', 'Lauksaimniecības dzīvnieku novietnes reģistrācija', ['novietne', 'mājlopi'], 'free:0', 10, [PASS], 'kpd', 'property'],
  ['1503', 'LAD', 'Atbalsts jaunajiem lauksaimniekiem', ['jaunais lauksaimnieks', 'ELFLA atbalsts'], 'free:0', 90, [PASS, 'biznesa plāns'], 'kpd', 'business'],
  ['1601', 'CSDD', 'Transportlīdzekļa reģistrācija', ['auto reģistrācija', 'numurzīmes', 'mašīnas reģistrācija'], 'fee:4700', 1, [PASS, 'pirkuma līgums'], 'kp', 'vehicle'],
  ['1602', 'CSDD', 'Vadītāja apliecības maiņa', ['tiesības', 'autovadītāja apliecība', 'vadītāja apliecība'], 'fee:2200', 5, [PASS, 'medicīniskā izziņa'], 'kp', 'vehicle'],
  ['1603', 'CSDD', 'Transportlīdzekļa tehniskā apskate — pieraksts', ['tehniskā apskate', 'skate'], 'fee:3400', 1, [], 'ktp', 'vehicle'],
  ['1604', 'CSDD', 'Transportlīdzekļa īpašnieka maiņa', ['mašīnas pārreģistrācija', 'auto pārdošana'], 'fee:1800', 1, [PASS, 'pirkuma līgums'], 'kp', 'vehicle'],
  ['1701', 'VDEAVK', 'Invaliditātes ekspertīze', ['invaliditāte', 'invaliditātes noteikšana', 'ekspertīze'], 'free:0', 30, [PASS, 'ārsta nosūtījums'], 'kpda', 'general'],
  ['1702', 'VDEAVK', 'Atzinums par speciālas kopšanas nepieciešamību', ['īpaša kopšana', 'kopšanas atzinums'], 'free:0', 30, [PASS], 'kpda', 'general'],
  ['1801', 'VK', 'Uzturlīdzekļu garantiju fonda izmaksa', ['alimenti', 'uzturlīdzekļi', 'UGF'], 'free:0', 20, [PASS, 'tiesas nolēmums'], 'kpda', 'benefit'],
  ['1802', 'VK', 'Izziņa par valsts budžeta maksājumiem', ['maksājumu izziņa'], 'free:0', 5, [PASS], 'kpd', 'general'],
];

/** What every municipality offers, as [code suffix, name, synonyms, fee, days, docs, channels, form]. */
const municipal: [number, string, string[], Row[4], number, string[], string, FormKind][] = [
  [1, 'Sociālās palīdzības pabalsts', ['sociālais pabalsts', 'trūcīgā statuss'], 'free:0', 30, [PASS, 'ienākumu izziņa'], 'kpd', 'benefit'],
  [2, 'Trūcīgas vai maznodrošinātas personas statusa noteikšana', ['trūcīgais', 'maznodrošinātais'], 'free:0', 30, [PASS, 'ienākumu izziņa'], 'kpd', 'benefit'],
  [3, 'Mājokļa pabalsts', ['dzīvokļa pabalsts', 'komunālie maksājumi'], 'free:0', 30, [PASS, 'komunālo maksājumu rēķini'], 'kpd', 'benefit'],
  [4, 'Nekustamā īpašuma nodokļa atvieglojums', ['NĪN atlaide', 'nodokļa atlaide'], 'free:0', 30, [PASS], 'kpd', 'tax'],
  [5, 'Būvatļaujas saņemšana', ['būvatļauja', 'būvvalde', 'būvniecība'], 'state_duty:2000', 30, ['būvniecības iecere'], 'kpd', 'property'],
  [6, 'Pieteikums bērna uzņemšanai pirmsskolas izglītības iestādē', ['bērnudārzs', 'rinda uz bērnudārzu', 'PII'], 'free:0', 30, [PASS, 'bērna dzimšanas apliecība'], 'kpd', 'general'],
  [7, 'Laulības reģistrācija dzimtsarakstu nodaļā', ['laulība', 'kāzas', 'dzimtsaraksti'], 'state_duty:1400', 30, [PASS], 'kd', 'general'],
  [8, 'Bērna dzimšanas reģistrācija', ['dzimšanas apliecība', 'jaundzimušā reģistrācija'], 'free:0', 1, [PASS, 'medicīniska izziņa par dzimšanu'], 'kd', 'general'],
  [9, 'Miršanas reģistrācija', ['miršanas apliecība'], 'free:0', 1, [PASS, 'medicīniska izziņa par nāves cēloni'], 'kd', 'general'],
  [10, 'Asistenta pakalpojums personai ar invaliditāti', ['asistents', 'asistenta pakalpojums'], 'free:0', 30, [PASS, 'VDEĀVK atzinums'], 'kpd', 'benefit'],
  [11, 'Aprūpe mājās', ['mājas aprūpe', 'aprūpētājs'], 'free:0', 30, [PASS], 'kpd', 'benefit'],
  [12, 'Pašvaldības palīdzība dzīvokļa jautājumu risināšanā', ['sociālais dzīvoklis', 'pašvaldības dzīvoklis', 'dzīvokļa rinda'], 'free:0', 30, [PASS], 'kpd', 'property'],
  [13, 'Tirdzniecības atļauja publiskā vietā', ['ielu tirdzniecība', 'tirgus atļauja'], 'state_duty:1000', 10, [PASS], 'kpd', 'business'],
  [14, 'Skolēnu brīvpusdienu pieteikums', ['brīvpusdienas', 'skolas pusdienas'], 'free:0', 10, [PASS], 'kpd', 'benefit'],
  [15, 'Atkritumu apsaimniekošanas līguma jautājumi', ['atkritumi', 'atkritumu izvešana'], 'free:0', 10, [], 'ktpd', 'general'],
  [16, 'Koku ciršanas atļauja ārpus meža zemes', ['koku ciršana', 'ciršanas atļauja'], 'free:0', 30, [PASS], 'kpd', 'property'],
  [17, 'Iedzīvotāju iesniegums pašvaldībai', ['iesniegums', 'sūdzība pašvaldībai'], 'free:0', 30, [], 'kpdea', 'general'],
  [18, 'Pabalsts krīzes situācijā', ['krīzes pabalsts', 'ārkārtas pabalsts'], 'free:0', 10, [PASS], 'kpd', 'benefit'],
  [19, 'Sociālā dienesta konsultācija', ['sociālais darbinieks', 'sociālais dienests'], 'free:0', 5, [], 'kt', 'general'],
  [20, 'Pašvaldības nodevas par suņa turēšanu nomaksa', ['suņu nodeva', 'mājdzīvnieki'], 'fee:1000', 1, [], 'kp', 'general'],
  [21, 'Zemes nomas līguma noslēgšana', ['zemes noma', 'nomas līgums'], 'free:0', 30, [PASS], 'kd', 'property'],
  [22, 'Reklāmas izvietošanas atļauja', ['reklāma', 'izkārtne'], 'state_duty:3000', 30, ['reklāmas skice'], 'kpd', 'business'],
  [23, 'Transporta pakalpojums personām ar invaliditāti', ['sociālais taksometrs', 'transports invalīdiem'], 'free:0', 5, [PASS], 'ktd', 'benefit'],
  [24, 'Bāriņtiesas apliecinājums', ['bāriņtiesa', 'notariāls apliecinājums pagastā'], 'state_duty:500', 1, [PASS], 'k', 'general'],
  [25, 'Audžuģimenes statusa pieteikums', ['audžuģimene', 'aizbildnība'], 'free:0', 60, [PASS], 'kd', 'general'],
  [26, 'Sporta un kultūras pasākuma saskaņošana', ['publisks pasākums', 'pasākuma atļauja'], 'free:0', 10, [], 'kpd', 'general'],
  [27, 'Ēkas nodošana ekspluatācijā', ['ekspluatācija', 'būves pieņemšana'], 'state_duty:2500', 30, ['izpilddokumentācija'], 'kd', 'property'],
  [28, 'Adrešu reģistra izziņa pašvaldībā', ['adreses izziņa'], 'free:0', 5, [], 'kpd', 'property'],
  [29, 'Pabalsts bāreņiem un bez vecāku gādības palikušiem bērniem', ['bārenis', 'ārpusģimenes aprūpe'], 'free:0', 30, [PASS], 'kpd', 'benefit'],
  [30, 'Interešu izglītības programmas licencēšana', ['pulciņš', 'interešu izglītība'], 'free:0', 30, ['programmas apraksts'], 'kpd', 'business'],
  [31, 'Pašvaldības stipendija studējošajiem', ['stipendija', 'studenti'], 'free:0', 30, [PASS, 'izziņa no augstskolas'], 'kpd', 'benefit'],
  [32, 'Mājdzīvnieku reģistrācija', ['suņa reģistrācija', 'kaķa reģistrācija', 'mikročips'], 'free:0', 1, [], 'kpd', 'general'],
];

function toService([code, owner, name, synonyms, fee, days, docs, channels, form]: Row): DemoService {
  const [kind, cents] = fee.split(':') as ['free' | 'fee' | 'state_duty', string];
  return {
    code,
    name,
    description: `${name}. Pakalpojumu sniedz ${owner}; iesniegumu var pieņemt valsts un pašvaldības vienotajā klientu apkalpošanas centrā.`,
    ownerCode: owner,
    channels: [...channels].map((c) => channelCodes[c]).filter((c): c is DemoChannel => c !== undefined),
    fee: { kind, amountCents: Number(cents) },
    synonyms,
    requiredDocuments: docs,
    typicalDurationDays: days,
    // The SLA is the law's deadline; the typical time is what owners usually manage.
    slaDays: Math.max(days, days <= 1 ? 5 : Math.round(days * 1.5)),
    form: forms[form] ?? [],
  };
}

/** The whole demo catalogue: the hand-written core plus each municipality's services. */
export function demoServices(): DemoService[] {
  const perMunicipality = municipalityTable.flatMap(([owner, , place], m) =>
    municipal.map(([suffix, name, synonyms, fee, days, docs, channels, form]): DemoService => {
      const code = String(3000 + m * 100 + suffix);
      return toService([code, owner, `${name} ${place}`, synonyms, fee, days, docs, channels, form]);
    }),
  );
  return [...core.map(toService), ...perMunicipality];
}
