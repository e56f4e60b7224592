/**
 * Builds the web client only when its sources changed since the last build, so `npm start` and
 * the browser tests always serve a current app without paying for a rebuild every time. Every
 * build records the hash of its sources in dist (see apps/web/vite.config.ts), however it was run.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SOURCE_HASH_FILE, webDir, webSourceHash } from '../apps/web/source-hash.ts';

const distDir = path.join(webDir, 'dist');

async function recordedHash(): Promise<string | null> {
  const stamp = path.join(distDir, SOURCE_HASH_FILE);
  if (!existsSync(path.join(distDir, 'index.html')) || !existsSync(stamp)) return null;
  return (await readFile(stamp, 'utf8')).trim();
}

const started = performance.now();
const [current, recorded] = await Promise.all([webSourceHash(), recordedHash()]);

if (recorded === current) {
  console.log(`web: reused the build in apps/web/dist (sources unchanged, ${current.slice(0, 12)})`);
} else {
  // Loaded only when needed: starting the server should not pay for importing the bundler.
  const { build } = await import('vite');
  await build({ root: webDir, configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  const why = recorded === null ? 'no previous build' : 'sources changed';
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`web: built apps/web/dist in ${seconds} s (${why}, ${current.slice(0, 12)})`);
}
