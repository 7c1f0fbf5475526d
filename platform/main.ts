import { createPlatform } from './server';

/** `npm run platform`: PostgreSQL when PLATFORM_DATABASE_URL is set, else embedded PGlite with demo data. */
const env = process.env;
createPlatform({
  ...(env.PLATFORM_DATABASE_URL ? { databaseUrl: env.PLATFORM_DATABASE_URL } : { dataDir: env.PLATFORM_DATA_DIR ?? '.lete-data/platform' }),
  port: Number(env.PORT ?? 4000),
  host: env.PLATFORM_HOST ?? '127.0.0.1',
  demo: env.PLATFORM_DEMO !== '0',
  production: env.NODE_ENV === 'production',
  ...(env.PLATFORM_TOKEN_SECRET ? { tokenSecret: env.PLATFORM_TOKEN_SECRET } : {}),
})
  .then((p) => process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), level: 'info', event: 'platform.started', url: `${p.url}/graphql` })}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`${JSON.stringify({ level: 'error', event: 'platform.startFailed', message: error instanceof Error ? error.message : String(error) })}\n`);
    process.exit(1);
  });
