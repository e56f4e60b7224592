import { performance } from 'node:perf_hooks';
import { type Config, ConfigError, createLogger, loadConfig } from '@coterie/platform';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { createContext } from './context.ts';
import { DEMO_PASSWORD, DEMO_PEOPLE, seedDemo } from './demo-seed.ts';

const startedAt = performance.now();

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config, { pretty: process.stdout.isTTY === true });
const ctx = await createContext(config, { logger });
const app = await buildApp(ctx);

let seedMusic: (() => Promise<void>) | null = null;
if (config.demo) {
  seedMusic = await seedDemo(ctx, app, (await app.accounts.service.countUsers()) === 0);
  if (seedMusic || (await app.accounts.service.hasAccount(DEMO_PEOPLE[0]!.email))) {
    const lines = DEMO_PEOPLE.map((p) => `    ${p.email.padEnd(20)} ${p.displayName} (${p.role})`);
    console.log(`\n  Demo logins (password: ${DEMO_PASSWORD}):\n${lines.join('\n')}\n`);
  }
}

await app.accounts.service.prune();
const pruning = setInterval(
  () => {
    app.accounts.service.prune().catch((error: unknown) => logger.error({ err: error }, 'pruning failed'));
  },
  60 * 60 * 1000,
);
pruning.unref();

const address = await app.http.listen({ port: config.port, host: config.host });
logger.info(
  { database: ctx.database.kind, readyMs: Math.round(performance.now() - startedAt) },
  `Coterie is listening on ${address}`,
);

seedMusic?.().catch((error: unknown) => logger.error({ err: error }, 'demo music could not be seeded'));

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) logger.error({ err }, 'shutting down after an error');
  else logger.info({ signal }, 'shutting down');
  clearInterval(pruning);
  await app.http.close();
  await ctx.database.close();
});
