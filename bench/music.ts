// Music hot paths: processing speed of a 3-minute track, then streaming it against a static file server.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { transcode } from '@coterie/music';
import { makeWav } from './audio.ts';
import {
  CONNECTIONS,
  DURATION,
  type Load,
  mb,
  ms,
  printTable,
  ratio,
  streamLoad,
  timeToFirstByte,
} from './measure.ts';
import { Client, type CoterieServer, freePort, root, startProcess, stopProcess } from './support.ts';
import { uploadTrack } from './upload.ts';

const SECONDS = 180;

async function waitUntilReady(client: Client, id: string, cookie: string): Promise<void> {
  for (;;) {
    const track = (await (await client.call('GET', `/api/tracks/${id}`, undefined, cookie)).json()) as {
      status: string;
      failureReason?: string | null;
    };
    if (track.status === 'ready') return;
    if (track.status === 'failed') throw new Error(`processing failed: ${track.failureReason}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Upload → ready through the app (the job), then the bare `transcode()` on the same file. */
async function benchProcessing(
  client: Client,
  dir: string,
  wav: string,
): Promise<{ trackId: string; ok: boolean }> {
  const cookie = await client.signUp('artist');
  await client.createArtistCommunity('bench-music', cookie);
  const started = performance.now();
  const upload = await uploadTrack(client.base, 'bench-music', cookie, wav, 'Three minutes');
  await waitUntilReady(client, upload.id, cookie);
  const readyMs = performance.now() - started;

  const outDir = await mkdtemp(path.join(dir, 'transcode-'));
  const transcodeStarted = performance.now();
  const result = await transcode(wav, outDir, { expectedMs: SECONDS * 1000 });
  const transcodeMs = performance.now() - transcodeStarted;
  await rm(outDir, { recursive: true, force: true });

  const row = (step: string, wallMs: number): string[] => [
    step,
    (wallMs / 1000).toFixed(2),
    `${(SECONDS / (wallMs / 1000)).toFixed(1)}×`,
  ];
  printTable(
    `Processing a ${SECONDS / 60}-minute stereo 44.1 kHz WAV (${mb(upload.bytes)}); × real time = audio seconds / wall seconds`,
    ['step', 'seconds', '× real time'],
    [
      row('transcode() alone: one ffmpeg pass (Opus, MP3, loudness, peaks)', transcodeMs),
      row('upload → 202 (received, hashed, probed, stored, queued)', upload.acceptedMs),
      row('202 → ready (job: transcode, hash and store renditions)', readyMs - upload.acceptedMs),
      row('upload → ready', readyMs),
    ],
  );
  return { trackId: upload.id, ok: Math.abs(result.durationMs - SECONDS * 1000) < 1000 };
}

interface Served {
  load: Load;
  ttfb: { p50: number; p95: number };
}

async function serve(url: string, headers: Record<string, string>, pid: number): Promise<Served> {
  return { load: await streamLoad(url, headers, pid), ttfb: await timeToFirstByte(url, headers) };
}

/** Both servers must answer a request with the same status and bytes, or the comparison means nothing. */
async function assertSameBytes(a: string, b: string, headers: Record<string, string>): Promise<void> {
  const [x, y] = await Promise.all([a, b].map((url) => fetch(url, { headers })));
  const [bx, by] = await Promise.all([x!.arrayBuffer(), y!.arrayBuffer()]);
  if (x!.status !== y!.status || Buffer.compare(Buffer.from(bx), Buffer.from(by)) !== 0)
    throw new Error(`${a} and ${b} differ for ${JSON.stringify(headers)}: ${x!.status}, ${y!.status}`);
}

/** The Opus rendition through the app's route, and the very same file from @fastify/static. */
async function benchStreaming(server: CoterieServer, trackId: string): Promise<boolean> {
  const client = new Client(server.base);
  // Local storage keeps renditions at files/renditions/<track>/<sha256>.opus.
  const filesDir = path.join(server.dataDir, 'files');
  const renditionDir = path.join(filesDir, 'renditions', trackId);
  const opus = (await readdir(renditionDir)).find((name) => name.endsWith('.opus'));
  if (!opus) throw new Error(`no Opus rendition in ${renditionDir}`);
  const size = (await stat(path.join(renditionDir, opus))).size;
  const staticPort = await freePort();
  const staticServer = await startProcess(
    [path.join(root, 'bench/static-server.ts'), String(staticPort), filesDir],
    {},
    `http://127.0.0.1:${staticPort}/ready`,
  );
  try {
    const coterieUrl = `${client.base}/api/tracks/${trackId}/stream?format=opus`;
    const staticUrl = `http://127.0.0.1:${staticPort}/files/renditions/${trackId}/${opus}`;
    const middle = Math.floor(size / 2);
    const kinds: [string, Record<string, string>][] = [
      ['whole file (200)', {}],
      ['Range bytes=0- (206, player start)', { range: 'bytes=0-' }],
      [`Range 64 KiB at mid-file (206, seek)`, { range: `bytes=${middle}-${middle + 65_535}` }],
    ];
    const rows: string[][] = [];
    let ok = true;
    for (const [kind, headers] of kinds) {
      await assertSameBytes(coterieUrl, staticUrl, headers);
      const app = await serve(coterieUrl, headers, server.child.pid!);
      const plain = await serve(staticUrl, headers, staticServer.pid!);
      ok &&= app.load.errors === 0 && plain.load.errors === 0;
      const cells = (who: string, s: Served, vs: string, vsTtfb: string): string[] => [
        who,
        s.load.rps.toFixed(0),
        s.load.mbps.toFixed(0),
        ms(s.load.p50),
        ms(s.load.p99),
        ms(s.load.cpuMs ?? Number.NaN),
        ms(s.ttfb.p50),
        ms(s.ttfb.p95),
        vs,
        vsTtfb,
        String(s.load.errors),
      ];
      rows.push([kind, ...Array(10).fill('')]);
      rows.push(
        cells(
          '  Coterie /stream',
          app,
          ratio(app.load.rps / plain.load.rps),
          ratio(app.ttfb.p50 / plain.ttfb.p50),
        ),
      );
      rows.push(cells('  @fastify/static', plain, '1.0×', '1.0×'));
    }
    printTable(
      `Streaming the Opus rendition (${mb(size)}) — load: ${DURATION} s, ${CONNECTIONS} keep-alive connections; TTFB: 200 sequential requests on one connection`,
      [
        'request',
        'req/s',
        'MB/s',
        'p50 ms',
        'p99 ms',
        'CPU ms/req',
        'TTFB p50',
        'TTFB p95',
        'req/s vs static',
        'TTFB vs static',
        'errors',
      ],
      rows,
      'CPU ms/req: user + system time of the server process per request (on PostgreSQL, without the database).',
    );
    return ok;
  } finally {
    await stopProcess(staticServer);
  }
}

/** Returns false when a measurement went wrong (errors under load, a wrong duration). */
export async function benchMusic(server: CoterieServer, dir: string): Promise<{ ok: boolean; wav: string }> {
  const wav = await makeWav(dir, 'three-minutes', SECONDS);
  const processing = await benchProcessing(new Client(server.base), dir, wav);
  const streaming = await benchStreaming(server, processing.trackId);
  return { ok: processing.ok && streaming, wav };
}
