import { z } from 'zod';

/** Scanners as the desk finds them: SANE, eSCL network scanners, WIA or NAPS2 on Windows. */
export const ScanDevice = z.object({ id: z.string(), name: z.string(), backend: z.enum(['sane', 'escl', 'wia', 'naps2']), detail: z.string().nullable() });
export type ScanDevice = z.infer<typeof ScanDevice>;

export const scanDocumentKinds = ['identity_document', 'application', 'photo'] as const;
export type ScanDocumentKind = (typeof scanDocumentKinds)[number];

export const ScanSettings = z.object({
  source: z.enum(['flatbed', 'feeder', 'duplex']),
  colourMode: z.enum(['colour', 'grey', 'lineart']),
  resolution: z.number().int().min(50).max(1200),
  maxPages: z.number().int().min(1).max(500).optional(),
});
export type ScanSettings = z.infer<typeof ScanSettings>;

export const ScannerCapabilities = z.object({
  sources: z.array(ScanSettings.shape.source),
  colourModes: z.array(ScanSettings.shape.colourMode),
  resolutions: z.array(z.number()),
  /** Sensible settings per kind of document, fitted to this device. */
  defaults: z.object({ identity_document: ScanSettings, application: ScanSettings, photo: ScanSettings }),
});
export type ScannerCapabilities = z.infer<typeof ScannerCapabilities>;

export const ScanSession = z.object({
  sessionId: z.uuid(),
  state: z.enum(['scanning', 'done', 'failed', 'cancelled']),
  device: z.string(),
  settings: ScanSettings.omit({ maxPages: true }),
  /** Why the scan stopped, in Latvian, when it failed; the pages before it are kept. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  pages: z.array(z.object({ id: z.uuid(), width: z.number(), height: z.number(), blank: z.boolean() })),
});
export type ScanSession = z.infer<typeof ScanSession>;

export const SignaturePad = z.object({ path: z.string(), model: z.string(), productId: z.number().int() });
export type SignaturePad = z.infer<typeof SignaturePad>;

/** What the device screen shows: scanners, signature pads, and how this desk takes signatures. */
export const DeviceOverview = z.object({
  scanners: z.array(ScanDevice),
  networkScanners: z.array(z.string()),
  pads: z.array(SignaturePad),
  /** Whether node-hid could be loaded here; without it, signatures are taken on screen. */
  padsSupported: z.boolean(),
  signatureSource: z.enum(['pad', 'screen']),
});
export type DeviceOverview = z.infer<typeof DeviceOverview>;
