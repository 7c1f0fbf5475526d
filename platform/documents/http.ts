import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Principal, Tokens } from '../auth/tokens';
import type { Sql } from '../db/sql';
import type { DocumentData } from '../entities';
import { readRow, type SyncRow } from '../sync/rows';
import { canSee } from '../sync/scope';
import { appendChunk, beginContent, contentState, matches, readContent } from './content';

/** Per request, so a dropped connection costs at most this much again and the server never holds more. */
export const MAX_CHUNK = 4 * 1024 * 1024;
const TUS_VERSION = '1.0.0';
const OFFSET_TYPE = 'application/offset+octet-stream';

type Handler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

interface Declared {
  size: number;
  sha256: string;
  mediaType: string;
}

class Refusal {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

// Every answer carries these: the protocol version for tus clients, and no caching of personal documents.
const common = { 'Tus-Resumable': TUS_VERSION, 'Cache-Control': 'no-store' };

function answer(res: ServerResponse, status: number, headers: Record<string, string | number> = {}, body?: string) {
  res.writeHead(status, { ...common, ...headers });
  res.end(body);
}

function refuse(res: ServerResponse, r: Refusal) {
  answer(res, r.status, { 'Content-Type': 'application/json; charset=utf-8', ...r.headers }, JSON.stringify({ code: r.code, message: r.message }));
}

const notSynced = new Refusal(
  404,
  'DOCUMENT_NOT_SYNCED',
  'Dokumenta ieraksts platformā vēl nav sinhronizēts. Vispirms sinhronizējiet izmaiņas (dokumenta ierakstam jānonāk platformā), tad atkārtojiet darbību.',
);

/**
 * A single `bytes=` range resolved against `size` (RFC 9110 §14): null when there is none or it is
 * malformed or multipart, which means the whole content is sent; 'unsatisfiable' when it lies past the end.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/u.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? Infinity : Number(m[2]);
  if (last < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last, size - 1) };
}

/**
 * The request body, up to `limit` bytes; 'too-large' as soon as it passes that, leaving the rest unread
 * so the answer goes out without taking in megabytes first. A connection that drops mid-body rejects:
 * nothing of a partial chunk is stored, and the sender resumes from the offset HEAD reports.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      fn();
    };
    const onData = (part: Buffer) => {
      length += part.byteLength;
      if (length > limit) {
        req.pause();
        finish(() => resolve('too-large'));
        return;
      }
      parts.push(part);
    };
    req.on('data', onData);
    req.once('end', () => finish(() => resolve(Buffer.concat(parts, length))));
    req.once('error', (error) => finish(() => reject(error)));
    req.once('close', () => finish(() => reject(new Error('connection closed before the body ended'))));
  });
}

function declaredOf(data: Partial<DocumentData>): Declared | null {
  const { size, sha256, mediaType } = data;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return null;
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/iu.test(sha256)) return null;
  // Sent back as a header, so only a plain type/subtype is trusted; anything else goes out as bytes.
  const type = typeof mediaType === 'string' && /^[\w.+-]+\/[\w.+-]+$/u.test(mediaType) ? mediaType : 'application/octet-stream';
  return { size, sha256: sha256.toLowerCase(), mediaType: type };
}

export function createDocumentRoutes({ sql, tokens }: { sql: Sql; tokens: Tokens }): Handler {
  async function principalOf(req: IncomingMessage): Promise<Principal> {
    const token = /^Bearer\s+(\S+)$/iu.exec(req.headers.authorization ?? '')?.[1];
    const principal = token ? await tokens.verify(token) : null;
    if (!principal) {
      throw new Refusal(401, 'UNAUTHENTICATED', 'Nepieciešama pieslēgšanās. Pieslēdzieties vēlreiz un atkārtojiet darbību.', {
        'WWW-Authenticate': 'Bearer realm="lete"',
      });
    }
    return principal;
  }

  /** The document's synced metadata row, once the caller may see it. */
  async function documentFor(principal: Principal, id: string): Promise<{ row: SyncRow<Partial<DocumentData>>; declared: Declared }> {
    const row = await readRow<Partial<DocumentData>>(sql, 'document', id);
    if (!row) throw notSynced;
    if (!canSee(principal, row)) {
      throw new Refusal(403, 'FORBIDDEN', 'Jums nav piekļuves šim dokumentam. Ja tas nepieciešams darbam, vērsieties pie sava centra vadītāja.');
    }
    if (row.deleted) throw new Refusal(404, 'DOCUMENT_DELETED', 'Dokuments ir dzēsts, tāpēc tā saturu vairs nevar ne augšupielādēt, ne lejupielādēt.');
    const declared = declaredOf(row.data);
    if (!declared) {
      throw new Refusal(
        409,
        'METADATA_INVALID',
        'Dokumenta ierakstā nav derīga izmēra vai kontrolsummas (sha256). Izveidojiet dokumentu no jauna un sinhronizējiet to, tad augšupielādējiet saturu.',
      );
    }
    return { row, declared };
  }

  async function head(req: IncomingMessage, res: ServerResponse, id: string) {
    const { declared } = await documentFor(await principalOf(req), id);
    const state = await contentState(sql, id);
    // Metadata that exists but no bytes yet is an upload waiting at 0, so a desk can always HEAD before it PATCHes.
    const offset = state && matches(state, declared) ? state.received : 0;
    answer(res, 200, { 'Upload-Offset': offset, 'Upload-Length': declared.size });
  }

  async function patch(req: IncomingMessage, res: ServerResponse, id: string) {
    const principal = await principalOf(req);
    const version = req.headers['tus-resumable'];
    if (version !== undefined && version !== TUS_VERSION) {
      throw new Refusal(412, 'TUS_VERSION', 'Neatbalstīta augšupielādes protokola versija. Atjauniniet lietotni un mēģiniet vēlreiz.', { 'Tus-Version': TUS_VERSION });
    }
    if (req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== OFFSET_TYPE) {
      throw new Refusal(415, 'BAD_CONTENT_TYPE', `Dokumenta daļas jāsūta ar satura tipu ${OFFSET_TYPE}. Atjauniniet lietotni un mēģiniet vēlreiz.`);
    }
    const offsetHeader = req.headers['upload-offset'];
    if (typeof offsetHeader !== 'string' || !/^\d{1,15}$/u.test(offsetHeader)) {
      throw new Refusal(400, 'BAD_OFFSET', 'Trūkst galvenes Upload-Offset vai tā nav vesels skaitlis. Noskaidrojiet pašreizējo vietu ar HEAD pieprasījumu un turpiniet no tās.');
    }
    const offset = Number(offsetHeader);
    const { declared } = await documentFor(principal, id);
    const lengthHeader = req.headers['upload-length'];
    if (lengthHeader !== undefined && Number(lengthHeader) !== declared.size) {
      throw new Refusal(400, 'LENGTH_MISMATCH', 'Upload-Length nesakrīt ar dokumenta ierakstā norādīto izmēru. Sinhronizējiet dokumenta ierakstu un sāciet augšupielādi no jauna.');
    }
    const announced = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    const tooLarge = new Refusal(413, 'CHUNK_TOO_LARGE', 'Vienā pieprasījumā drīkst sūtīt ne vairāk kā 4 MiB. Sūtiet saturu mazākās daļās.', { Connection: 'close' });
    if (announced !== null && announced > MAX_CHUNK) throw tooLarge;

    const state = await beginContent(sql, id, declared);
    const at = { 'Upload-Offset': String(state.received) };
    const alreadyComplete = new Refusal(409, 'ALREADY_COMPLETE', 'Dokumenta saturs jau ir pilnībā augšupielādēts; sūtīt to vēlreiz nav vajadzīgs.', at);
    const wrongOffset = (received: number) =>
      new Refusal(409, 'OFFSET_MISMATCH', `Augšupielāde jāturpina no ${received}. baita, nevis no ${offset}. Noskaidrojiet pašreizējo vietu ar HEAD pieprasījumu un turpiniet no tās.`, {
        'Upload-Offset': String(received),
      });
    const beyondSize = new Refusal(
      400,
      'EXCEEDS_SIZE',
      `Sūtītais saturs pārsniedz dokumenta ierakstā norādīto izmēru (${declared.size} baiti). Pārbaudiet, vai sūtāt pareizo failu, un turpiniet no ${state.received}. baita.`,
      at,
    );
    // Refused before the body is read, so a stale sender does not push megabytes only to be told no.
    if (state.complete) throw alreadyComplete;
    if (offset !== state.received) throw wrongOffset(state.received);
    if (announced !== null && offset + announced > declared.size) throw beyondSize;

    const body = await readBody(req, MAX_CHUNK);
    if (body === 'too-large') throw tooLarge;
    const result = await appendChunk(sql, id, offset, body);
    if (result.ok) {
      answer(res, 204, { 'Upload-Offset': result.received });
      return;
    }
    switch (result.reason) {
      case 'checksum':
        throw new Refusal(
          422,
          'CHECKSUM_MISMATCH',
          'Augšupielādētā satura kontrolsumma nesakrīt ar dokumenta ierakstā norādīto, tāpēc saņemtais saturs ir izdzēsts. Augšupielādējiet dokumentu vēlreiz no sākuma.',
          { 'Upload-Offset': '0' },
        );
      case 'complete':
        throw alreadyComplete;
      case 'offset':
        throw wrongOffset(result.received);
      case 'too-large':
        throw beyondSize;
      case 'unknown':
        throw notSynced;
    }
  }

  async function get(req: IncomingMessage, res: ServerResponse, id: string) {
    const principal = await principalOf(req);
    const { row, declared } = await documentFor(principal, id);
    const state = await contentState(sql, id);
    if (!state?.complete || !matches(state, declared)) {
      throw new Refusal(409, 'INCOMPLETE', 'Dokumenta saturs vēl nav pilnībā augšupielādēts. Mēģiniet vēlreiz, kad augšupielāde būs pabeigta.');
    }
    const range = parseRange(req.headers.range, state.size);
    if (range === 'unsatisfiable') {
      throw new Refusal(416, 'RANGE_NOT_SATISFIABLE', `Pieprasītā daļa ir ārpus dokumenta robežām (dokumentā ir ${state.size} baiti). Pieprasiet daļu šo robežu ietvaros.`, {
        'Content-Range': `bytes */${state.size}`,
      });
    }
    const content = await readContent(sql, id, range ?? undefined);
    if (!content) throw new Refusal(409, 'INCOMPLETE', 'Dokumenta saturs vēl nav pilnībā augšupielādēts. Mēģiniet vēlreiz, kad augšupielāde būs pabeigta.');
    // Who opened which document is recorded as for any other personal data; the content itself never is.
    await sql.query(`INSERT INTO audit_events (user_id, action, subject, client_concerned, detail) VALUES ($1, 'document.read', $2, $3, $4)`, [
      principal.userId,
      id,
      row.client_id,
      JSON.stringify({ range: range !== null }),
    ]);
    res.writeHead(range ? 206 : 200, {
      ...common,
      'Content-Type': declared.mediaType,
      'Content-Length': range ? range.end - range.start + 1 : state.size,
      'Accept-Ranges': 'bytes',
      ETag: `"${state.sha256}"`,
      // Downloaded, never rendered in place: the media type comes from a desk, not from us.
      'Content-Disposition': 'attachment',
      'X-Content-Type-Options': 'nosniff',
      ...(range ? { 'Content-Range': `bytes ${range.start}-${range.end}/${state.size}` } : {}),
    });
    await pipeline(Readable.from(content), res);
  }

  return async (req, res, path) => {
    if (!path.startsWith('/documents/')) return false;
    const m = /^\/documents\/([^/]+)\/content$/u.exec(path);
    try {
      if (!m?.[1]) throw new Refusal(404, 'NOT_FOUND', 'Šāda adrese nav atrasta. Dokumenta saturs ir pieejams adresē /documents/<identifikators>/content.');
      let id: string;
      try {
        id = decodeURIComponent(m[1]);
      } catch {
        throw new Refusal(400, 'BAD_ID', 'Adresē ir nederīgs dokumenta identifikators. Pārbaudiet adresi.');
      }
      if (req.method === 'HEAD') await head(req, res, id);
      else if (req.method === 'PATCH') await patch(req, res, id);
      else if (req.method === 'GET') await get(req, res, id);
      else throw new Refusal(405, 'METHOD_NOT_ALLOWED', 'Dokumenta saturam var izmantot tikai HEAD, PATCH vai GET pieprasījumus.', { Allow: 'HEAD, PATCH, GET' });
    } catch (error) {
      if (res.headersSent) {
        // Mid-download there is no way to say what went wrong; a cut connection at least tells the client it is short.
        res.destroy();
      } else if (error instanceof Refusal) {
        refuse(res, error);
      } else {
        refuse(res, new Refusal(500, 'INTERNAL', 'Servera kļūda, apstrādājot dokumentu. Mēģiniet vēlreiz vēlāk; ja kļūda atkārtojas, ziņojiet atbalsta dienestam.'));
      }
    }
    return true;
  };
}
