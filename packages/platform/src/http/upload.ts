import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors.ts';

export interface ReceivedFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly filename: string;
  discard(): Promise<void>;
}

export interface ReceivedUpload {
  readonly fields: Readonly<Record<string, string>>;
  readonly file: ReceivedFile;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
export const tooLarge = (maxBytes: number, noun = 'Files'): DomainError =>
  new DomainError(413, 'payload_too_large', `${noun} can be at most ${megabytes(maxBytes)}.`);

export interface UploadOptions {
  maxBytes: number;
  tmpDir: string;
  /** How the refusals name what is uploaded: "Tracks can be at most 500 MB". */
  noun?: string;
  /** "the audio", "the file": what the client must attach. */
  attachment?: string;
  /** The error code for an empty file. */
  emptyCode?: string;
}

/**
 * Streams a multipart upload's `file` to a temporary file, hashing it on the way, so memory stays
 * flat whatever its size. Text fields may come before or after the file. Over `maxBytes` → 413
 * (and the partial file is removed); an announced Content-Length over the limit is refused
 * before a byte is read.
 */
export async function receiveUpload(
  request: FastifyRequest,
  options: UploadOptions,
): Promise<ReceivedUpload> {
  const noun = options.noun ?? 'Files';
  const attachment = options.attachment ?? 'the file';
  if (!request.isMultipart()) {
    throw new DomainError(
      415,
      'unsupported_media_type',
      `Send multipart/form-data with ${attachment} in a field named "file".`,
    );
  }
  const announced = Number(request.headers['content-length']);
  // Multipart framing and the text fields add a little to the file itself.
  if (Number.isFinite(announced) && announced > options.maxBytes + 64 * 1024)
    throw tooLarge(options.maxBytes, noun);

  await mkdir(options.tmpDir, { recursive: true });
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  const cleanup = async () => file?.discard();
  try {
    const parts = request.parts({
      limits: { fileSize: options.maxBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        throw new DomainError(
          400,
          'validation_failed',
          `Attach ${attachment} (one file) in a field named "file".`,
        );
      }
      const target = path.join(options.tmpDir, `upload-${randomBytes(8).toString('hex')}`);
      const hash = createHash('sha256');
      let bytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      const discard = () => rm(target, { force: true });
      file = { path: target, bytes: 0, sha256: '', filename: part.filename ?? '', discard };
      try {
        await pipeline(part.file, counter, createWriteStream(target));
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw tooLarge(options.maxBytes, noun);
        throw error;
      }
      if (part.file.truncated) throw tooLarge(options.maxBytes, noun);
      file = { ...file, bytes, sha256: hash.digest('hex') };
    }
  } catch (error) {
    await cleanup();
    if (error instanceof DomainError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(options.maxBytes, noun);
    if (code?.startsWith('FST_')) {
      throw new DomainError(400, 'validation_failed', 'The upload could not be read as multipart/form-data.');
    }
    throw error;
  }
  if (!file) throw new DomainError(400, 'validation_failed', `Attach ${attachment} in a field named "file".`);
  if (file.bytes === 0) {
    await cleanup();
    throw new DomainError(422, options.emptyCode ?? 'empty_file', 'The uploaded file is empty.');
  }
  return { fields, file };
}
