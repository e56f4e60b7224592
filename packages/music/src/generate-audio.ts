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

/** A swelling chord: cheap to make, for tests. */
function chord(f: number): string {
  return `0.3*sin(2*PI*${f}*t)*(0.5+0.5*sin(2*PI*0.25*t))+0.2*sin(2*PI*${f * 1.5}*t)|0.3*sin(2*PI*${f * 1.25}*t)+0.2*sin(2*PI*${f * 2}*t)*(0.6+0.4*sin(PI*t))`;
}

/**
 * Plucked arpeggios over a four-chord loop (I–vi–IV–V), for demo tracks that sound like music:
 * each 2-second bar picks a root, each 8th note a chord tone, with a decaying pluck envelope.
 */
function arpeggio(f: number, tempo: number): string {
  const bar = `mod(floor(t*${tempo / 120}/2),4)`;
  const root = `if(eq(${bar},0),0,if(eq(${bar},1),-3,if(eq(${bar},2),5,7)))`;
  const step = `mod(floor(t*${tempo / 30}),4)`;
  const tone = `if(eq(${step},0),0,if(eq(${step},1),4,if(eq(${step},2),7,12)))`;
  const pitch = `${f}*pow(2,(${root}+${tone})/12)`;
  const pluck = `exp(-5*mod(t*${tempo / 30},1))`;
  const pad = `0.12*sin(2*PI*${f / 2}*pow(2,${root}/12)*t)`;
  const left = `0.35*sin(2*PI*${pitch}*t)*${pluck}+${pad}`;
  const right = `0.3*sin(2*PI*${pitch}*1.003*t)*${pluck}+${pad}`;
  return `${left}|${right}`;
}

/** Real audio made by ffmpeg for tests and demo data, with tags. */
export async function makeAudio(
  dir: string,
  format: AudioFormat,
  options: {
    seconds?: number;
    title?: string;
    frequency?: number;
    name?: string;
    style?: 'chord' | 'arpeggio';
    tempo?: number;
  } = {},
): Promise<{ path: string; data: Buffer }> {
  const seconds = options.seconds ?? 3;
  const f = options.frequency ?? 220;
  const file = path.join(dir, `${options.name ?? `tone-${f}-${seconds}`}.${format}`);
  // Commas separate filters in a filtergraph: the expression's own are escaped.
  const expr = (options.style === 'arpeggio' ? arpeggio(f, options.tempo ?? 96) : chord(f)).replaceAll(
    ',',
    '\\,',
  );
  const fades = seconds >= 8 ? ['-af', `afade=t=in:d=1,afade=t=out:st=${seconds - 3}:d=3`] : [];
  await run(FFMPEG_PATH, [
    ...['-v', 'error', '-f', 'lavfi', '-i', `aevalsrc=${expr}:s=44100:d=${seconds}`],
    ...fades,
    ...['-metadata', `title=${options.title ?? 'Test tone'}`, '-metadata', 'artist=Tagged Artist'],
    ...CODECS[format],
    '-y',
    file,
  ]);
  return { path: file, data: await readFile(file) };
}
