import { createPlatform } from './server';

/**
 * `npm run platform`: PostgreSQL when PLATFORM_DATABASE_URL is set, else embedded PGlite. With demo
 * data (the default) the owner institutions' back offices are simulated too, one step every
 * PLATFORM_BACKOFFICE_PACE_SECONDS.
 */
const env = process.env;
const demo = env.PLATFORM_DEMO !== '0';
const pace = Number(env.PLATFORM_BACKOFFICE_PACE_SECONDS ?? 45);
const log = (level: string, event: string, detail: Record<string, unknown> = {}) =>
  process[level === 'error' ? 'stderr' : 'stdout'].write(`${JSON.stringify({ at: new Date().toISOString(), level, event, ...detail })}\n`);

createPlatform({
  ...(env.PLATFORM_DATABASE_URL ? { databaseUrl: env.PLATFORM_DATABASE_URL } : { dataDir: env.PLATFORM_DATA_DIR ?? '.lete-data/platform' }),
  port: Number(env.PORT ?? 4000),
  host: env.PLATFORM_HOST ?? '127.0.0.1',
  demo,
  production: env.NODE_ENV === 'production',
  slaSweepMs: 60_000,
  ...(demo && pace > 0 ? { backOffice: { paceMs: pace * 1000, tickMs: Math.min(pace * 1000, 10_000) } } : {}),
  ...(env.PLATFORM_TOKEN_SECRET ? { tokenSecret: env.PLATFORM_TOKEN_SECRET } : {}),
})
  .then((platform) => {
    log('info', 'platform.started', { url: `${platform.url}/graphql` });
    const stop = () => {
      log('info', 'platform.stopping');
      void platform.close().then(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  })
  .catch((error: unknown) => {
    log('error', 'platform.startFailed', { message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  });
