// Ten minutes of the read paths at twice what they were measured to sustain: does the server's memory
// stay flat (caches bounded, nothing kept per request), and does every request still succeed?
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { CONNECTIONS, load, mb, printTable } from './measure.ts';
import { seedReadFixture } from './read-paths.ts';
import { Client, startCoterie } from './support.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const SAMPLE_MS = 10_000;

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Returns false when a request failed. */
export async function benchSoak(): Promise<boolean> {
  const coterie = await startCoterie({ LOG_LEVEL: 'info' });
  try {
    const pid = coterie.child.pid!;
    const client = new Client(coterie.base);
    const fixture = await seedReadFixture(client);
    const b = coterie.base;
    // The mix a community's visitors make: mostly feeds, then pages, the player's track, charts, discovery.
    const requests = [
      { path: '/api/communities/bench-room/posts' },
      { path: '/api/communities/bench-room/posts', headers: { cookie: fixture.reader } },
      { path: '/api/communities/bench-room/posts', headers: { cookie: fixture.reader } },
      { path: '/api/communities/bench-room', headers: { cookie: fixture.reader } },
      { path: `/api/tracks/${fixture.trackId}` },
      { path: `/api/releases/${fixture.releaseId}` },
      { path: '/api/charts/rising' },
      { path: '/api/me', headers: { cookie: fixture.reader } },
      { path: '/api/discover', headers: { cookie: fixture.reader } },
    ];
    const capacity = await load(`${b}/api/communities/bench-room/posts`, { cookie: fixture.reader });
    const rate = Math.round(capacity.rps * 2);
    const rss: { at: number; bytes: number }[] = [{ at: 0, bytes: await rssOf(pid) }];
    const started = performance.now();
    const sampler = setInterval(() => {
      rssOf(pid).then(
        (bytes) => rss.push({ at: (performance.now() - started) / 1000, bytes }),
        () => {},
      );
    }, SAMPLE_MS);
    const result = await autocannon({
      url: b,
      requests,
      connections: CONNECTIONS * 2,
      overallRate: rate,
      duration: SECONDS,
    });
    clearInterval(sampler);
    rss.push({ at: SECONDS, bytes: await rssOf(pid) });
    const errors = result.errors + result.timeouts + result.non2xx;
    // The first minute warms caches and JIT; flat means the last minutes do not climb.
    const settled = rss.filter((s) => s.at >= 60);
    const first = settled[0] ?? rss[0]!;
    const last = rss.at(-1)!;
    const peak = Math.max(...rss.map((s) => s.bytes));
    printTable(
      `Soak — ${SECONDS} s of a mixed read load offered at ${rate} req/s (2× the member feed's ${capacity.rps.toFixed(0)} req/s), ${CONNECTIONS * 2} connections`,
      ['figure', 'value'],
      [
        ['requests answered', String(result.requests.total)],
        ['answered req/s (average)', result.requests.average.toFixed(0)],
        ['p50 / p99 ms', `${result.latency.p50} / ${result.latency.p99}`],
        ['errors, timeouts, non-2xx', `${result.errors}, ${result.timeouts}, ${result.non2xx}`],
        ['server RSS at start (before load)', mb(rss[0]!.bytes)],
        [`server RSS at ${first.at.toFixed(0)} s`, mb(first.bytes)],
        ['server RSS at end', mb(last.bytes)],
        ['server RSS peak', mb(peak)],
        [
          'growth after the first minute',
          `${(((last.bytes - first.bytes) / first.bytes) * 100).toFixed(1)} %`,
        ],
      ],
      'Offered at twice the capacity, most requests wait: the answered rate is the capacity under this mix.',
    );
    return errors === 0;
  } finally {
    await coterie.stop();
  }
}
