import { jsonLog } from './log';
import { createPlatform } from './server';

/**
 * `npm run platform`: PostgreSQL when PLATFORM_DATABASE_URL is set, else embedded PGlite. With demo
 * data (the default) the owner institutions' back offices are simulated too, one step every
 * PLATFORM_BACKOFFICE_PACE_SECONDS.
 *
 * A fresh demo database also gets a history for the statistics: LETE_DEMO_HISTORY_DAYS days of it
 * (default 90) at LETE_DEMO_HISTORY_SCALE (default 1: about 100,000 cases and consultations and
 * 200,000 queue tickets per 90 days; 0.1 a tenth of that; 0 none). Loading the full default takes a
 * minute or so, once; progress goes to stderr.
 */
const env = process.env;
const demo = env.PLATFORM_DEMO !== '0';
const pace = Number(env.PLATFORM_BACKOFFICE_PACE_SECONDS ?? 45);
const historyDays = Number(env.LETE_DEMO_HISTORY_DAYS ?? 90);
const historyScale = Number(env.LETE_DEMO_HISTORY_SCALE ?? 1);
const log = jsonLog();
// stdout carries the line the desk launcher waits for; a minute of progress would only bury it.
const progressLog = jsonLog(process.stderr, process.stderr);

if (![historyDays, historyScale].every((n) => Number.isFinite(n) && n >= 0)) {
  log('error', 'platform.badHistoryOptions', { message: 'LETE_DEMO_HISTORY_DAYS and LETE_DEMO_HISTORY_SCALE must be numbers, 0 or more.' });
  process.exit(1);
}
const started = Date.now();
let reported = 0;
const history = {
  days: Math.round(historyDays),
  scale: historyScale,
  onProgress: ({ days, of, rows }: { days: number; of: number; rows: number }) => {
    if (Date.now() - reported < 5000) return;
    reported = Date.now();
    progressLog('info', 'demo.history.loading', { days, of, rows, seconds: Math.round((Date.now() - started) / 1000) });
  },
};

createPlatform({
  ...(env.PLATFORM_DATABASE_URL ? { databaseUrl: env.PLATFORM_DATABASE_URL } : { dataDir: env.PLATFORM_DATA_DIR ?? '.lete-data/platform' }),
  port: Number(env.PORT ?? 4000),
  host: env.PLATFORM_HOST ?? '127.0.0.1',
  demo,
  ...(demo && history.days > 0 && history.scale > 0 ? { demoHistory: history } : {}),
  production: env.NODE_ENV === 'production',
  log,
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
