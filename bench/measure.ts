// Load (autocannon), time to first byte, and the plain-text tables every section prints.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import autocannon from 'autocannon';

export const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
export const CONNECTIONS = 10;

export interface Load {
  rps: number;
  /** Response bytes per second, in MB (10^6). */
  mbps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU the server process spent per request (user + system), when its pid was given. */
  cpuMs?: number;
}

/** User + system CPU of a process so far, in ms; /proc counts in USER_HZ ticks, 100 a second on Linux. */
export async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function load(
  url: string,
  headers: Record<string, string> = {},
  serverPid?: number,
  seconds: number = DURATION,
): Promise<Load> {
  // A short warm-up so JIT, connection pools and the page cache are settled before the measured run.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 1 });
  const cpuBefore = serverPid === undefined ? 0 : await cpuMsOf(serverPid);
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds });
  const cpuMs = serverPid === undefined ? 0 : (await cpuMsOf(serverPid)) - cpuBefore;
  return {
    rps: result.requests.average,
    mbps: result.throughput.average / 1e6,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    ...(serverPid === undefined ? {} : { cpuMs: cpuMs / Math.max(1, result.requests.total) }),
  };
}

/** One request on a kept-alive connection: its status, body bytes and milliseconds to the last byte. */
function fetchAll(
  agent: http.Agent,
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; bytes: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get(url, { agent, headers }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, bytes, ms: performance.now() - started }),
        );
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/**
 * Like `load`, for responses of megabytes: autocannon parses every body chunk in JavaScript and
 * tops out near 70 MB/s on this machine whoever serves, which would hide any difference between
 * servers. Plain keep-alive `http.get` workers that only count bytes go about five times higher.
 */
export async function streamLoad(
  url: string,
  headers: Record<string, string> = {},
  serverPid?: number,
): Promise<Load> {
  const run = async (seconds: number): Promise<Load> => {
    const cpuBefore = serverPid === undefined ? 0 : await cpuMsOf(serverPid);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const latencies: number[] = [];
    let bytes = 0;
    let errors = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    const worker = async (): Promise<void> => {
      while (performance.now() < until) {
        try {
          const r = await fetchAll(agent, url, headers);
          if (r.status !== 200 && r.status !== 206) errors++;
          latencies.push(r.ms);
          bytes += r.bytes;
        } catch {
          errors++;
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    const elapsed = (performance.now() - started) / 1000;
    const cpuMs = serverPid === undefined ? 0 : (await cpuMsOf(serverPid)) - cpuBefore;
    agent.destroy();
    latencies.sort((a, b) => a - b);
    return {
      rps: latencies.length / elapsed,
      mbps: bytes / elapsed / 1e6,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors,
      ...(serverPid === undefined ? {} : { cpuMs: cpuMs / Math.max(1, latencies.length) }),
    };
  };
  await run(1);
  return run(DURATION);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Milliseconds from sending the request to the first body byte; the rest is read and thrown away. */
function firstByte(agent: http.Agent, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { agent, headers }, (response) => {
      let first = -1;
      response.on('data', () => {
        if (first < 0) first = performance.now() - started;
      });
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status !== 200 && status !== 206) reject(new Error(`GET ${url}: ${status}`));
        else resolve(first);
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/**
 * Sequential requests on one kept-alive connection, as a player makes them: the latency a listener
 * feels before sound can start, without the queueing a concurrent load adds.
 */
export async function timeToFirstByte(
  url: string,
  headers: Record<string, string> = {},
  count = 200,
): Promise<{ p50: number; p95: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < 20; i++) await firstByte(agent, url, headers);
    const samples: number[] = [];
    for (let i = 0; i < count; i++) samples.push(await firstByte(agent, url, headers));
    samples.sort((a, b) => a - b);
    return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
  } finally {
    agent.destroy();
  }
}

export const ms = (value: number): string =>
  Number.isNaN(value) ? '–' : value < 1 ? value.toFixed(2) : value < 10 ? value.toFixed(1) : value.toFixed(0);
export const ratio = (value: number): string => `${value.toPrecision(2)}×`;
export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** A plain table: the first column left-aligned, the others right-aligned, widths from the content. */
export function printTable(title: string, header: string[], rows: string[][], note?: string): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}\n`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  if (note) console.log(`\n${note}`);
}
