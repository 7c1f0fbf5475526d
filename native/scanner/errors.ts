import type { ScannedPage } from './types';

export type ScannerErrorCode =
  | 'no_scanner'
  | 'feeder_empty'
  | 'jammed'
  | 'cover_open'
  | 'busy'
  | 'unplugged'
  | 'cancelled'
  | 'failed';

/** What went wrong and what the clerk can do about it. */
const messages: Record<ScannerErrorCode, string> = {
  no_scanner:
    'Skeneris nav atrasts. Pievienojiet skeneri datoram un ieslēdziet to vai pievienojiet tīkla skeneri, norādot tā adresi (piemēram, http://192.168.1.20/eSCL).',
  feeder_empty: 'Padevējā nav lapu. Ielieciet dokumentu padevējā un skenējiet vēlreiz.',
  jammed: 'Padevējā iestrēga lapa. Atveriet padevēju, uzmanīgi izņemiet lapu un skenējiet atlikušās lapas vēlreiz.',
  cover_open: 'Skenera vāks vai padevēja vāciņš ir atvērts. Aizveriet to un skenējiet vēlreiz.',
  busy: 'Skeneris ir aizņemts ar citu darbu. Pagaidiet, līdz tas beidz, un skenējiet vēlreiz.',
  unplugged:
    'Savienojums ar skeneri pārtrūka. Pārbaudiet, vai skeneris ir ieslēgts un pievienots datoram vai tīklam, un skenējiet vēlreiz.',
  cancelled: 'Skenēšana atcelta.',
  failed: 'Skenēšana neizdevās. Pārbaudiet skeneri un skenējiet vēlreiz; ja kļūda atkārtojas, izslēdziet un ieslēdziet skeneri.',
};

function messageFor(code: ScannerErrorCode, pagesKept: number): string {
  if (pagesKept === 0) return messages[code];
  return `${messages[code]} Jau noskenētās lapas (${pagesKept}) ir saglabātas.`;
}

/**
 * Every failure the clerk can meet while scanning. `pages` holds what was scanned before it
 * happened, so a jam on the ninth sheet does not cost the first eight. The device's own wording
 * (scanimage's stderr, an HTTP status) goes into `cause` for the log, never into the message.
 */
export class ScannerError extends Error {
  readonly code: ScannerErrorCode;
  readonly pages: readonly ScannedPage[];

  constructor(code: ScannerErrorCode, options: { pages?: readonly ScannedPage[]; cause?: unknown } = {}) {
    const pages = options.pages ?? [];
    super(messageFor(code, pages.length), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ScannerError';
    this.code = code;
    this.pages = pages;
  }

  /** The same failure, now also carrying the pages scanned before it. */
  withPages(pages: readonly ScannedPage[]): ScannerError {
    return new ScannerError(this.code, { pages, cause: this.cause });
  }
}

/** Wraps anything unexpected as `failed`, keeping a ScannerError as it is. */
export function asScannerError(error: unknown, pages: readonly ScannedPage[] = []): ScannerError {
  if (error instanceof ScannerError) return error.pages.length >= pages.length ? error : error.withPages(pages);
  return new ScannerError('failed', { pages, cause: error });
}
