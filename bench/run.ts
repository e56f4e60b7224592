/**
 * `npm run bench`: req/s and p99 latency of Coterie's hot read paths against a bare Fastify
 * route measured in the same run, so the ratios survive a noisy shared machine.
 * Servers run in their own processes; autocannon drives them from this one.
 * Set DATABASE_URL to measure on PostgreSQL instead of the embedded PGlite.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function startProcess(
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${output}`);
    const ok = await fetch(readyUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`not ready in 60 s: ${output}`);
}

interface Result {
  name: string;
  rps: number;
  p99: number;
  errors: number;
}

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  // A short warm-up so JIT and connection pools are settled before the measured run.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 1 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
  const errors = result.errors + result.non2xx;
  return { name, rps: result.requests.average, p99: result.latency.p99, errors };
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'coterie-bench-'));
const barePort = await freePort();
const coteriePort = await freePort();
const bare = await startProcess(
  [path.join(root, 'bench/bare-server.ts'), String(barePort)],
  {},
  `http://127.0.0.1:${barePort}/bare`,
);
const coterie = await startProcess(
  [path.join(root, 'apps/server/src/main.ts')],
  {
    PORT: String(coteriePort),
    HOST: '127.0.0.1',
    COTERIE_DATA_DIR: dataDir,
    COTERIE_DEMO: 'false',
    LOG_LEVEL: 'warn',
    COTERIE_WEB_DIST: path.join(dataDir, 'none'),
    COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000',
  },
  `http://127.0.0.1:${coteriePort}/api/health`,
);

const base = `http://127.0.0.1:${coteriePort}`;

async function call(method: string, path: string, body: unknown, cookie = ''): Promise<Response> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: base, cookie },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function signUp(name: string): Promise<string> {
  const res = await call('POST', '/api/auth/register', {
    email: `${name}@example.com`,
    password: 'a long and quiet river',
    displayName: name,
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A community whose feed page holds 20 posts, each with comments and several reactions. */
async function seedFeed(ownerCookie: string): Promise<void> {
  await call(
    'POST',
    '/api/communities',
    { slug: 'bench-room', name: 'Bench', kind: 'artist', visibility: 'public' },
    ownerCookie,
  );
  const fans = [];
  for (let i = 0; i < 4; i++) {
    const cookie = await signUp(`fan${i}`);
    await call(
      'POST',
      '/api/communities/bench-room/join',
      { handle: `fan${i}`, share: ['displayName'] },
      cookie,
    );
    fans.push(cookie);
  }
  for (let p = 0; p < 25; p++) {
    const post = (await (
      await call(
        'POST',
        '/api/communities/bench-room/posts',
        { body: `Post **${p}**`, visibility: 'public' },
        ownerCookie,
      )
    ).json()) as { id: string };
    for (const [i, fan] of fans.entries()) {
      if (i < 2) await call('POST', `/api/posts/${post.id}/comments`, { body: `comment ${i}` }, fan);
      await call(
        'PUT',
        `/api/posts/${post.id}/reactions/${encodeURIComponent(i % 2 ? '🎵' : '❤️')}`,
        undefined,
        fan,
      );
    }
  }
}

try {
  const cookie = await signUp('bench');
  await seedFeed(cookie);

  const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)';
  console.log(`Coterie bench — ${DURATION}s per route, ${CONNECTIONS} connections, database: ${database}\n`);
  const baseline = await measure('bare Fastify GET /bare (baseline)', `http://127.0.0.1:${barePort}/bare`);
  const results = [
    baseline,
    await measure('GET /api/health (database ping)', `${base}/api/health`),
    await measure('GET /api/me (session + profile)', `${base}/api/me`, { cookie }),
    await measure('GET feed, 20 posts (anonymous)', `${base}/api/communities/bench-room/posts`),
    await measure('GET feed, 20 posts (member)', `${base}/api/communities/bench-room/posts`, { cookie }),
  ];
  console.log(
    `${'route'.padEnd(38)} ${'req/s'.padStart(9)} ${'p99 ms'.padStart(8)} ${'vs baseline'.padStart(12)} ${'errors'.padStart(7)}`,
  );
  for (const r of results) {
    const ratio = r === baseline ? '1.00×' : `${(r.rps / baseline.rps).toPrecision(2)}×`;
    console.log(
      `${r.name.padEnd(38)} ${r.rps.toFixed(0).padStart(9)} ${(r.p99 < 1 ? '<1' : r.p99.toFixed(0)).padStart(8)} ${ratio.padStart(12)} ${String(r.errors).padStart(7)}`,
    );
  }
  if (results.some((r) => r.errors > 0)) process.exitCode = 1;
} finally {
  bare.kill('SIGTERM');
  coterie.kill('SIGTERM');
  await Promise.all([once(bare, 'exit'), once(coterie, 'exit')]);
  await rm(dataDir, { recursive: true, force: true });
}
