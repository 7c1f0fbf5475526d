import type { FormField } from '../../shared/form';

/** Demo data shapes. Self-contained: the platform reuses this generator and may not import desk code. */
export type DemoChannel = 'in_person' | 'phone' | 'email' | 'portal' | 'post' | 'e_address';
export type DemoRole = 'clerk' | 'agent' | 'supervisor' | 'editor' | 'admin';

export interface DemoInstitution {
  code: string;
  name: string;
  nameEn: string;
  kind: 'state' | 'municipality';
  /** The account fees and state duties are paid to (an IBAN at the State Treasury), printed on invoices. */
  iban: string;
  registrationNumber: string;
}

/** The catalogue's form definition is the one the desk and the platform validate against. */
export type DemoFormField = FormField;

export interface DemoService {
  code: string;
  name: string;
  description: string;
  ownerCode: string;
  channels: DemoChannel[];
  fee: { kind: 'free' | 'fee' | 'state_duty'; amountCents: number };
  synonyms: string[];
  requiredDocuments: string[];
  typicalDurationDays: number;
  slaDays: number;
  form: DemoFormField[];
}

export interface DemoCentre {
  id: string;
  name: string;
  municipality: string;
  address: string;
  kind: 'national' | 'regional' | 'municipal' | 'call_centre';
}

export interface DemoDesk {
  id: string;
  centreId: string;
  name: string;
}

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  roles: DemoRole[];
  centreId: string | null;
  institutionCode: string | null;
  deskId: string | null;
  password: string;
}

export interface DemoData {
  seed: number;
  institutions: DemoInstitution[];
  services: DemoService[];
  centres: DemoCentre[];
  desks: DemoDesk[];
  users: DemoUser[];
}
