import { homedir } from 'node:os';
import { join } from 'node:path';

export type Host = 'electron' | 'web';

export interface WorkstationConfig {
  /** Where the desk's database and state live; one folder per OS user. */
  dataDir: string;
  host: Host;
  appVersion: string;
  /** Load the demo directory and catalogue into an empty database (quick start, tests). */
  demo: boolean;
  /** The desk this installation is set up as; demo mode picks the first demo desk. */
  deskId: string | null;
  /**
   * The bundled TrueType fonts the printed PDFs embed (assets/fonts). Bundled entry points pass it
   * from their own place; code run from source (tests) finds it beside the sources.
   */
  fontsDir?: string;
  /** The central platform's address; without one the desk works locally only. */
  platformUrl?: string;
  /** scrypt cost for the password hashes this desk writes; only tests lower it. */
  passwordCost?: number;
  /** Offer the built-in eSCL network scanner, so the demo can scan without hardware. */
  demoScanner?: boolean;
}

/**
 * The per-user data directory, where the OS expects application data. Electron passes its own
 * `app.getPath('userData')`; plain Node (browser mode) follows the same conventions.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.LETE_DATA_DIR) return env.LETE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Lete');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Lete');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'lete');
}
