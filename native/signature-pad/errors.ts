/** What the clerk can meet at the desk; the code is stable for the app to branch on and to log. */
export type SignaturePadErrorCode = 'no_pad' | 'hid_unavailable' | 'open_failed' | 'busy' | 'unplugged' | 'timeout' | 'protocol';

const MESSAGES: Record<SignaturePadErrorCode, string> = {
  no_pad: 'Parakstu planšete nav pievienota. Pievienojiet to vai ļaujiet klientam parakstīties ekrānā.',
  hid_unavailable:
    'Šajā datorā nevar piekļūt USB parakstu planšetēm. Ļaujiet klientam parakstīties ekrānā un ziņojiet IT atbalstam.',
  open_failed:
    'Parakstu planšeti neizdevās atvērt. Aizveriet citas programmas, kas to varētu izmantot, atvienojiet planšeti un pievienojiet no jauna vai ļaujiet klientam parakstīties ekrānā.',
  busy: 'Parakstu planšete jau tiek izmantota citai parakstīšanai. Pabeidziet vai atceliet to un mēģiniet vēlreiz.',
  unplugged:
    'Savienojums ar parakstu planšeti pārtrūka. Pārbaudiet vadu, pievienojiet planšeti no jauna un sāciet parakstīšanu vēlreiz.',
  timeout:
    'Parakstu planšete neatbild. Atvienojiet to, pievienojiet no jauna un mēģiniet vēlreiz vai ļaujiet klientam parakstīties ekrānā.',
  protocol:
    'Parakstu planšete atbildēja neparedzēti. Atvienojiet to, pievienojiet no jauna un mēģiniet vēlreiz; ja kļūda atkārtojas, ziņojiet IT atbalstam.',
};

/**
 * The message says, in Latvian, what went wrong and what to do; the technical reason (node-hid's error,
 * the pad's result code) travels in `cause` for the log, never in front of the clerk.
 */
export class SignaturePadError extends Error {
  override readonly name = 'SignaturePadError';

  constructor(
    readonly code: SignaturePadErrorCode,
    options?: { cause?: unknown },
  ) {
    super(MESSAGES[code], options);
  }
}
