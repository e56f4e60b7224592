// Processes, scratch databases and the HTTP client the bench sections share.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export async function startProcess(
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
): Promise<ChildProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // Only a scratch database handed over explicitly: never the one the bench was pointed at.
  if (env.DATABASE_URL === undefined) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  // The tail only, for the error message: a server logging every request writes megabytes.
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-16_384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
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

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * With DATABASE_URL set, each Coterie server gets a database of its own, dropped afterwards, so
 * runs never meet each other's accounts and the database given is left as it was.
 */
export async function createScratchDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `coterie_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface CoterieServer {
  readonly base: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** The real server (`apps/server/src/main.ts`) in a process of its own, on an empty data folder. */
export async function startCoterie(extraEnv: Record<string, string> = {}): Promise<CoterieServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'coterie-bench-'));
  const adminUrl = process.env.DATABASE_URL;
  const database = adminUrl ? await createScratchDatabase(adminUrl) : null;
  const port = await freePort();
  const cleanUp = async (): Promise<void> => {
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  let child: ChildProcess;
  try {
    child = await startProcess(
      [path.join(root, 'apps/server/src/main.ts')],
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        COTERIE_DATA_DIR: dataDir,
        COTERIE_DEMO: 'false',
        COTERIE_STORAGE: 'local',
        LOG_LEVEL: 'warn',
        COTERIE_WEB_DIST: path.join(dataDir, 'none'),
        COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000',
        ...(database ? { DATABASE_URL: database.url } : {}),
        ...extraEnv,
      },
      `http://127.0.0.1:${port}/api/health`,
    );
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    base: `http://127.0.0.1:${port}`,
    dataDir,
    child,
    stop: async () => {
      await stopProcess(child);
      await cleanUp();
    },
  };
}

/** JSON calls as a browser makes them: same Origin (the CSRF check), the session cookie. */
export class Client {
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  async call(method: string, route: string, body: unknown, cookie = ''): Promise<Response> {
    const res = await fetch(`${this.base}${route}`, {
      method,
      headers: { 'content-type': 'application/json', origin: this.base, cookie },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (res.status >= 400) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
    return res;
  }

  /** Registers an account and returns its session cookie. */
  async signUp(name: string): Promise<string> {
    const res = await this.call('POST', '/api/auth/register', {
      email: `${name}@example.com`,
      password: 'a long and quiet river',
      displayName: name,
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  async createArtistCommunity(slug: string, cookie: string): Promise<void> {
    await this.call(
      'POST',
      '/api/communities',
      { slug, name: slug, kind: 'artist', visibility: 'public' },
      cookie,
    );
  }
}
