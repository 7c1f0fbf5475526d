export type {
  BackendKind,
  ColourMode,
  DocumentKind,
  ScannedPage,
  ScannerBackend,
  ScannerCapabilities,
  ScannerDevice,
  ScanOptions,
  ScanSettings,
  ScanSource,
} from './types';
export { defaultSettings } from './types';
export { ScannerError, type ScannerErrorCode } from './errors';
export { availableBackends, listAll, type DetectOptions } from './detect';
export { SaneBackend, type SaneBackendOptions } from './sane';
export { EsclBackend, type EsclBackendOptions } from './escl';
export { startEsclServer, type EsclFaults, type EsclServer, type EsclServerOptions } from './escl-server';
export { WiaBackend } from './wia';
export { Naps2Backend } from './naps2';
export { isBlank, pagesToPdf, type PdfOptions, type ScannedPdf } from './pages';
