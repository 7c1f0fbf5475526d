import type { DemoCentre, DemoData, DemoService } from './types';

/**
 * What only the demo platform needs: an account per owner institution for its back-office system,
 * a kiosk account per centre, and each centre's queues.
 */
export interface DemoSystemAccount {
  id: string;
  username: string;
  displayName: string;
  roles: ('integration' | 'kiosk')[];
  centreId: string | null;
  institutionCode: string | null;
}

export interface DemoQueue {
  id: string;
  centreId: string;
  letter: string;
  name: string;
  serviceCodes: string[];
}

export function demoSystemAccounts(data: Pick<DemoData, 'institutions' | 'centres'>): DemoSystemAccount[] {
  const ascii = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/gu, '-');
  return [
    ...data.institutions.map((i) => ({
      id: `system-${ascii(i.code)}`,
      username: `sistema.${ascii(i.code)}`,
      displayName: `${i.name}: back-office sistēma`,
      roles: ['integration' as const],
      centreId: null,
      institutionCode: i.code,
    })),
    ...data.centres
      .filter((c) => c.kind !== 'call_centre')
      .map((c) => ({ id: `kiosk-${c.id}`, username: `kiosks.${c.id}`, displayName: `${c.name}: kiosks`, roles: ['kiosk' as const], centreId: c.id, institutionCode: null })),
  ];
}

/** Three queues per walk-in centre: social insurance and employment, taxes, and everything else. */
export function demoQueues(centres: DemoCentre[], services: DemoService[]): DemoQueue[] {
  const codes = (test: (s: DemoService) => boolean) => services.filter(test).map((s) => s.code);
  const social = (s: DemoService) => s.ownerCode === 'VSAA' || s.ownerCode === 'NVA';
  const taxes = (s: DemoService) => s.ownerCode === 'VID';
  return centres
    .filter((c) => c.kind !== 'call_centre')
    .flatMap((c) => [
      { id: `queue-${c.id}-a`, centreId: c.id, letter: 'A', name: 'Sociālā apdrošināšana un nodarbinātība', serviceCodes: codes(social) },
      { id: `queue-${c.id}-b`, centreId: c.id, letter: 'B', name: 'Nodokļi un deklarācijas', serviceCodes: codes(taxes) },
      { id: `queue-${c.id}-c`, centreId: c.id, letter: 'C', name: 'Citi pakalpojumi', serviceCodes: codes((s) => !social(s) && !taxes(s)) },
    ]);
}
