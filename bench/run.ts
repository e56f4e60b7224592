/**
 * `npm run bench [-- routes|music|upload|discovery|billing|charts|soak ...]`: Coterie's hot paths, each against a yardstick
 * measured in the same run (a bare Fastify route, a static file server), so the ratios survive a
 * noisy shared machine. With no argument every section runs.
 * Servers run in their own processes; autocannon and the clients drive them from this one.
 * Set DATABASE_URL to measure on PostgreSQL (each server gets a scratch database, dropped after).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeWav } from './audio.ts';
import { benchBilling } from './billing.ts';
import { benchCharts } from './charts.ts';
import { benchDiscovery } from './discovery.ts';
import { benchMusic } from './music.ts';
import { benchReadPaths } from './read-paths.ts';
import { benchSoak } from './soak.ts';
import { Client, startCoterie } from './support.ts';
import { benchLargeUpload } from './upload.ts';

const SECTIONS = ['routes', 'music', 'upload', 'discovery', 'billing', 'charts', 'soak'] as const;
type Section = (typeof SECTIONS)[number];

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !SECTIONS.includes(a as Section));
if (unknown.length > 0) {
  console.error(`Unknown section ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}.`);
  process.exit(2);
}
// `music` means all of the music issue: streaming, processing and the large upload.
const chosen = new Set<Section>(asked.length === 0 ? SECTIONS : (asked as Section[]));
if (chosen.has('music')) chosen.add('upload');

const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)';
console.log(`Coterie bench — ${[...chosen].join(', ')} — database: ${database}`);

const started = performance.now();
const dir = await mkdtemp(path.join(tmpdir(), 'coterie-bench-audio-'));
let ok = true;
try {
  let wav: string | null = null;
  if (chosen.has('routes') || chosen.has('music')) {
    // At the default log level, so the read paths pay for logging every request as a real server does.
    const coterie = await startCoterie({ LOG_LEVEL: 'info' });
    try {
      const client = new Client(coterie.base);
      if (chosen.has('routes')) ok = (await benchReadPaths(client, coterie.child.pid!)) && ok;
      if (chosen.has('music')) {
        const music = await benchMusic(coterie, dir);
        ok = music.ok && ok;
        wav = music.wav;
      }
    } finally {
      await coterie.stop();
    }
  }
  if (chosen.has('upload')) await benchLargeUpload(dir, wav ?? (await makeWav(dir, 'three-minutes', 180)));
  // Its own database of 100 000 people (PostgreSQL only) and its own server.
  if (chosen.has('discovery')) ok = (await benchDiscovery()) && ok;
  // The ledger on a scratch PostgreSQL database of its own (PostgreSQL only).
  if (chosen.has('billing')) ok = (await benchBilling()) && ok;
  // Closing a chart week of 1 000 000 and 10 000 000 events on a scratch PostgreSQL database.
  if (chosen.has('charts')) ok = (await benchCharts()) && ok;
  // Ten minutes (SOAK_SECONDS) of the read paths at twice their capacity, the server's memory sampled.
  if (chosen.has('soak')) ok = (await benchSoak()) && ok;
} finally {
  await rm(dir, { recursive: true, force: true });
}
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
if (!ok) process.exitCode = 1;
