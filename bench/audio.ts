// Real audio for the music bench, made by the same ffmpeg the server transcodes with.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { FFMPEG_PATH } from '@coterie/music';

const run = promisify(execFile);

/**
 * A stereo 44.1 kHz 16-bit WAV of a swelling chord under pink noise: the noise keeps the encoders
 * as busy as a real mix would, where a pure tone would flatter them.
 */
export async function makeWav(dir: string, name: string, seconds: number): Promise<string> {
  const file = path.join(dir, `${name}.wav`);
  const chord =
    '0.3*sin(2*PI*220*t)*(0.5+0.5*sin(2*PI*0.25*t))+0.2*sin(2*PI*330*t)|' +
    '0.3*sin(2*PI*275*t)+0.2*sin(2*PI*440*t)*(0.6+0.4*sin(PI*t))';
  await run(FFMPEG_PATH, [
    ...['-v', 'error', '-f', 'lavfi', '-i', `aevalsrc=${chord}:s=44100:d=${seconds}`],
    ...['-f', 'lavfi', '-i', `anoisesrc=color=pink:r=44100:a=0.1:d=${seconds}`],
    ...['-filter_complex', '[0:a][1:a]amix=inputs=2', '-c:a', 'pcm_s16le', '-y', file],
  ]);
  return file;
}

/** `source` repeated (or cut) to `seconds`: evaluating the chord again for minutes would be slow. */
export async function loopWav(source: string, dir: string, name: string, seconds: number): Promise<string> {
  const file = path.join(dir, `${name}.wav`);
  await run(FFMPEG_PATH, [
    ...['-v', 'error', '-stream_loop', '-1', '-i', source, '-t', String(seconds)],
    ...['-c:a', 'pcm_s16le', '-y', file],
  ]);
  return file;
}
