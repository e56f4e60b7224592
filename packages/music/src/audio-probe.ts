import path from 'node:path';
import { DomainError } from '@coterie/platform';
import { fileTypeFromFile } from 'file-type';
import { parseFile } from 'music-metadata';

/** Containers we take, by what the bytes say they are (never the name or the declared type). */
const ACCEPTED: Readonly<Record<string, string>> = {
  wav: 'WAV',
  flac: 'FLAC',
  mp3: 'MP3',
  ogg: 'Ogg',
  opus: 'Opus',
  oga: 'Ogg',
  m4a: 'M4A/AAC',
  aac: 'AAC',
  aiff: 'AIFF',
  aif: 'AIFF',
  webm: 'WebM',
  mka: 'Matroska audio',
  wv: 'WavPack',
  ape: "Monkey's Audio",
};

export const ACCEPTED_FORMATS: readonly string[] = [...new Set(Object.values(ACCEPTED))];

export interface ProbedAudio {
  /** Canonical extension of what the file really is (used for the original's download name). */
  readonly extension: string;
  readonly format: string;
  readonly contentType: string;
  readonly durationMs: number | null;
  readonly tags: Record<string, string>;
}

const unreadable = (why: string) =>
  new DomainError(422, 'unreadable_audio', `This file could not be read as audio: ${why}`);

/**
 * Checks that an upload is audio we can process, by its content: the container from its magic
 * bytes (415 otherwise), then its headers parsed (422 when they are broken or hold no audio).
 */
export async function probeAudio(filePath: string, originalName: string): Promise<ProbedAudio> {
  const sniffed = await fileTypeFromFile(filePath).catch(() => undefined);
  const extension = sniffed?.ext === 'aif' ? 'aiff' : sniffed?.ext;
  if (!sniffed || !extension || !ACCEPTED[extension]) {
    const claimed = path.extname(originalName).slice(1).toLowerCase();
    const what = sniffed ? `a ${sniffed.ext.toUpperCase()} file` : 'not an audio file';
    throw new DomainError(
      415,
      'unsupported_media_type',
      `${claimed ? `Despite its .${claimed} name, this is ${what}` : `This is ${what}`}. Upload ${ACCEPTED_FORMATS.join(', ')}.`,
    );
  }
  let meta: Awaited<ReturnType<typeof parseFile>>;
  try {
    meta = await parseFile(filePath, { skipCovers: true, duration: false });
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : 'its headers are damaged');
  }
  const { format, common } = meta;
  if (!format.numberOfChannels && !format.sampleRate && !format.duration) {
    throw unreadable('it holds no audio stream');
  }
  if (format.duration !== undefined && format.duration <= 0)
    throw unreadable('it is silent and zero seconds long');
  const tags: Record<string, string> = {};
  const put = (key: string, value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '') tags[key] = value.trim().slice(0, 200);
    if (typeof value === 'number' && Number.isFinite(value)) tags[key] = String(value);
  };
  put('title', common.title);
  put('artist', common.artist);
  put('album', common.album);
  put('year', common.year);
  put('genre', common.genre?.[0]);
  put('trackNumber', common.track?.no ?? undefined);
  return {
    extension,
    format: ACCEPTED[extension] ?? extension.toUpperCase(),
    contentType: sniffed.mime,
    durationMs: format.duration === undefined ? null : Math.round(format.duration * 1000),
    tags,
  };
}
