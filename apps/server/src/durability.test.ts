import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeAudio } from '@coterie/music/generate-audio';
import { createTestDatabase, type TestDatabase } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

interface Running {
  child: ChildProcess;
  output: () => string;
  readyMs: number;
}

/** Starts the real server as a person would, and resolves once it logs that it listens. */
async function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const startedAt = performance.now();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes('Coterie is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output, readyMs: performance.now() - startedAt };
}

let dataDir: string;
let testDatabase: TestDatabase | null = null;
let env: Record<string, string>;
let base: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'coterie-durability-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    COTERIE_DATA_DIR: dataDir,
    COTERIE_DEMO: 'false',
    LOG_LEVEL: 'info',
  };
  testDatabase = await createTestDatabase();
  if (testDatabase.url) env.DATABASE_URL = testDatabase.url;
  // The spawned server owns the database; this process only provides it.
  if (!testDatabase.url) await testDatabase.drop();
});

afterAll(async () => {
  if (testDatabase?.url) await testDatabase.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify(body),
});

describe('a real server process', () => {
  it('keeps every account across kill -9 right after a 201, and shuts down gracefully on SIGTERM', async () => {
    const first = await start(env);
    const emails = Array.from({ length: 5 }, (_, i) => `durable${i}@example.com`);
    for (const email of emails) {
      const res = await fetch(
        `${base}/api/auth/register`,
        json({ email, password: 'a long and quiet river', displayName: 'D' }),
      );
      expect(res.status).toBe(201);
    }
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');

    const second = await start(env);
    console.log(
      `first start ${Math.round(first.readyMs)} ms, restart after kill -9 ${Math.round(second.readyMs)} ms`,
    );
    for (const email of emails) {
      const res = await fetch(`${base}/api/auth/login`, json({ email, password: 'a long and quiet river' }));
      expect(res.status, email).toBe(200);
    }
    second.child.kill('SIGTERM');
    const [code] = await once(second.child, 'exit');
    expect(code).toBe(0);
    expect(second.output()).toMatch(/shutting down/);

    const third = await start(env);
    const res = await fetch(
      `${base}/api/auth/login`,
      json({ email: emails[0], password: 'a long and quiet river' }),
    );
    expect(res.status).toBe(200);
    third.child.kill('SIGTERM');
    await once(third.child, 'exit');
  }, 180_000);

  it('finishes a track whose processing was cut by kill -9, never serving half a rendition', async () => {
    const server = await start({ ...env, COTERIE_JOB_LEASE_SECONDS: '2' });
    const register = await fetch(
      `${base}/api/auth/register`,
      json({ email: 'artist@example.com', password: 'a long and quiet river', displayName: 'Artist' }),
    );
    const cookie = register.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const headers = { origin: base, cookie };
    await fetch(`${base}/api/communities`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'durable', name: 'Durable', kind: 'artist', visibility: 'public' }),
    });
    const audio = await makeAudio(dataDir, 'flac', { seconds: 150, name: 'long-take' });
    const form = new FormData();
    form.set('title', 'Long take');
    form.set('file', new Blob([new Uint8Array(audio.data)]), 'long-take.flac');
    const upload = await fetch(`${base}/api/communities/durable/tracks`, {
      method: 'POST',
      headers,
      body: form,
    });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as { id: string };
    const track = async () =>
      (await (await fetch(`${base}/api/tracks/${id}`, { headers })).json()) as {
        status: string;
        progress: number;
      };
    const deadline = Date.now() + 60_000;
    while ((await track()).progress === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect((await track()).status).toBe('processing');
    server.child.kill('SIGKILL');
    await once(server.child, 'exit');
    const renditions = path.join(dataDir, 'files', 'renditions', id);
    expect(await readdir(renditions).catch(() => [])).toEqual([]);

    const restarted = await start({ ...env, COTERIE_JOB_LEASE_SECONDS: '2' });
    // Until the job is done again, there is nothing to stream: no partial file is ever served.
    const early = await fetch(`${base}/api/tracks/${id}/stream?format=mp3`, { headers });
    expect([409, 200]).toContain(early.status);
    let state = await track();
    while (state.status === 'processing' && Date.now() < deadline + 60_000) {
      await new Promise((r) => setTimeout(r, 200));
      state = await track();
    }
    expect(state.status).toBe('ready');
    const mp3 = await fetch(`${base}/api/tracks/${id}/stream?format=mp3`, { headers });
    const bytes = Buffer.from(await mp3.arrayBuffer());
    expect(mp3.status).toBe(200);
    expect(bytes.length).toBe(Number(mp3.headers.get('content-length')));
    // 150 s at 192 kb/s is about 3.6 MB: the whole track, not what was written before the kill.
    expect(bytes.length).toBeGreaterThan(3_400_000);
    expect(await readdir(renditions)).toHaveLength(2);
    restarted.child.kill('SIGTERM');
    await once(restarted.child, 'exit');
  }, 240_000);

  it('refuses to start with a clear message naming a bad variable', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty', COTERIE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration: PORT must be a whole number, got "eighty"');
    expect(stderr).not.toMatch(/at .*:\d+:\d+/);
  }, 30_000);
});
