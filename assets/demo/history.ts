import { clientIdForPersonalCode } from '../../shared/client-id';
import { invoiceNumber, invoiceReference } from '../../shared/creditor-reference';
import { legacyCheckDigit } from '../../shared/personal-code';
import { municipalityTable } from './institutions';
import { menFirstNames, surnames, womenFirstNames } from './people';
import { demoQueues, demoSystemAccounts } from './platform';
import { createRandom, type Random } from './random';
import type { DemoChannel, DemoData, DemoService } from './types';

/**
 * Months of past work for the statistics: walk-in visits through the centres' queues, the clients,
 * cases and consultations they led to, invoices and their payments, worktime and ratings, plus the
 * call centre's calls and applications that came in electronically. The shapes are the platform's
 * synced entities (platform/entities.ts), restated here because assets may not import the platform;
 * the platform's loader assigns them to its own types, so a drift fails to compile.
 */

type CaseStatus = 'draft' | 'submitted' | 'in_progress' | 'waiting_client' | 'waiting_payment' | 'result_ready' | 'delivered' | 'closed' | 'cancelled' | 'rejected';

export interface HistoryEntry {
  at: string;
  by: string;
  action: string;
  from: string | null;
  to: string | null;
  reason: string | null;
}

export interface HistoryClient {
  id: string;
  personalCode: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  bankAccount: string | null;
  centreId: string | null;
  createdBy: string;
  createdAt: string;
}

export interface HistoryCase {
  id: string;
  caseNumber: string;
  serviceCode: string;
  ownerCode: string;
  clientId: string | null;
  channel: DemoChannel;
  status: CaseStatus;
  level: 'desk' | 'second_level' | 'owner';
  assigneeId: string | null;
  form: Record<string, unknown>;
  authorisation: { onBehalf: boolean; signed: boolean; note: string | null; at: string; by: string } | null;
  centreId: string | null;
  createdBy: string;
  createdAt: string;
  submittedAt: string | null;
  dueAt: string | null;
  escalated: boolean;
  result: string | null;
  backOfficeRef: string | null;
  notes: { at: string; by: string; text: string }[];
  history: HistoryEntry[];
  ticketId: string | null;
}

export interface HistoryConsultation {
  id: string;
  serviceCode: string | null;
  channel: DemoChannel;
  client: { kind: 'anonymous' } | { kind: 'phone'; phone: string } | { kind: 'client'; clientId: string };
  outcome: 'informed' | 'referred' | 'application_needed' | 'unresolved';
  note: string;
  userId: string;
  centreId: string | null;
  createdAt: string;
  ticketId: string | null;
  script: null;
}

export interface HistoryInvoice {
  id: string;
  number: string;
  caseId: string;
  clientId: string | null;
  serviceCode: string;
  ownerCode: string;
  kind: 'fee' | 'state_duty';
  amountCents: number;
  reference: string;
  status: 'issued' | 'paid' | 'cancelled';
  issuedAt: string;
  issuedBy: string;
  payments: { at: string; amountCents: number; source: string }[];
}

type TicketCategory = 'regular' | 'appointment' | 'disability' | 'elderly';

export interface HistoryTicket {
  id: string;
  centreId: string;
  queueId: string;
  number: string;
  day: string;
  category: TicketCategory;
  serviceCode: string | null;
  status: 'done' | 'no_show' | 'cancelled';
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  deskId: string | null;
  userId: string | null;
  caseId: string | null;
  consultationId: string | null;
  recalls: number;
  history: HistoryEntry[];
}

export interface HistoryWorktime {
  id: string;
  userId: string;
  centreId: string | null;
  deskId: string | null;
  state: 'serving';
  serviceCode: string | null;
  caseId: string | null;
  startedAt: string;
  endedAt: string;
}

export interface HistoryFeedback {
  id: string;
  centreId: string | null;
  ticketId: string | null;
  caseId: string | null;
  userId: string | null;
  serviceCode: string | null;
  rating: 1 | 2 | 3 | 4 | 5;
  comment: string | null;
  at: string;
}

/**
 * One generated row. `lastAt` is its last activity and `open` says it is still in progress: the
 * loader keeps old, finished rows for statistics only and sends desks the rest.
 */
interface Row<E extends string, D> {
  entity: E;
  data: D;
  lastAt: string;
  open: boolean;
}

export type HistoryRow =
  | Row<'client', HistoryClient>
  | Row<'case', HistoryCase>
  | Row<'consultation', HistoryConsultation>
  /** An invoice is seen where its case is; the invoice itself does not name the centre. */
  | (Row<'invoice', HistoryInvoice> & { caseCentreId: string | null })
  | Row<'ticket', HistoryTicket>
  | Row<'worktime', HistoryWorktime>
  | Row<'feedback', HistoryFeedback>;

export interface HistoryOptions {
  /** Calendar days before `today` that the history covers; only working days get visits. */
  days: number;
  seed: number;
  /** Exactly this many cases and consultations together, and this many queue tickets. */
  casesAndConsultations: number;
  tickets: number;
  /** The Riga day (YYYY-MM-DD) the history ends before: nothing happens on it or later. */
  today: string;
  /**
   * The first of `casesAndConsultations` case numbers reserved for the history, so no number a desk
   * is handed later can repeat one (platform/cases/numbers.ts).
   */
  firstCaseNumber: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Opening hours in minutes after Riga midnight: doors 08:30–17:00, the kiosk stops issuing at 16:45. */
const OPEN = 8.5 * 60;
const CLOSE = 17 * 60;
const LAST_ISSUE = 16.75 * 60;
/** After this no desk calls anyone; whoever still waits is sent home. */
const LAST_CALL = 17.25 * 60;
const LUNCH = 30;
/** Average minutes from a call to the client at the desk, after the service, and waiting for one who never comes. */
const WALK_MINUTES = 0.8;
const WRAP_MINUTES = 0.6;
const NO_SHOW_MINUTES = 2.2;
/** Desks are kept this busy on average, so queues build up at midday and clear by closing. */
const UTILISATION = 0.75;
const CLIENTS_PER_BATCH = 5000;

const summerTime = new Map<number, [number, number]>();

/** Riga's offset from UTC: EU summer time from 01:00 UTC on the last Sunday of March to that of October. */
function rigaOffset(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  let range = summerTime.get(year);
  if (!range) {
    const lastSunday = (month: number) => {
      const end = Date.UTC(year, month + 1, 0);
      return end - new Date(end).getUTCDay() * DAY + HOUR;
    };
    range = [lastSunday(2), lastSunday(9)];
    summerTime.set(year, range);
  }
  return ms >= range[0] && ms < range[1] ? 3 * HOUR : 2 * HOUR;
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The instant `minutes` after midnight of a Riga day; no clock change happens on a working day. */
const rigaTime = (day: string, minutes: number) => dayMs(day) + minutes * MINUTE - rigaOffset(dayMs(day) + 12 * HOUR);
const iso = (ms: number) => new Date(Math.round(ms / 1000) * 1000).toISOString();

function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((8 * b + 13) / 25) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return Date.UTC(year, month - 1, ((h + l - 7 * m + 114) % 31) + 1);
}

/** Latvia's public holidays on fixed dates; Good Friday and Easter Monday are reckoned per year. */
const fixedHolidays = new Set(['01-01', '05-01', '05-04', '06-23', '06-24', '11-18', '12-24', '12-25', '12-26', '12-31']);

function isWorkingDay(day: string): boolean {
  const ms = dayMs(day);
  const weekday = new Date(ms).getUTCDay();
  if (weekday === 0 || weekday === 6 || fixedHolidays.has(day.slice(5))) return false;
  const easter = easterSunday(new Date(ms).getUTCFullYear());
  return ms !== easter - 2 * DAY && ms !== easter + DAY;
}

/** The working days among the `days` calendar days before `today`, oldest first. */
export function workingDays(today: string, days: number): string[] {
  const start = dayMs(today);
  return Array.from({ length: days }, (_, i) => dayOf(start - (days - i) * DAY)).filter(isWorkingDay);
}

/** Moves a back-office moment into working hours: the owner's staff work when the centres do. */
function duringWork(r: Random, ms: number): number {
  const local = ms + rigaOffset(ms);
  let day = dayOf(local);
  const minutes = (local - dayMs(day)) / MINUTE;
  if (isWorkingDay(day) && minutes >= OPEN && minutes < CLOSE) return ms;
  if (minutes >= CLOSE || !isWorkingDay(day)) {
    do day = dayOf(dayMs(day) + DAY);
    while (!isWorkingDay(day));
  }
  return rigaTime(day, OPEN + r.next() * 180);
}

interface Weighted<T> {
  items: T[];
  cumulative: number[];
}

function weighted<T>(items: T[], weight: (item: T) => number): Weighted<T> {
  let sum = 0;
  return { items, cumulative: items.map((item) => (sum += weight(item))) };
}

function draw<T>(r: Random, w: Weighted<T>): T {
  const target = r.next() * (w.cumulative.at(-1) ?? 0);
  let lo = 0;
  let hi = w.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((w.cumulative[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  const item = w.items[lo];
  if (item === undefined) throw new Error('draw from an empty list');
  return item;
}

const exponential = (r: Random, mean: number) => -mean * Math.log(1 - r.next());

/** Splits a total exactly in proportion to weights (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, left = total - counts.reduce((a, b) => a + b, 0); k < left; k++) {
    const i = order[k % order.length]?.[1] ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

function uuid(r: Random): string {
  const hex = (n: number) => Math.floor(r.next() * 2 ** n).toString(16).padStart(n / 4, '0');
  return `${hex(32)}-${hex(16)}-4${hex(12)}-${(8 + r.int(0, 3)).toString(16)}${hex(12)}-${hex(24)}${hex(24)}`;
}

/** Visitors by half hour from 08:30: a slow start, a peak over lunch, a quiet last hour. */
const halfHours = weighted(
  [0.7, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.45, 1.45, 1.4, 1.3, 1.2, 1.1, 1, 0.9, 0.8, 0.4].map((w, i) => ({ w, from: OPEN + i * 30, to: Math.min(OPEN + (i + 1) * 30, LAST_ISSUE) })),
  (s) => s.w,
);
const drawMinute = (r: Random) => {
  const slot = draw(r, halfHours);
  return slot.from + r.next() * (slot.to - slot.from);
};

/** Monday carries the weekend's backlog; Friday afternoons are quiet. */
const weekdayLoad = [0, 1.3, 1.1, 1, 1, 0.85, 0];

const ascii = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

function iban(r: Random): string {
  const bban = `${r.pick(['HABA', 'UNLA', 'RIKO', 'PARX', 'NDEA'])}${Array.from({ length: 13 }, () => r.int(0, 9)).join('')}`;
  const digits = [...`${bban}LV00`].map((c) => (/[A-Z]/u.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return `LV${String(98 - rest).padStart(2, '0')}${bban}`;
}

const mobile = (r: Random) => `+3712${String(r.int(0, 9_999_999)).padStart(7, '0')}`;

/**
 * The clients the history serves. They are written last, once each one's last visit is known, since
 * that decides whether desks still need them; some come back, some are known only by a phone number.
 */
function clientRegistry(r: Random) {
  const clients: HistoryClient[] = [];
  const identified: number[] = [];
  const lastAt: number[] = [];
  const open: boolean[] = [];
  const codes = new Set<string>();

  function personalCode(): string {
    for (;;) {
      const birth = Date.UTC(1940, 0, 1) + r.int(0, 65 * 365) * DAY;
      const date = new Date(birth);
      const yy = String(date.getUTCFullYear() % 100).padStart(2, '0');
      const first10 = `${String(date.getUTCDate()).padStart(2, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}${yy}${date.getUTCFullYear() < 2000 ? 1 : 2}${String(r.int(0, 999)).padStart(3, '0')}`;
      const check = legacyCheckDigit(first10);
      const code = `${first10.slice(0, 6)}-${first10.slice(6)}${check}`;
      // A remainder of 10 has no check digit: such numbers are never issued.
      if (check < 10 && !codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  }

  function add(client: Omit<HistoryClient, 'centreId' | 'createdBy' | 'createdAt'>, centreId: string, by: string, at: number): number {
    clients.push({ ...client, centreId, createdBy: by, createdAt: iso(at) });
    lastAt.push(at);
    open.push(false);
    return clients.length - 1;
  }

  return {
    /** A client with a personal code: a returning one now and then, else someone new. */
    identified(centreId: string, by: string, at: number): number {
      if (identified.length > 0 && r.next() < 0.3) return r.pick(identified);
      const woman = r.next() < 0.55;
      const firstName = r.pick(woman ? womenFirstNames : menFirstNames);
      const lastName = r.pick(surnames)[woman ? 1 : 0];
      const code = personalCode();
      const index = add(
        {
          id: clientIdForPersonalCode(code) as string,
          personalCode: code,
          firstName,
          lastName,
          phone: r.next() < 0.8 ? mobile(r) : null,
          email: r.next() < 0.35 ? `${ascii(firstName)}.${ascii(lastName)}${r.int(1, 99)}@${r.pick(['inbox.lv', 'gmail.com', 'apollo.lv'])}` : null,
          bankAccount: r.next() < 0.5 ? iban(r) : null,
        },
        centreId,
        by,
        at,
      );
      identified.push(index);
      return index;
    },
    /** Partly identified: the clerk noted only a phone number and perhaps a first name. */
    partial(centreId: string, by: string, at: number): number {
      const woman = r.next() < 0.55;
      return add(
        { id: uuid(r), personalCode: null, firstName: r.next() < 0.5 ? r.pick(woman ? womenFirstNames : menFirstNames) : null, lastName: null, phone: mobile(r), email: null, bankAccount: null },
        centreId,
        by,
        at,
      );
    },
    get: (index: number) => clients[index] as HistoryClient,
    used(index: number, at: number, stillOpen: boolean) {
      lastAt[index] = Math.max(lastAt[index] ?? 0, at);
      open[index] = (open[index] ?? false) || stillOpen;
    },
    *rows(): Generator<HistoryRow[]> {
      for (let i = 0; i < clients.length; i += CLIENTS_PER_BATCH) {
        yield clients.slice(i, i + CLIENTS_PER_BATCH).map((data, k) => ({ entity: 'client', data, lastAt: iso(lastAt[i + k] ?? 0), open: open[i + k] ?? false }));
      }
    },
  };
}

interface Desk {
  id: string;
  userId: string;
}

interface Queue {
  id: string;
  letter: string;
  services: Weighted<DemoService>;
}

interface Centre {
  id: string;
  name: string;
  town: string;
  kioskId: string;
  desks: Desk[];
  queues: Weighted<Queue>;
  electronic: Weighted<DemoService>;
}

const electronicChannels: DemoChannel[] = ['e_address', 'portal', 'email', 'post'];

/** How often clients come for a service: the concept's pilot services most, a municipality's least. */
function popularity(service: DemoService, municipal: Set<string>): number {
  if (service.code.startsWith('P.')) return 6;
  return municipal.has(service.ownerCode) ? 1 : 2;
}

function world(data: DemoData) {
  const municipal = new Set(municipalityTable.map(([code]) => code));
  const staff = new Map(data.users.filter((u) => u.deskId).map((u) => [u.deskId, u.id]));
  const kiosks = new Map(demoSystemAccounts(data).filter((a) => a.roles.includes('kiosk')).map((a) => [a.centreId, a.id]));
  const queues = demoQueues(data.centres, data.services);
  const byCode = new Map(data.services.map((s) => [s.code, s]));
  const desksOf = (centreId: string): Desk[] =>
    data.desks.filter((d) => d.centreId === centreId && staff.has(d.id)).map((d) => ({ id: d.id, userId: staff.get(d.id) as string }));
  const queueShare: Record<string, number> = { A: 0.4, B: 0.2, C: 0.4 };

  const centres: Centre[] = data.centres
    .filter((c) => c.kind !== 'call_centre')
    .map((c) => {
      // A centre serves the state's services and those of its own municipality.
      const own = municipalityTable.find(([, , , town]) => c.address.endsWith(town))?.[0];
      const offered = (s: DemoService) => !municipal.has(s.ownerCode) || s.ownerCode === own;
      const centreQueues = queues
        .filter((q) => q.centreId === c.id)
        .map((q) => ({
          id: q.id,
          letter: q.letter,
          services: weighted(
            q.serviceCodes.map((code) => byCode.get(code)).filter((s): s is DemoService => s !== undefined && offered(s) && s.channels.includes('in_person')),
            (s) => popularity(s, municipal),
          ),
        }))
        .filter((q) => q.services.items.length > 0);
      return {
        id: c.id,
        name: c.name,
        town: c.address.split(', ').at(-1) ?? c.municipality,
        kioskId: kiosks.get(c.id) ?? 'system',
        desks: desksOf(c.id),
        queues: weighted(centreQueues, (q) => queueShare[q.letter] ?? 0.2),
        electronic: weighted(
          data.services.filter((s) => offered(s) && s.channels.some((ch) => electronicChannels.includes(ch))),
          (s) => popularity(s, municipal),
        ),
      };
    })
    .filter((c) => c.desks.length > 0 && c.queues.items.length > 0);

  const callCentres = data.centres.filter((c) => c.kind === 'call_centre');
  const agents = callCentres.flatMap((c) => desksOf(c.id).map((d) => ({ centreId: c.id, desk: d })));
  return {
    centres,
    centresByDesks: weighted(centres, (c) => c.desks.length),
    agents,
    phoneServices: weighted(
      data.services.filter((s) => !municipal.has(s.ownerCode)),
      (s) => popularity(s, municipal),
    ),
    systemOf: new Map(demoSystemAccounts(data).filter((a) => a.institutionCode).map((a) => [a.institutionCode, a.id])),
    ownerNames: new Map(data.institutions.map((i) => [i.code, i.name])),
  };
}

type World = ReturnType<typeof world>;

const finalStatuses: CaseStatus[] = ['closed', 'cancelled', 'rejected'];
const authorisationNotes: Partial<Record<DemoChannel, string>> = {
  e_address: 'Iesniegts e-adresē ar drošu elektronisko parakstu.',
  portal: 'Iesniegts portālā Latvija.lv.',
  email: 'Iesniegts e-pastā ar drošu elektronisko parakstu.',
  post: 'Parakstīts iesniegums saņemts pa pastu.',
};
/** The statuses the SLA sweep watches (openStatuses in platform/cases/machine.ts). */
const slaStatuses: CaseStatus[] = ['submitted', 'in_progress', 'waiting_client', 'waiting_payment', 'result_ready'];

const subjects = ['Par dzīvesvietas deklarēšanu', 'Par pabalsta izmaksas termiņu', 'Par nekustamā īpašuma nodokli', 'Par dokumentu izsniegšanu', 'Par pašvaldības pakalpojumu'];
const companies = ['Kalnu nams', 'Baltijas koks', 'Daugavas pakalpojumi', 'Rīgas maiznieks', 'Ziemeļu loģistika', 'Zaļā pļava'];
const streets = ['Brīvības iela', 'Lāčplēša iela', 'Skolas iela', 'Dārza iela', 'Meža iela', 'Rīgas iela', 'Liepu iela'];

function formValues(r: Random, service: DemoService, client: HistoryClient, centre: Centre, day: string): Record<string, unknown> {
  const digits = (n: number) => Array.from({ length: n }, () => r.int(0, 9)).join('');
  const text: Record<string, () => string | null> = {
    phone: () => client.phone,
    pickup: () => centre.name,
    cadastre: () => digits(11),
    address: () => `${r.pick(streets)} ${r.int(1, 120)}, ${centre.town}`,
    purpose: () => r.pick(['Pārdošana', 'Mantojuma kārtošana', 'Kredīta saņemšana']),
    registrationNumber: () => `4000${digits(7)}`,
    companyName: () => `SIA „${r.pick(companies)}”`,
    lastEmployer: () => `SIA „${r.pick(companies)}”`,
    plate: () => `${String.fromCharCode(65 + r.int(0, 25), 65 + r.int(0, 25))}-${r.int(1000, 9999)}`,
    vin: () => `WVW${digits(14)}`,
    subject: () => r.pick(subjects),
  };
  const values: Record<string, unknown> = {};
  for (const field of service.form) {
    if (!field.required && r.next() < 0.5) continue;
    let value: unknown;
    if (field.type === 'personalCode') value = client.personalCode;
    else if (field.type === 'iban') value = client.bankAccount ?? iban(r);
    else if (field.type === 'date') value = day;
    else if (field.type === 'number') value = Number(day.slice(0, 4)) - 1;
    else if (field.type === 'select') value = r.pick(field.options ?? ['']);
    else if (field.type === 'checkbox') value = true;
    else value = text[field.key]?.() ?? service.name;
    if (value !== null) values[field.key] = value;
  }
  return values;
}

interface Context {
  r: Random;
  w: World;
  now: number;
  clients: ReturnType<typeof clientRegistry>;
  nextCaseNumber: number;
}

const entry = (at: number, by: string, action: string, from: string | null, to: string | null, reason: string | null = null): HistoryEntry => ({ at: iso(at), by, action, from, to, reason });

/**
 * A case from its registration to wherever it has got by `now`: the owner accepts it, may wait for
 * payment or a document, decides, and the centre hands over the result. What would happen after
 * `now` is left out, so recent cases are still open.
 */
function newCase(
  ctx: Context,
  p: { service: DemoService; client: number; channel: DemoChannel; centre: Centre; clerk: string; createdAt: number; submitAt: number; ticketId: string | null; day: string },
): HistoryRow[] {
  const { r, w, now } = ctx;
  const client = ctx.clients.get(p.client);
  const id = uuid(r);
  const caseNumber = `${p.service.code} ${ctx.nextCaseNumber++}`;
  const system = w.systemOf.get(p.service.ownerCode) ?? 'system';
  const data: HistoryCase = {
    id,
    caseNumber,
    serviceCode: p.service.code,
    ownerCode: p.service.ownerCode,
    clientId: client.id,
    channel: p.channel,
    status: 'draft',
    level: 'desk',
    assigneeId: p.clerk,
    form: formValues(r, p.service, client, p.centre, p.day),
    authorisation: null,
    centreId: p.centre.id,
    createdBy: p.clerk,
    createdAt: iso(p.createdAt),
    submittedAt: null,
    dueAt: null,
    escalated: false,
    result: null,
    backOfficeRef: null,
    notes: [],
    history: [entry(p.createdAt, p.clerk, 'created', null, 'draft')],
    ticketId: p.ticketId,
  };
  // A few clients change their mind before signing; they are not invoiced.
  const withdrawn = r.next() < 0.02;
  const fee = p.service.fee;
  const invoice: HistoryInvoice | null =
    withdrawn || fee.kind === 'free' || fee.amountCents <= 0
      ? null
      : {
          id: uuid(r),
          number: invoiceNumber(caseNumber, 1),
          caseId: id,
          clientId: client.id,
          serviceCode: p.service.code,
          ownerCode: p.service.ownerCode,
          kind: fee.kind,
          amountCents: fee.amountCents,
          reference: invoiceReference(caseNumber, 1),
          status: 'issued',
          issuedAt: iso((p.createdAt + p.submitAt) / 2),
          issuedBy: p.clerk,
          payments: [],
        };
  // One in ten never pays; the rest within days, through the State Treasury.
  const paidAt = invoice && r.next() < 0.9 ? duringWork(r, p.submitAt + 10 * MINUTE + exponential(r, 1.5 * DAY)) : null;
  if (invoice && paidAt !== null && paidAt <= now) {
    invoice.status = 'paid';
    invoice.payments.push({ at: iso(paidAt), amountCents: invoice.amountCents, source: 'Valsts kase' });
  }

  let last = p.createdAt;
  /** Records a change, unless it would happen after `now`; then the case stays where it is. */
  const step = (at: number, by: string, to: CaseStatus, reason: string | null = null): boolean => {
    if (at > now) return false;
    data.history.push(entry(at, by, 'status', data.status, to, reason));
    data.status = to;
    last = at;
    return true;
  };
  const clerkOfCentre = () => r.pick(p.centre.desks).userId;

  const live = (): void => {
    if (withdrawn) {
      step(p.submitAt, p.clerk, 'cancelled', 'Klients atteicās no pieteikuma.');
      return;
    }
    step(p.submitAt, p.clerk, 'submitted');
    data.authorisation = { onBehalf: p.channel === 'in_person', signed: true, note: authorisationNotes[p.channel] ?? null, at: iso(p.submitAt), by: p.clerk };
    data.submittedAt = iso(p.submitAt);
    data.dueAt = iso(p.submitAt + p.service.slaDays * DAY);
    data.level = 'owner';
    data.assigneeId = null;
    let t = duringWork(r, p.submitAt + 15 * MINUTE + exponential(r, 6 * HOUR));
    if (!step(t, system, 'in_progress')) return;
    data.backOfficeRef = `${p.service.ownerCode}-${caseNumber.replace(/\s/gu, '-')}`;
    if (invoice && (paidAt === null || paidAt > t)) {
      t = duringWork(r, t + 10 * MINUTE + r.next() * 2 * HOUR);
      if (!step(t, system, 'waiting_payment', 'Gaidām maksājumu par pakalpojumu.')) return;
      if (paidAt === null) {
        if (step(duringWork(r, t + 30 * DAY), clerkOfCentre(), 'cancelled', 'Maksājums 30 dienās nav saņemts.')) invoice.status = 'cancelled';
        return;
      }
      t = duringWork(r, paidAt + HOUR + exponential(r, 8 * HOUR));
      if (!step(t, system, 'in_progress', 'Maksājums saņemts.')) return;
    }
    if (r.next() < 0.08) {
      t = duringWork(r, t + exponential(r, DAY));
      if (!step(t, system, 'waiting_client', 'Nepieciešams papildu dokuments: lūdzam klientu to iesniegt klientu centrā.')) return;
      t = duringWork(r, t + (2 + r.next() * 8) * DAY);
      if (!step(t, system, 'in_progress', 'Klients iesniedza papildu dokumentus.')) return;
    }
    if (r.next() < 0.04) {
      step(duringWork(r, t + exponential(r, 2 * DAY)), system, 'rejected', 'Pakalpojuma saņemšanas nosacījumi nav izpildīti.');
      return;
    }
    t = duringWork(r, t + Math.max(2 * HOUR, p.service.typicalDurationDays * DAY * (0.3 + r.next())));
    if (!step(t, system, 'result_ready')) return;
    data.result = `Lēmums pieņemts lietā ${caseNumber}.`;
    t = duringWork(r, t + HOUR + exponential(r, 1.5 * DAY));
    if (!step(t, clerkOfCentre(), 'delivered')) return;
    step(duringWork(r, t + 30 * MINUTE + exponential(r, DAY)), system, 'closed');
  };
  live();

  // A case still open when its deadline passed was escalated then by the SLA sweep (platform/cases/sla.ts).
  const due = data.dueAt ? Date.parse(data.dueAt) : Infinity;
  if (due <= now) {
    const at = data.history.findIndex((h) => Date.parse(h.at) > due);
    const statusThen = (at < 0 ? data.history : data.history.slice(0, at)).at(-1)?.to as CaseStatus;
    if (slaStatuses.includes(statusThen)) {
      data.escalated = true;
      data.history.splice(at < 0 ? data.history.length : at, 0, entry(due, 'system', 'escalated', null, null, 'Pārsniegts pakalpojuma izpildes termiņš (SLA).'));
      last = Math.max(last, due);
    }
  }

  const open = !finalStatuses.includes(data.status);
  ctx.clients.used(p.client, last, open);
  const lastAt = iso(last);
  const rows: HistoryRow[] = [{ entity: 'case', data, lastAt, open }];
  if (invoice) rows.push({ entity: 'invoice', data: invoice, caseCentreId: p.centre.id, lastAt, open });
  return rows;
}

const outcomes = weighted(
  [
    ['informed', 0.75],
    ['referred', 0.1],
    ['application_needed', 0.1],
    ['unresolved', 0.05],
  ] as const,
  ([, w]) => w,
);

/** `client` is a client of the registry, a caller known only by a phone number, or nobody in particular (null). */
function newConsultation(
  ctx: Context,
  p: { service: DemoService | null; channel: DemoChannel; client: number | { phone: string } | null; userId: string; centreId: string; at: number; ticketId: string | null },
): HistoryRow {
  const { r, w } = ctx;
  const [outcome] = draw(r, outcomes);
  const about = p.service ? `par pakalpojumu „${p.service.name}”` : 'par klientu centra pakalpojumiem';
  const note = {
    informed: `Sniegta informācija ${about}.`,
    referred: `Klients novirzīts uz iestādi: ${(p.service && w.ownerNames.get(p.service.ownerCode)) ?? 'pakalpojuma turētājs'}.`,
    application_needed: `Klientam jāiesniedz pieteikums; izskaidroti vajadzīgie dokumenti ${about}.`,
    unresolved: 'Jautājums nodots precizēšanai; klientam atbildēs vēlāk.',
  }[outcome];
  let client: HistoryConsultation['client'] = { kind: 'anonymous' };
  if (typeof p.client === 'number') {
    client = { kind: 'client', clientId: ctx.clients.get(p.client).id };
    ctx.clients.used(p.client, p.at, false);
  } else if (p.client) {
    client = { kind: 'phone', phone: p.client.phone };
  }
  const data: HistoryConsultation = {
    id: uuid(r),
    serviceCode: p.service?.code ?? null,
    channel: p.channel,
    client,
    outcome,
    note,
    userId: p.userId,
    centreId: p.centreId,
    createdAt: iso(p.at),
    ticketId: p.ticketId,
    script: null,
  };
  return { entity: 'consultation', data, lastAt: data.createdAt, open: false };
}

type VisitKind = 'case' | 'consultation' | 'none';

interface Visit {
  id: string;
  queue: Queue;
  number: string;
  category: TicketCategory;
  service: DemoService;
  kind: VisitKind;
  noShow: boolean;
  issued: number;
  duration: number;
  called: number | null;
  started: number | null;
  finished: number | null;
  desk: Desk | null;
  recalls: number;
}

const categories = weighted(
  [
    ['regular', 0.8],
    ['appointment', 0.09],
    ['elderly', 0.08],
    ['disability', 0.03],
  ] as const,
  ([, w]) => w,
);
/** The order "call next" uses (platform/queue/mutations.ts): appointments, then priority clients, then the rest. */
const priority: Record<TicketCategory, number> = { appointment: 0, disability: 1, elderly: 1, regular: 2 };

/**
 * One centre's day as a queue: tickets arrive by the day's profile, each desk calls the next by
 * priority and issue time, serves, takes a lunch break, and stops calling after closing. Service
 * times shrink on a busy day so the desks can keep up, as clerks do.
 */
function simulateCentre(r: Random, centre: Centre, count: number, recordShare: number): Visit[] {
  const counters = new Map<string, number>();
  const visits = Array.from({ length: count }, () => drawMinute(r))
    .sort((a, b) => a - b)
    .map((issued): Visit => {
      const queue = draw(r, centre.queues);
      const n = (counters.get(queue.id) ?? 0) + 1;
      counters.set(queue.id, n);
      const kind: VisitKind = r.next() < recordShare ? (r.next() < 0.55 ? 'case' : 'consultation') : 'none';
      const duration = Math.min(45, kind === 'case' ? 6 + exponential(r, 7) : kind === 'consultation' ? 2 + exponential(r, 3.5) : 1.5 + exponential(r, 3));
      return {
        id: uuid(r),
        queue,
        number: `${queue.letter}${String(n).padStart(3, '0')}`,
        category: draw(r, categories)[0],
        service: draw(r, queue.services),
        kind,
        noShow: r.next() < 0.06,
        issued,
        duration,
        called: null,
        started: null,
        finished: null,
        desk: null,
        recalls: 0,
      };
    });
  // Calling, walking up and wrapping up take their time however busy the day; only the service shrinks.
  const overhead = visits.reduce((sum, v) => sum + (v.noShow ? NO_SHOW_MINUTES : WALK_MINUTES + WRAP_MINUTES), 0);
  const service = visits.reduce((sum, v) => sum + (v.noShow ? 0 : v.duration), 0);
  const scale = Math.min(1, Math.max(0.2, (centre.desks.length * (CLOSE - OPEN - LUNCH) * UTILISATION - overhead) / Math.max(service, 1)));
  for (const v of visits) v.duration *= scale;

  const desks = centre.desks.map((desk, j) => ({ desk, free: OPEN + r.next() * 5, lunchAt: 11 * 60 + ((j * 47) % 210), lunched: false }));
  // One waiting line per priority, each in issue order.
  const lines = [0, 1, 2].map(() => ({ visits: [] as Visit[], head: 0 }));
  let arrived = 0;
  for (;;) {
    const desk = desks.reduce((a, b) => (b.free < a.free ? b : a));
    const t = desk.free;
    if (!desk.lunched && t >= desk.lunchAt) {
      desk.lunched = true;
      desk.free = t + LUNCH;
      continue;
    }
    for (let v = visits[arrived]; v && v.issued <= t; v = visits[++arrived]) lines[priority[v.category]]?.visits.push(v);
    const line = lines.find((l) => l.head < l.visits.length);
    if (!line) {
      const next = visits[arrived];
      if (!next) break;
      desk.free = next.issued;
      continue;
    }
    if (t > LAST_CALL) break;
    const v = line.visits[line.head++] as Visit;
    v.called = t;
    v.desk = desk.desk;
    if (v.noShow) {
      v.recalls = r.next() < 0.5 ? 1 : 0;
      v.finished = t + NO_SHOW_MINUTES * (0.7 + r.next() * 0.6);
      desk.free = v.finished;
    } else {
      v.started = t + WALK_MINUTES * (0.4 + r.next() * 1.2);
      v.finished = v.started + v.duration;
      desk.free = v.finished + WRAP_MINUTES * (0.4 + r.next() * 1.2);
    }
  }
  return visits;
}

const comments: Record<number, string[]> = {
  5: ['Ļoti laipna un zinoša speciāliste, paldies!', 'Ātri un saprotami.'],
  4: ['Viss kārtībā, tikai nedaudz bija jāgaida.'],
  3: ['Ilgi bija jāgaida rindā.'],
  2: ['Pārāk ilgi jāgaida, strādāja tikai dažas letes.'],
  1: ['Nesaņēmu skaidru atbildi uz savu jautājumu.'],
};
const ratings = weighted(
  [
    [5, 0.6],
    [4, 0.25],
    [3, 0.08],
    [2, 0.04],
    [1, 0.03],
  ] as const,
  ([, w]) => w,
);

/** The walk-in visits at one centre on one day, with what each led to. */
function centreDay(ctx: Context, centre: Centre, day: string, visits: Visit[]): HistoryRow[] {
  const { r, clients } = ctx;
  const at = (minutes: number) => rigaTime(day, minutes);
  const rows: HistoryRow[] = [];
  for (const v of visits) {
    const clerk = v.desk?.userId ?? null;
    const history = [entry(at(v.issued), centre.kioskId, 'issued', null, 'waiting')];
    let status: HistoryTicket['status'] = 'cancelled';
    let caseId: string | null = null;
    let consultationId: string | null = null;
    if (v.called !== null && clerk) {
      history.push(entry(at(v.called), clerk, 'called', 'waiting', 'called'));
      if (v.recalls > 0) history.push(entry(at(v.called + 1), clerk, 'recalled', 'called', 'called'));
      if (v.started === null) {
        status = 'no_show';
        history.push(entry(at(v.finished ?? v.called), clerk, 'no_show', 'called', 'no_show'));
      } else {
        status = 'done';
        const started = at(v.started);
        const finished = at(v.finished ?? v.started);
        history.push(entry(started, clerk, 'started', 'called', 'serving'), entry(finished, clerk, 'finished', 'serving', 'done'));
        if (v.kind === 'case') {
          const client = clients.identified(centre.id, clerk, started);
          const made = newCase(ctx, { service: v.service, client, channel: 'in_person', centre, clerk, createdAt: started + 30_000, submitAt: Math.max(started + 60_000, finished - 30_000), ticketId: v.id, day });
          caseId = made[0]?.data.id ?? null;
          rows.push(...made);
        } else if (v.kind === 'consultation') {
          const who = r.next();
          const client = who < 0.6 ? clients.identified(centre.id, clerk, started) : who < 0.7 ? clients.partial(centre.id, clerk, started) : null;
          const made = newConsultation(ctx, { service: v.service, channel: 'in_person', client, userId: clerk, centreId: centre.id, at: Math.max(started, finished - 20_000), ticketId: v.id });
          consultationId = made.data.id;
          rows.push(made);
        }
        if (r.next() < 0.5) {
          const worktime: HistoryWorktime = { id: uuid(r), userId: clerk, centreId: centre.id, deskId: v.desk?.id ?? null, state: 'serving', serviceCode: v.service.code, caseId, startedAt: iso(started), endedAt: iso(finished) };
          rows.push({ entity: 'worktime', data: worktime, lastAt: worktime.endedAt, open: false });
        }
      }
    } else {
      history.push(entry(at(LAST_CALL), 'system', 'cancelled', 'waiting', 'cancelled', 'Darba laiks beidzies.'));
    }
    const ticket: HistoryTicket = {
      id: v.id,
      centreId: centre.id,
      queueId: v.queue.id,
      number: v.number,
      day,
      category: v.category,
      serviceCode: r.next() < 0.7 ? v.service.code : null,
      status,
      issuedAt: iso(at(v.issued)),
      // A recall calls the client again a minute later.
      calledAt: v.called === null ? null : iso(at(v.recalls > 0 ? v.called + 1 : v.called)),
      startedAt: v.started === null ? null : iso(at(v.started)),
      finishedAt: v.finished === null ? null : iso(at(v.finished)),
      deskId: v.desk?.id ?? null,
      userId: clerk,
      caseId,
      consultationId,
      recalls: v.recalls,
      history,
    };
    rows.push({ entity: 'ticket', data: ticket, lastAt: history.at(-1)?.at ?? ticket.issuedAt, open: false });
    if (status === 'done' && r.next() < 0.15) {
      const wait = (v.started ?? v.issued) - v.issued;
      let [rating] = draw(r, ratings);
      if (wait > 30 && rating > 1 && r.next() < 0.5) rating = (rating - 1) as 1 | 2 | 3 | 4;
      const feedback: HistoryFeedback = {
        id: uuid(r),
        centreId: centre.id,
        ticketId: v.id,
        caseId,
        userId: clerk,
        serviceCode: ticket.serviceCode,
        rating,
        comment: r.next() < 0.1 ? r.pick(comments[rating] ?? ['']) : null,
        at: iso(at((v.finished ?? v.issued) + 0.2 + r.next() * 2)),
      };
      rows.push({ entity: 'feedback', data: feedback, lastAt: feedback.at, open: false });
    }
  }
  return rows;
}

/** Calls to the state call centre: information, mostly to callers who give no name. */
function callCentreDay(ctx: Context, day: string, count: number): HistoryRow[] {
  const { r, w, clients } = ctx;
  return Array.from({ length: count }, () => {
    const { centreId, desk } = r.pick(w.agents);
    const at = rigaTime(day, drawMinute(r));
    const who = r.next();
    const client = who < 0.15 ? clients.identified(centreId, desk.userId, at) : who < 0.55 ? { phone: mobile(r) } : null;
    return newConsultation(ctx, { service: r.next() < 0.9 ? draw(r, w.phoneServices) : null, channel: 'phone', client, userId: desk.userId, centreId, at, ticketId: null });
  });
}

/** Applications and questions that reached a centre by e-address, portal, e-mail or post. */
function electronicDay(ctx: Context, day: string, count: number): HistoryRow[] {
  const { r, w, clients } = ctx;
  return Array.from({ length: count }, () => {
    const centre = draw(r, w.centresByDesks);
    const clerk = r.pick(centre.desks).userId;
    const service = draw(r, centre.electronic);
    const channel = r.pick(service.channels.filter((c) => electronicChannels.includes(c)));
    const createdAt = rigaTime(day, drawMinute(r));
    const client = clients.identified(centre.id, clerk, createdAt);
    if (r.next() < 0.8) {
      const submitAt = createdAt + (3 + r.next() * 9) * MINUTE;
      return newCase(ctx, { service, client, channel, centre, clerk, createdAt, submitAt, ticketId: null, day });
    }
    return [newConsultation(ctx, { service, channel, client, userId: clerk, centreId: centre.id, at: createdAt, ticketId: null })];
  }).flat();
}

/**
 * The history as batches of rows, one working day per batch and the clients at the end, so a loader
 * never holds more than a day of it. The same data, seed and options give the same rows.
 */
export function* generateHistory(data: DemoData, options: HistoryOptions): Generator<HistoryRow[]> {
  const r = createRandom(options.seed);
  const w = world(data);
  const days = workingDays(options.today, options.days);
  if (days.length === 0 && options.tickets + options.casesAndConsultations > 0) throw new RangeError('Vēsturē nav nevienas darba dienas.');
  if (w.centres.length === 0 && options.tickets > 0) throw new RangeError('Demonstrācijas datos nav klientu centru ar letēm.');
  const load = days.map((day) => (weekdayLoad[new Date(dayMs(day)).getUTCDay()] ?? 1) * (0.9 + 0.2 * r.next()));
  const ticketsPerDay = apportion(options.tickets, load);
  const recordsPerDay = apportion(options.casesAndConsultations, load);
  const ctx: Context = { r, w, now: rigaTime(options.today, 0), clients: clientRegistry(r), nextCaseNumber: options.firstCaseNumber };

  for (const [i, day] of days.entries()) {
    const tickets = ticketsPerDay[i] ?? 0;
    const records = recordsPerDay[i] ?? 0;
    // About seven in ten cases and consultations come through the queue; a served visit leads to one
    // that often, the rest being questions answered in passing.
    const recordShare = tickets > 0 ? Math.min(1, (0.72 * records) / (0.9 * tickets)) : 0;
    const perCentre = apportion(
      tickets,
      w.centres.map((c) => c.desks.length * (0.9 + 0.2 * r.next())),
    );
    const simulated = w.centres.map((c, k) => simulateCentre(r, c, perCentre[k] ?? 0, recordShare));
    // The exact total holds: surplus walk-in records are dropped, the shortfall comes by phone and post.
    let left = records;
    for (const visits of simulated) {
      for (const v of visits) {
        if (v.kind === 'none' || v.started === null) continue;
        if (left > 0) left--;
        else v.kind = 'none';
      }
    }
    const rows = simulated.flatMap((visits, k) => centreDay(ctx, w.centres[k] as Centre, day, visits));
    const byPhone = w.agents.length > 0 ? (w.centres.length > 0 ? Math.round((left * 5) / 7) : left) : 0;
    rows.push(...callCentreDay(ctx, day, byPhone), ...electronicDay(ctx, day, left - byPhone));
    yield rows;
  }
  yield* ctx.clients.rows();
}
