import { fileURLToPath } from 'node:url';
import { defaultDataDir } from './config';
import { createConsoleLogger } from './logger';
import { startWebHost } from './rpc/web-host';
import { createWorkstation } from './workstation';
import packageJson from '../package.json';

/**
 * Browser mode: the same core as the desktop app, serving the renderer to a local browser. Used when
 * the Electron runtime is absent, for end-to-end tests, and by supervisors opening the dashboard.
 */
async function main(): Promise<void> {
  const logger = createConsoleLogger();
  const env = process.env;
  const workstation = await createWorkstation(
    {
      dataDir: defaultDataDir(env),
      host: 'web',
      appVersion: packageJson.version,
      demo: env.LETE_DEMO !== '0',
      demoScanner: env.LETE_DEMO !== '0' && env.LETE_DEMO_SCANNER !== '0',
      deskId: env.LETE_DESK_ID ?? null,
      ...(env.LETE_PLATFORM_URL ? { platformUrl: env.LETE_PLATFORM_URL } : {}),
      // out/main/web.js → the project's assets/.
      fontsDir: fileURLToPath(new URL('../../assets/fonts/', import.meta.url)),
    },
    { logger },
  );
  const requested = Number(env.LETE_PORT ?? 5180);
  const options = {
    router: workstation.router,
    events: workstation.events,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  };
  const host = await startWebHost({ ...options, port: requested }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    logger.info('web.portBusy', { port: requested });
    return startWebHost({ ...options, port: 0 });
  });
  // The one line a person or a test harness reads: it carries this launch's token.
  process.stdout.write(`Lete darbojas pārlūka režīmā / Lete is running in browser mode: ${host.url}\n`);

  const stop = async (signal: string) => {
    logger.info('web.stop', { signal });
    await host.close();
    workstation.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  createConsoleLogger().error('web.startFailed', { error });
  process.stderr.write(
    `Lete neizdevās palaist: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
