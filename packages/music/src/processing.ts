import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type JobQueue, type JobRun, PermanentJobError } from '@coterie/jobs';
import type { BlobStore } from '@coterie/storage';
import type { Logger } from 'pino';
import type { StoredFile } from './schema.ts';
import type { MusicStore } from './store.ts';
import { TranscodeError, transcode } from './transcode.ts';

export const TRANSCODE_QUEUE = 'music.transcode';

interface TranscodePayload {
  trackId: string;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The background half of an upload: decode the original once into Opus and MP3, measure loudness,
 * draw the waveform, store the renditions, and only then point the track at them, so a crash at
 * any step leaves a track still "processing" (and its job to be resumed), never half a rendition.
 */
export class TrackProcessor {
  readonly #store: MusicStore;
  readonly #blobs: BlobStore;
  readonly #logger: Logger;
  readonly #workDir: string;
  readonly #clock: () => Date;

  constructor(deps: {
    store: MusicStore;
    blobs: BlobStore;
    logger: Logger;
    workDir: string;
    clock: () => Date;
  }) {
    this.#store = deps.store;
    this.#blobs = deps.blobs;
    this.#logger = deps.logger;
    this.#workDir = deps.workDir;
    this.#clock = deps.clock;
  }

  register(queue: JobQueue): void {
    queue.register<TranscodePayload>(TRANSCODE_QUEUE, (payload, run) => this.process(payload.trackId, run), {
      maxAttempts: 4,
      onGiveUp: async (payload: TranscodePayload, error) => {
        const reason =
          error instanceof PermanentJobError
            ? error.message
            : 'Processing kept failing on our side. Try again later, or re-upload the file.';
        await this.#store.updateTrack(payload.trackId, {
          status: 'failed',
          failureReason: reason,
          updatedAt: this.#clock(),
        });
      },
    });
  }

  async process(trackId: string, run: Pick<JobRun, 'signal'>): Promise<void> {
    const track = await this.#store.findTrack(trackId);
    if (track?.status !== 'processing') return;
    await mkdir(this.#workDir, { recursive: true });
    const outDir = await mkdtemp(path.join(this.#workDir, `${trackId}-`));
    const original = await this.#blobs.localCopy(track.original.key);
    let lastSaved = 0;
    try {
      const result = await transcode(original.path, outDir, {
        signal: run.signal,
        expectedMs: track.durationMs,
        onProgress: (fraction) => {
          const percent = Math.min(95, Math.floor(fraction * 95));
          const now = Date.now();
          if (percent > track.progress && now - lastSaved > 500) {
            lastSaved = now;
            void this.#store.updateTrack(trackId, { progress: percent }).catch(() => {});
          }
        },
      }).catch((error: unknown) => {
        throw error instanceof TranscodeError ? new PermanentJobError(error.message) : error;
      });
      const opus = await this.#put(trackId, result.opusPath, 'opus', 'audio/ogg');
      const mp3 = await this.#put(trackId, result.mp3Path, 'mp3', 'audio/mpeg');
      const now = this.#clock();
      const completed = await this.#store.completeTrack(trackId, {
        status: 'ready',
        progress: 100,
        failureReason: null,
        durationMs: result.durationMs,
        peaks: result.peaks,
        loudnessLufs: result.loudnessLufs,
        truePeakDb: result.truePeakDb,
        renditions: { opus, mp3 },
        readyAt: now,
        updatedAt: now,
      });
      if (!completed) {
        // Deleted while we worked: what we stored belongs to nobody.
        await Promise.all([this.#blobs.delete(opus.key), this.#blobs.delete(mp3.key)]);
      }
      this.#logger.info({ trackId, durationMs: result.durationMs, lufs: result.loudnessLufs }, 'track ready');
    } finally {
      await original.release().catch(() => {});
      await rm(outDir, { recursive: true, force: true });
    }
  }

  async #put(trackId: string, file: string, extension: string, contentType: string): Promise<StoredFile> {
    const sha256 = await sha256Of(file);
    const key = `renditions/${trackId}/${sha256}.${extension}`;
    await this.#blobs.putFile(key, file, contentType);
    return { key, bytes: (await stat(file)).size, sha256, contentType };
  }
}
