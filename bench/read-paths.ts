// Coterie's hot read paths against a bare Fastify route in its own process, measured in the same run.
import path from 'node:path';
import { CONNECTIONS, DURATION, type Load, load, ms, printTable, ratio } from './measure.ts';
import { type Client, freePort, root, startProcess, stopProcess } from './support.ts';

/** A community whose feed page holds 20 posts, each with comments and several reactions. */
async function seedFeed(client: Client, ownerCookie: string): Promise<void> {
  await client.createArtistCommunity('bench-room', ownerCookie);
  const fans = [];
  for (let i = 0; i < 4; i++) {
    const cookie = await client.signUp(`fan${i}`);
    await client.call(
      'POST',
      '/api/communities/bench-room/join',
      { handle: `fan${i}`, share: ['displayName'] },
      cookie,
    );
    fans.push(cookie);
  }
  for (let p = 0; p < 25; p++) {
    const post = (await (
      await client.call(
        'POST',
        '/api/communities/bench-room/posts',
        { body: `Post **${p}**`, visibility: 'public' },
        ownerCookie,
      )
    ).json()) as { id: string };
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
}

/** Returns false when a route answered with errors. */
export async function benchReadPaths(client: Client): Promise<boolean> {
  const barePort = await freePort();
  const bare = await startProcess(
    [path.join(root, 'bench/bare-server.ts'), String(barePort)],
    {},
    `http://127.0.0.1:${barePort}/bare`,
  );
  try {
    const cookie = await client.signUp('reader');
    await seedFeed(client, cookie);
    const feed = `${client.base}/api/communities/bench-room/posts`;
    const routes: [string, Load][] = [];
    const add = async (name: string, url: string, headers: Record<string, string> = {}): Promise<void> => {
      routes.push([name, await load(url, headers)]);
    };
    await add('bare Fastify GET /bare (baseline)', `http://127.0.0.1:${barePort}/bare`);
    await add('GET /api/health (database ping)', `${client.base}/api/health`);
    await add('GET /api/me (session + profile)', `${client.base}/api/me`, { cookie });
    await add('GET feed, 20 posts (anonymous)', feed);
    await add('GET feed, 20 posts (member)', feed, { cookie });
    const baseline = routes[0]![1];
    printTable(
      `Read paths — ${DURATION} s per route, ${CONNECTIONS} connections`,
      ['route', 'req/s', 'p99 ms', 'vs baseline', 'errors'],
      routes.map(([name, r]) => [
        name,
        r.rps.toFixed(0),
        r.p99 < 1 ? '<1' : ms(r.p99),
        ratio(r.rps / baseline.rps),
        String(r.errors),
      ]),
    );
    return routes.every(([, r]) => r.errors === 0);
  } finally {
    await stopProcess(bare);
  }
}
