// Closes the generated instance's past chart weeks in a process of its own, before the server starts:
// an instance that has been running closed each week as it ended, while a fresh server's start-up
// catch-up would close all 52 at once and outlast Fastify's ready timeout (charts' `start` awaits it).
// `node bench/discovery-history.ts` with DATABASE_URL and COTERIE_DATA_DIR set; prints one JSON line.
import { loadConfig } from '@coterie/platform';
import { buildApp } from '../apps/server/src/app.ts';
import { createContext } from '../apps/server/src/context.ts';

const ctx = await createContext(loadConfig());
const app = await buildApp(ctx);
const started = performance.now();
const closed = await app.charts.close.catchUp();
const ms = Math.round(performance.now() - started);
await app.http.close();
await ctx.database.close();
console.log(JSON.stringify({ weeks: closed.length, ms }));
