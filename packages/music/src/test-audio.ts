import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { FFMPEG_PATH } from './transcode.ts';

const run = promisify(execFile);

export type AudioFormat = 'wav' | 'flac' | 'mp3' | 'ogg' | 'm4a';

const CODECS: Record<AudioFormat, string[]> = {
  wav: ['-c:a', 'pcm_s16le'],
  flac: ['-c:a', 'flac'],
  mp3: ['-c:a', 'libmp3lame', '-b:a', '128k'],
  ogg: ['-c:a', 'libvorbis', '-q:a', '3'],
  m4a: ['-c:a', 'aac', '-b:a', '128k'],
};

/** Real audio made by ffmpeg for tests and demo data: a chord that swells, with tags. */
export async function makeAudio(
  dir: string,
  format: AudioFormat,
  options: { seconds?: number; title?: string; frequency?: number; name?: string } = {},
): Promise<{ path: string; data: Buffer }> {
  const seconds = options.seconds ?? 3;
  const f = options.frequency ?? 220;
  const file = path.join(dir, `${options.name ?? `tone-${f}-${seconds}`}.${format}`);
  const expr = `0.3*sin(2*PI*${f}*t)*(0.5+0.5*sin(2*PI*0.25*t))+0.2*sin(2*PI*${f * 1.5}*t)|0.3*sin(2*PI*${f * 1.25}*t)+0.2*sin(2*PI*${f * 2}*t)*(0.6+0.4*sin(PI*t))`;
  await run(FFMPEG_PATH, [
    ...['-v', 'error', '-f', 'lavfi', '-i', `aevalsrc=${expr}:s=44100:d=${seconds}`],
    ...['-metadata', `title=${options.title ?? 'Test tone'}`, '-metadata', 'artist=Tagged Artist'],
    ...CODECS[format],
    '-y',
    file,
  ]);
  return { path: file, data: await readFile(file) };
}
