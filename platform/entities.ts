import type { CaseLevel, CaseStatus, HistoryEntry } from '../shared/case-lifecycle';

/**
 * The data each synced entity carries in `sync_rows.data`: what a desk receives in a pull and what the
 * platform's GraphQL types resolve from. Ids are UUIDs made where the record is born (often a desk,
 * offline); times are ISO 8601 in UTC.
 */
export type ChannelName = 'in_person' | 'phone' | 'email' | 'portal' | 'post' | 'e_address';


export interface ClientData {
  id: string;
  /** Null for a partly identified client (only a phone number or an e-mail). */
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

export interface ConsentData {
  id: string;
  clientId: string;
  purpose: string;
  grantedAt: string;
  userId: string;
  centreId: string | null;
}

export { caseStatuses, type CaseLevel, type CaseStatus, type HistoryEntry } from '../shared/case-lifecycle';

export interface CaseData {
  id: string;
  /** The service code and a number, e.g. `9999 7654` (domain.md). */
  caseNumber: string;
  serviceCode: string;
  ownerCode: string;
  clientId: string | null;
  channel: ChannelName;
  status: CaseStatus;
  level: CaseLevel;
  assigneeId: string | null;
  form: Record<string, unknown>;
  /** Set when the clerk confirms the application on the client's behalf (the e-assistant rule). */
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

export interface ConsultationData {
  id: string;
  serviceCode: string | null;
  channel: ChannelName;
  client: { kind: 'anonymous' } | { kind: 'phone'; phone: string } | { kind: 'client'; clientId: string };
  outcome: 'informed' | 'referred' | 'application_needed' | 'unresolved';
  note: string;
  userId: string;
  centreId: string | null;
  createdAt: string;
  ticketId?: string | null;
  script?: { id: string; version: number; path: string[] } | null;
}

export interface DocumentData {
  id: string;
  caseId: string;
  kind: 'scan' | 'signature' | 'application_pdf' | 'receipt' | 'invoice_pdf' | 'result';
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  pages: number | null;
  scanSettings: Record<string, unknown> | null;
  createdBy: string;
  createdAt: string;
}

export interface InvoiceData {
  id: string;
  number: string;
  caseId: string;
  clientId: string | null;
  serviceCode: string;
  ownerCode: string;
  kind: 'fee' | 'state_duty';
  amountCents: number;
  /** ISO 11649 structured creditor reference carrying the service code. */
  reference: string;
  status: 'issued' | 'paid' | 'cancelled';
  /** Paid before the application is examined, or after the result; absent in invoices made before this existed. */
  timing?: 'prepayment' | 'postpayment';
  issuedAt: string;
  issuedBy: string;
  payments: { at: string; amountCents: number; source: string }[];
}

export interface QueueData {
  id: string;
  centreId: string;
  letter: string;
  name: string;
  serviceCodes: string[];
  /** The service level: a client called within this many minutes of their ticket was served within target. */
  waitTargetMinutes: number;
}

export type TicketCategory = 'regular' | 'appointment' | 'disability' | 'elderly';
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled';

export interface TicketData {
  id: string;
  centreId: string;
  queueId: string;
  /** Per queue and day: A001, A002… */
  number: string;
  day: string;
  category: TicketCategory;
  serviceCode: string | null;
  status: TicketStatus;
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
  /** A transfer to one desk: only that desk calls it, before its queues. Absent in tickets made before it existed. */
  targetDeskId?: string | null;
  /** The appointment the client checked in with. */
  appointmentId?: string | null;
}

/** A time booked for a client in a queue; checking in with `code` at the kiosk issues an appointment ticket. */
export interface AppointmentData {
  id: string;
  centreId: string;
  queueId: string;
  serviceCode: string | null;
  startsAt: string;
  /** The Riga day of `startsAt`: the code is unique per centre and day. */
  day: string;
  /** Six digits. */
  code: string;
  bookedBy: string;
  ticketId: string | null;
  cancelled: boolean;
}

/** A centre's thresholds for the supervisor's alerts; the row's id is the centre's id. */
export interface AlertSettingsData {
  id: string;
  centreId: string;
  satisfactionThreshold: number;
  minimumRatings: number;
}

export const defaultAlertSettings = { satisfactionThreshold: 4.0, minimumRatings: 3 } as const;

export type WorkState = 'available' | 'serving' | 'wrap_up' | 'break' | 'other_work' | 'signed_out';

export interface WorktimeData {
  id: string;
  userId: string;
  centreId: string | null;
  deskId: string | null;
  state: WorkState;
  serviceCode: string | null;
  caseId: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface FeedbackData {
  id: string;
  centreId: string | null;
  ticketId: string | null;
  caseId: string | null;
  /** A rating taken at the desk after a consultation; absent in records made before it existed. */
  consultationId?: string | null;
  userId: string | null;
  serviceCode: string | null;
  rating: 1 | 2 | 3 | 4 | 5;
  comment: string | null;
  at: string;
}

/** A file that goes with an article: a `document` row too, so its content moves like any document's. */
export type ArticleFileData = Omit<DocumentData, 'caseId' | 'kind'> & { caseId: null; articleId: string; kind: 'article_attachment' };

export interface ArticleData {
  id: string;
  title: string;
  body: string;
  topic: string;
  tags: string[];
  serviceCodes: string[];
  legislation: { title: string; url: string }[];
  /** `providers`: every desk; `owners`: only the owning institution's staff. */
  audience: 'providers' | 'owners';
  ownerCode: string | null;
  template: 'procedure' | 'faq' | 'back_office' | 'free';
  /** Where an imported article came from: file and section. */
  source: string | null;
  version: number;
  status: 'current' | 'outdated';
  updatedBy: string;
  updatedAt: string;
}

export interface ScriptStep {
  id: string;
  kind: 'question' | 'info' | 'record' | 'end';
  text: string;
  articleId?: string | null;
  choices?: { label: string; next: string }[];
  next?: string | null;
  outcome?: ConsultationData['outcome'] | null;
}

export interface ScriptData {
  id: string;
  title: string;
  serviceCodes: string[];
  start: string;
  steps: ScriptStep[];
  version: number;
  updatedBy: string;
  updatedAt: string;
}
