// Track uploads over a real socket, streamed from disk, and the server's memory while one arrives.
import { createReadStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { loopWav } from './audio.ts';
import { mb, printTable } from './measure.ts';
import { Client, startCoterie } from './support.ts';

export interface Uploaded {
  id: string;
  bytes: number;
  /** Milliseconds until the last body byte was handed to the socket. */
  sentMs: number;
  /** Milliseconds until the 202: received, hashed, probed, stored, queued. */
  acceptedMs: number;
}

/**
 * `POST /api/communities/:slug/tracks` as a browser sends it (title, then the file), with the
 * file piped from disk so neither side holds it in memory.
 */
export async function uploadTrack(
  base: string,
  slug: string,
  cookie: string,
  file: string,
  title: string,
): Promise<Uploaded> {
  const boundary = `----coterie-bench-${Date.now().toString(36)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.wav"\r\n` +
      'Content-Type: audio/wav\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const bytes = (await stat(file)).size;
  const started = performance.now();
  const request = http.request(`${base}/api/communities/${slug}/tracks`, {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': head.length + bytes + tail.length,
      origin: base,
      cookie,
    },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
  let sentMs = 0;
  const sent = pipeline(async function* () {
    yield head;
    yield* createReadStream(file);
    yield tail;
  }, request).then(() => {
    sentMs = performance.now() - started;
  });
  const [response] = await Promise.all([answered, sent]);
  const acceptedMs = performance.now() - started;
  if (response.status !== 202) throw new Error(`upload: ${response.status} ${response.body}`);
  return { id: (JSON.parse(response.body) as { id: string }).id, bytes, sentMs, acceptedMs };
}

/** Resident set size of another process, from the kernel, in bytes. */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** Samples every 50 ms until stopped; reading /proc does not disturb the process measured. */
function sampleRss(pid: number): { stop: () => Promise<number[]> } {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push(await rssOf(pid));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}

const SECONDS = 600;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

/**
 * A ~106 MB WAV uploaded to a server of its own that runs no jobs (COTERIE_JOB_CONCURRENCY=0), so
 * what its RSS shows is the upload alone and no transcode starts behind it.
 */
export async function benchLargeUpload(dir: string, source: string): Promise<void> {
  const file = await loopWav(source, dir, 'upload-10min', SECONDS);
  const warmUp = await loopWav(source, dir, 'upload-warm-up', 2);
  const server = await startCoterie({ COTERIE_JOB_CONCURRENCY: '0' });
  try {
    const client = new Client(server.base);
    const cookie = await client.signUp('uploader');
    await client.createArtistCommunity('bench-upload', cookie);
    const pid = server.child.pid!;
    // The first upload loads the multipart and probing code; that is not what is measured.
    await uploadTrack(server.base, 'bench-upload', cookie, warmUp, 'Warm-up');
    const uploads: { upload: Uploaded; before: number; peak: number; samples: number }[] = [];
    for (const title of ['First', 'Second']) {
      const idle = sampleRss(pid);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const before = median(await idle.stop());
      const during = sampleRss(pid);
      const upload = await uploadTrack(server.base, 'bench-upload', cookie, file, title);
      const samples = await during.stop();
      uploads.push({ upload, before, peak: Math.max(...samples), samples: samples.length });
    }
    const seconds = (ms: number, bytes: number): string =>
      `${(ms / 1000).toFixed(2)} s, ${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
    const row = (name: string, cell: (u: (typeof uploads)[number]) => string): string[] => [
      name,
      ...uploads.map(cell),
    ];
    printTable(
      `Upload of a ${SECONDS / 60}-minute stereo 44.1 kHz WAV (${mb(uploads[0]!.upload.bytes)}), multipart streamed from disk; server RSS every 50 ms`,
      ['measure', '1st upload', '2nd upload'],
      [
        row('body sent', (u) => seconds(u.upload.sentMs, u.upload.bytes)),
        row('202 (received, hashed, probed, stored)', (u) => seconds(u.upload.acceptedMs, u.upload.bytes)),
        row('server RSS before (median, 1 s idle)', (u) => mb(u.before)),
        row('server RSS peak during', (u) => `${mb(u.peak)} (${u.samples} samples)`),
        row('peak − before', (u) => mb(u.peak - u.before)),
      ],
      // Chunks wait for the garbage collector, so RSS may rise for a moment; what matters is that
      // the rise does not grow with the file and the second upload does not start higher.
      'The 2nd upload has the same content: its original is already stored, so only the copy is skipped.',
    );
  } finally {
    await server.stop();
    await rm(file, { force: true });
    await rm(warmUp, { force: true });
  }
}
