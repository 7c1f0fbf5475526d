import { PDFDocument } from 'pdf-lib';
import { AppError, signableStatuses, type AttachmentInfo, type FileContent, type ParsedInput } from '../../preload/contract';
import { statusNames } from '../../shared/case-lifecycle';
import { recordAudit } from '../audit/record';
import type { Clock } from '../clock';
import { createPrintouts } from '../cases/printouts';
import { signedIn, type CaseService } from '../cases/service';
import type { Db } from '../db/connection';
import type { Attachments } from '../documents/attachments';
import type { EventBus } from '../events';
import type { InvoiceQueries } from '../invoices/queries';
import { loadFonts, type PdfFonts } from '../pdf/fonts';
import type { Connection } from '../rpc/router';
import { recordProtector } from './protect';
import { padRecord, screenRecord, type SignatureRecord } from './record';
import { padPrompt } from './pad-prompt';
import { captureSignature, identifyPad, listPads, openPad, SignaturePadError, type PadInfo, type PadTiming, type PadTransport } from '../../native/signature-pad';
import { sha256Hex, signApplication } from './sign';

/** Application PDFs handed out recently enough that a client may be signing one of them now. */
const REMEMBERED_PDFS = 64;

export interface SigningDeps {
  clock: Clock;
  cases: CaseService;
  invoices: InvoiceQueries;
  attachments: Attachments;
  events: EventBus;
  dataDir: string;
  fontsDir: string;
  onChanged: () => void;
  /** The Wacom STU pads (node-hid by default); tests give an in-memory pad. */
  pads?: { list: () => Promise<PadInfo[]>; open: (path: string) => Promise<PadTransport> };
  padTiming?: Partial<PadTiming>;
}

const fileName = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '-');

/**
 * A client signs the application on the desk's screen or signature pad; the signed PDF becomes the case's document.
 *
 * The application PDF carries the moment it was printed, so printing it again a second later gives
 * other bytes. The service therefore remembers when each application PDF it handed out was made, and
 * at signing makes it again, through the same printout code, for that moment: equal bytes prove both
 * that the client saw exactly this PDF and that the case has not changed since.
 */
export function createSigningService(db: Db, deps: SigningDeps) {
  const protector = recordProtector(deps.dataDir);
  let fonts: PdfFonts | null = null;
  const fontsOnce = () => (fonts ??= loadFonts(deps.fontsDir));
  const handedOut = new Map<string, { caseId: string; at: Date }>();

  function applicationAt(caseId: string, at: Date): Promise<FileContent> {
    const printouts = createPrintouts(db, { clock: { now: () => at }, cases: deps.cases, invoices: deps.invoices, fontsDir: deps.fontsDir });
    return printouts.casePdf(caseId, 'application');
  }

  /** The exact PDF the client was shown, made again now; refused when the case has changed since. */
  async function shownApplication(caseId: string, sha256: string): Promise<Uint8Array> {
    const shown = handedOut.get(sha256);
    if (!shown || shown.caseId !== caseId) {
      throw new AppError('CONFLICT', 'Darba vieta vairs nezina pieteikumu, ko klients redzēja (Lete, iespējams, tika restartēta): aizveriet parakstīšanu un atveriet to vēlreiz.');
    }
    const bytes = new Uint8Array(Buffer.from((await applicationAt(caseId, shown.at)).contentBase64, 'base64'));
    if (sha256Hex(bytes) !== sha256) {
      throw new AppError('CONFLICT', 'Pieteikums ir mainīts, kopš klients to atvēra: aizveriet parakstīšanu un atveriet to vēlreiz, lai klients paraksta pašreizējo pieteikumu.');
    }
    return bytes;
  }

  const store = db.transaction((input: { caseId: string; name: string; bytes: Uint8Array; userId: string; detail: Record<string, string | number> }) => {
    const id = deps.attachments.attach(
      { caseId: input.caseId, kind: 'application_pdf', name: input.name, mediaType: 'application/pdf', bytes: input.bytes, pages: null, scanSettings: null },
      input.userId,
    );
    recordAudit(db, { at: deps.clock.now(), userId: input.userId, action: 'case.sign', subject: input.caseId, outcome: 'ok', detail: { attachmentId: id, ...input.detail } });
    return id;
  });

  const pads = deps.pads ?? { list: listPads, open: openPad };
  const padSessions = new Map<string, AbortController>();
  const padError = (error: unknown) => (error instanceof SignaturePadError ? new AppError('TRANSPORT', error.message) : error);

  /** Who signs which case, checked before anything is shown on a pad or stored. */
  function signable(connection: Connection, input: { caseId: string; signer: { name: string } }) {
    const session = signedIn(connection);
    const c = deps.cases.get(input.caseId);
    if (!signableStatuses.includes(c.status)) {
      throw new AppError('CONFLICT', `Lieta ${c.caseNumber} ir statusā “${statusNames[c.status]}”: klients paraksta pieteikumu, kamēr tas ir melnraksts vai tikko iesniegts.`);
    }
    const name = input.signer.name || c.client?.name || '';
    if (!name) {
      throw new AppError('INVALID_INPUT', 'Norādiet parakstītāja vārdu un uzvārdu: lietai nav klienta, no kura to ņemt.', { issues: [{ path: 'signer.name', message: 'required' }] });
    }
    return { session, c, signer: { name, from: name === c.client?.name ? ('case' as const) : ('typed' as const) } };
  }

  /** The signed application on the case, with its audit line; the record is sealed inside the PDF. */
  async function finish(userId: string, c: ReturnType<CaseService['get']>, record: SignatureRecord, pdfSha256: string): Promise<AttachmentInfo> {
    const pdf = await shownApplication(c.id, pdfSha256);
    const signed = await signApplication(pdf, record, { fonts: fontsOnce(), envelope: protector.seal(record) });
    const id = store({
      caseId: c.id,
      name: `pieteikums-${fileName(c.caseNumber)}-parakstits.pdf`,
      bytes: signed,
      userId,
      // Codes and counts only: the audit log carries no personal data.
      detail: { source: record.source, samples: record.capture.samples.length, documentSha256: pdfSha256 },
    });
    handedOut.delete(pdfSha256);
    deps.events.emit('cases.changed', { id: c.id });
    deps.onChanged();
    const saved = deps.attachments.forCase(c.id).find((a) => a.id === id);
    if (!saved) throw new Error('signed application vanished after insert');
    return saved;
  }

  return {
    /** Passes a case PDF through, remembering an application's making time for `sign`. */
    async handedOut(request: { id: string; kind: 'application' | 'receipt' }, file: FileContent): Promise<FileContent> {
      if (request.kind !== 'application') return file;
      const bytes = new Uint8Array(Buffer.from(file.contentBase64, 'base64'));
      const at = (await PDFDocument.load(bytes, { updateMetadata: false })).getCreationDate();
      if (!at) return file;
      handedOut.set(sha256Hex(bytes), { caseId: request.id, at });
      for (const oldest of handedOut.keys()) {
        if (handedOut.size <= REMEMBERED_PDFS) break;
        handedOut.delete(oldest);
      }
      return file;
    },

    async sign(connection: Connection, input: ParsedInput<'cases.sign'>): Promise<AttachmentInfo> {
      const { session, c, signer } = signable(connection, input);
      const record = screenRecord({
        capture: input.capture,
        operator: { userId: session.user.id, displayName: session.user.displayName },
        signer,
        document: { sha256: input.pdfSha256, caseId: c.id },
        signedAt: deps.clock.now(),
      });
      return finish(session.user.id, c, record, input.pdfSha256);
    },

    /**
     * The client signs on the desk's signature pad: the pad shows the prompt, the call ends when the
     * client taps ✓ (signed), ✕ (cancelled) or the clerk cancels from the screen.
     */
    async signOnPad(connection: Connection, input: ParsedInput<'cases.signOnPad'>): Promise<AttachmentInfo> {
      const { session, c, signer } = signable(connection, input);
      await shownApplication(c.id, input.pdfSha256);
      const [info] = await pads.list().catch((error: unknown) => {
        throw padError(error);
      });
      if (!info) throw new AppError('NOT_FOUND', 'Parakstu planšete nav pievienota. Pievienojiet to vai ļaujiet klientam parakstīties ekrānā.');
      if (padSessions.has(c.id)) throw new AppError('CONFLICT', 'Šī lieta jau tiek parakstīta uz planšetes.');
      const abort = new AbortController();
      padSessions.set(c.id, abort);
      try {
        const transport = await pads.open(info.path).catch((error: unknown) => {
          throw padError(error);
        });
        try {
          const profile = await identifyPad(transport, info.productId);
          const outcome = await captureSignature(transport, profile, { prompt: padPrompt(profile), signal: abort.signal }, deps.padTiming).catch((error: unknown) => {
            throw padError(error);
          });
          if (outcome.outcome === 'cancelled') {
            throw new AppError('CONFLICT', outcome.by === 'signer' ? 'Klients atcēla parakstīšanu uz planšetes.' : 'Parakstīšana uz planšetes atcelta.');
          }
          const record = padRecord({
            capture: outcome.capture,
            operator: { userId: session.user.id, displayName: session.user.displayName },
            signer,
            document: { sha256: input.pdfSha256, caseId: c.id },
            signedAt: deps.clock.now(),
          });
          return await finish(session.user.id, c, record, input.pdfSha256);
        } finally {
          await transport.close().catch(() => undefined);
        }
      } finally {
        padSessions.delete(c.id);
      }
    },

    /** The clerk stops a signature waiting on the pad (the client will sign on screen instead). */
    cancelOnPad(caseId: string) {
      padSessions.get(caseId)?.abort();
      return null;
    },
  };
}
