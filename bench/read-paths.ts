// Coterie's hot read paths against a bare Fastify route in its own process, measured in the same run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeWav } from './audio.ts';
import { CONNECTIONS, DURATION, type Load, load, ms, printTable, ratio } from './measure.ts';
import { type Client, freePort, root, startProcess, stopProcess } from './support.ts';
import { uploadTrack } from './upload.ts';

const SLUG = 'bench-room';

/** What the routes read: a community, its people, a track on a release, its listens and picks. */
export interface ReadFixture {
  owner: string;
  reader: string;
  trackId: string;
  releaseId: string;
}

/** Everything the read paths read, made through the API as people would. */
export async function seedReadFixture(client: Client): Promise<ReadFixture> {
  const owner = await client.signUp('owner');
  const reader = await client.signUp('reader');
  const fans = await seedFeed(client, owner);
  await client.call(
    'POST',
    `/api/communities/${SLUG}/join`,
    { handle: 'reader', share: ['displayName'] },
    reader,
  );
  return { owner, reader, ...(await seedMusic(client, owner, reader, fans)) };
}

/** A community whose feed page holds 20 posts (2 more pinned), each with comments and several reactions. */
export async function seedFeed(client: Client, ownerCookie: string): Promise<string[]> {
  await client.createArtistCommunity(SLUG, ownerCookie);
  const fans: string[] = [];
  for (let i = 0; i < 4; i++) {
    const cookie = await client.signUp(`fan${i}`);
    await client.call(
      'POST',
      `/api/communities/${SLUG}/join`,
      { handle: `fan${i}`, share: ['displayName'] },
      cookie,
    );
    fans.push(cookie);
  }
  for (let p = 0; p < 25; p++) {
    const post = (await (
      await client.call(
        'POST',
        `/api/communities/${SLUG}/posts`,
        { body: `Post **${p}**`, visibility: 'public' },
        ownerCookie,
      )
    ).json()) as { id: string };
    if (p < 2) await client.call('PATCH', `/api/posts/${post.id}`, { pinned: true }, ownerCookie);
    for (const [i, fan] of fans.entries()) {
      if (i < 2) await client.call('POST', `/api/posts/${post.id}/comments`, { body: `comment ${i}` }, fan);
      await client.call(
        'PUT',
        `/api/posts/${post.id}/reactions/${encodeURIComponent(i % 2 ? '🎵' : '❤️')}`,
        undefined,
        fan,
      );
    }
  }
  return fans;
}

/** A ready track on a release, listened to by the fans and picked by a curator the reader trusts. */
async function seedMusic(
  client: Client,
  ownerCookie: string,
  readerCookie: string,
  fans: string[],
): Promise<{ trackId: string; releaseId: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'coterie-bench-read-'));
  try {
    const wav = await makeWav(dir, 'short', 40);
    const { id: trackId } = await uploadTrack(client.base, SLUG, ownerCookie, wav, 'Bench song');
    for (let i = 0; ; i++) {
      const track = (await (
        await client.call('GET', `/api/tracks/${trackId}`, undefined, ownerCookie)
      ).json()) as { status: string };
      if (track.status === 'ready') break;
      if (track.status === 'failed' || i > 600) throw new Error(`bench track ended ${track.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const release = (await (
      await client.call(
        'POST',
        `/api/communities/${SLUG}/releases`,
        { title: 'Bench EP', kind: 'ep' },
        ownerCookie,
      )
    ).json()) as { id: string };
    await client.call('PATCH', `/api/tracks/${trackId}`, { releaseId: release.id }, ownerCookie);
    for (const fan of fans)
      await client.call('POST', `/api/tracks/${trackId}/plays`, { playedMs: 35_000 }, fan);
    const curator = fans[0]!;
    const profile = (await (
      await client.call('PUT', '/api/me/curator', { handle: 'bench-curator' }, curator)
    ).json()) as { id: string };
    await client.call('POST', '/api/picks', { trackId, note: 'Listen to the bridge' }, curator);
    await client.call('PUT', `/api/me/trust/${profile.id}`, undefined, readerCookie);
    return { trackId, releaseId: release.id };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Route {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** The target, as a share of the bare route's requests per second. */
  target?: number;
}

/** Returns false when a route answered with errors. */
export async function benchReadPaths(client: Client, serverPid: number): Promise<boolean> {
  const barePort = await freePort();
  const bare = await startProcess(
    [path.join(root, 'bench/bare-server.ts'), String(barePort)],
    {},
    `http://127.0.0.1:${barePort}/bare`,
  );
  try {
    const owner = await client.signUp('owner');
    const reader = await client.signUp('reader');
    const fans = await seedFeed(client, owner);
    await client.call(
      'POST',
      `/api/communities/${SLUG}/join`,
      { handle: 'reader', share: ['displayName'] },
      reader,
    );
    const { trackId, releaseId } = await seedMusic(client, owner, reader, fans);
    const b = client.base;
    const member = { cookie: reader };
    const routes: Route[] = [
      { name: 'GET /api/health (database ping)', url: `${b}/api/health`, target: 0.6 },
      { name: 'GET /api/me (session + profile)', url: `${b}/api/me`, headers: member, target: 0.4 },
      {
        name: 'GET feed, 20 posts + 2 pinned (anonymous)',
        url: `${b}/api/communities/${SLUG}/posts`,
        target: 0.25,
      },
      {
        name: 'GET feed, 20 posts + 2 pinned (member)',
        url: `${b}/api/communities/${SLUG}/posts`,
        headers: member,
        target: 0.25,
      },
      {
        name: 'GET community page (member)',
        url: `${b}/api/communities/${SLUG}`,
        headers: member,
        target: 0.15,
      },
      { name: 'GET track page (anonymous)', url: `${b}/api/tracks/${trackId}`, target: 0.15 },
      { name: 'GET release page (anonymous)', url: `${b}/api/releases/${releaseId}`, target: 0.15 },
      { name: 'GET Rising chart, open week', url: `${b}/api/charts/rising`, target: 0.15 },
      {
        name: 'GET /api/discover (member who trusts a curator)',
        url: `${b}/api/discover`,
        headers: member,
        target: 0.15,
      },
    ];
    // The baseline is measured again beside each route, and each route is compared with its own
    // neighbour: on a shared machine the speed of both cores drifts by a third within minutes.
    const bareUrl = `http://127.0.0.1:${barePort}/bare`;
    const measured: [Route, Load, Load][] = [];
    for (const route of routes) {
      const beside = await load(bareUrl, {}, bare.pid, Math.max(2, Math.round(DURATION / 2)));
      measured.push([route, await load(route.url, route.headers ?? {}, serverPid), beside]);
    }
    const bares = measured.map(([, , b]) => b);
    const mean = (f: (l: Load) => number): number => bares.reduce((sum, b) => sum + f(b), 0) / bares.length;
    const bareLoad: Load = {
      ...bares[0]!,
      rps: mean((b) => b.rps),
      p99: Math.max(...bares.map((b) => b.p99)),
      errors: bares.reduce((sum, b) => sum + b.errors, 0),
      ...(bares.every((b) => b.cpuMs !== undefined) ? { cpuMs: mean((b) => b.cpuMs!) } : {}),
    };
    const cpu = (r: Load): string => (r.cpuMs === undefined ? '–' : r.cpuMs.toFixed(3));
    printTable(
      `Read paths — ${DURATION} s per route, ${CONNECTIONS} connections (server CPU from /proc, user + system)`,
      ['route', 'req/s', 'p99 ms', 'vs bare', 'target', 'CPU ms/req', 'CPU vs bare', 'errors'],
      [
        [
          'bare Fastify GET /bare (baseline, mean)',
          bareLoad.rps.toFixed(0),
          ms(bareLoad.p99),
          '1.0×',
          '',
          cpu(bareLoad),
          '1.0×',
          String(bareLoad.errors),
        ],
        ...measured.map(([route, r, beside]) => {
          const share = r.rps / beside.rps;
          const target =
            route.target === undefined
              ? ''
              : `≥ ${route.target}× ${share >= route.target ? 'met' : 'MISSED'}`;
          return [
            route.name,
            r.rps.toFixed(0),
            r.p99 < 1 ? '<1' : ms(r.p99),
            ratio(share),
            target,
            cpu(r),
            r.cpuMs === undefined || beside.cpuMs === undefined ? '–' : ratio(r.cpuMs / beside.cpuMs),
            String(r.errors),
          ];
        }),
      ],
      'The bare row is the mean of its runs, one just before each route; each ratio is to that neighbour. ' +
        "CPU ms/req is the server process alone; the database's CPU (PostgreSQL) is not in it.",
    );
    return bareLoad.errors === 0 && measured.every(([, r]) => r.errors === 0);
  } finally {
    await stopProcess(bare);
  }
}
