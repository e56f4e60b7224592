import { spawn } from 'node:child_process';
import path from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { PeakAccumulator, parseLoudness } from './waveform.ts';

export const FFMPEG_PATH: string = ffmpegInstaller.path;

export interface TranscodeResult {
  readonly opusPath: string;
  readonly mp3Path: string;
  readonly durationMs: number;
  readonly peaks: number[];
  readonly loudnessLufs: number | null;
  readonly truePeakDb: number | null;
}

export class TranscodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TranscodeError';
  }
}

const PCM_RATE = 8000;
const LOG_TAIL = 64 * 1024;

/**
 * One ffmpeg pass that decodes once and writes everything a track needs: Opus 128 kb/s (Ogg),
 * MP3 192 kb/s, EBU R128 loudness with true peak, and 8 kHz mono PCM piped back for the waveform.
 */
export async function transcode(
  input: string,
  outDir: string,
  options: { signal?: AbortSignal; expectedMs?: number | null; onProgress?: (fraction: number) => void } = {},
): Promise<TranscodeResult> {
  const opusPath = path.join(outDir, 'audio.opus');
  const mp3Path = path.join(outDir, 'audio.mp3');
  const args = [
    ...['-nostdin', '-hide_banner', '-nostats', '-v', 'info', '-i', input],
    ...['-map', '0:a:0', '-vn', '-map_metadata', '-1', '-c:a', 'libopus', '-b:a', '128k'],
    ...['-f', 'ogg', '-y', opusPath],
    ...['-map', '0:a:0', '-vn', '-map_metadata', '-1', '-c:a', 'libmp3lame', '-b:a', '192k'],
    ...['-f', 'mp3', '-y', mp3Path],
    ...['-map', '0:a:0', '-af', `ebur128=peak=true:framelog=verbose,aresample=${PCM_RATE}`],
    ...['-ac', '1', '-c:a', 'pcm_s16le', '-f', 's16le', 'pipe:1'],
    ...['-progress', 'pipe:3'],
  ];
  const child = spawn(FFMPEG_PATH, args, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  // About 4,000 blocks over the expected length keeps 1,000 peaks sharp for any duration.
  const peaks = new PeakAccumulator(
    options.expectedMs ? Math.max(1, Math.floor((options.expectedMs * PCM_RATE) / 1000 / 4000)) : 64,
  );
  let pcmBytes = 0;
  let log = '';
  let progressBuffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pcmBytes += chunk.length;
    peaks.push(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-LOG_TAIL);
  });
  const progressStream = child.stdio[3] as NodeJS.ReadableStream;
  progressStream.on('data', (chunk: Buffer) => {
    progressBuffer += chunk.toString('utf8');
    const lines = progressBuffer.split('\n');
    progressBuffer = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^out_time_us=(\d+)/.exec(line) ?? /^out_time_ms=(\d+)/.exec(line);
      if (match?.[1] && options.expectedMs) {
        options.onProgress?.(Math.min(1, Number(match[1]) / 1000 / options.expectedMs));
      }
    }
  });
  const onAbort = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', onAbort);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (exitCode) => resolve(exitCode));
    });
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    if (code !== 0) throw new TranscodeError(describeFailure(log.replaceAll(input, 'the file')));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const durationMs = Math.round((pcmBytes / 2 / PCM_RATE) * 1000);
  if (durationMs < 100) throw new TranscodeError('The file holds no audible audio (it decodes to nothing).');
  const loudness = parseLoudness(log);
  return {
    opusPath,
    mp3Path,
    durationMs,
    peaks: peaks.finish(1000),
    loudnessLufs: loudness.lufs,
    truePeakDb: loudness.truePeakDb,
  };
}

/** The last error ffmpeg gave, in words a musician can act on. */
function describeFailure(log: string): string {
  const lines = log
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /invalid|error|corrupt|could not|no such|does not contain|unknown/i.test(l));
  // Never a server path in a message the artist reads.
  const last = lines
    .at(-1)
    ?.replace(/^\[[^\]]+\]\s*/, '')
    .replace(/(^|\s)\/\S+/g, '$1the file');
  return `The audio could not be decoded${last ? ` (${last.slice(0, 200)})` : ''}. Export it again from your editor and re-upload.`;
}
