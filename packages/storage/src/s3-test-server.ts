import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';

export const TEST_BUCKET = 'coterie-test';
/** s3rver's built-in account. */
export const TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface TestS3Server {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * s3rver (in process, on a random port of 127.0.0.1, data in a temporary directory) with one
 * empty bucket. It speaks S3's HTTP protocol to the real SDK, but its filesystem store departs
 * from S3 in two ways that the contract would catch, so both are corrected here:
 * - it writes a PUT's body straight to the object's file and answers before the file is
 *   complete, so readers can see a partial object and racing writes interleave; S3 shows an
 *   object only once whole, so writes go to a temporary file renamed into place, one per key
 *   at a time with the object's metadata;
 * - it reads `Range: bytes=0-0` as `bytes=0-` (`options.end || Infinity`).
 */
export async function startTestS3Server(): Promise<TestS3Server> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'coterie-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: dir,
    silent: true,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  patchStore(server.store);
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

function patchStore(store: S3rver['store']): void {
  const getObject = store.getObject.bind(store);
  store.getObject = async (bucket, key, options) => {
    const object = await getObject(bucket, key, options);
    if (object?.content instanceof Readable && options?.start === 0 && options.end === 0) {
      object.content.destroy();
      object.content = createReadStream(store.getResourcePath(bucket, key, 'object'), { start: 0, end: 0 });
      object.range = { start: 0, end: 0 };
    }
    return object;
  };

  const writing = new Map<string, Promise<unknown>>();
  store.putObject = async (object) => {
    const target = store.getResourcePath(object.bucket, object.key, 'object');
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.partial`;
    const md5 = createHash('md5');
    let size = 0;
    const body = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
    try {
      await pipeline(
        body ?? Readable.from([]),
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            md5.update(chunk);
            size += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(temp),
      );
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    const digest = md5.digest('hex');
    const previous = writing.get(target) ?? Promise.resolve();
    const done = previous.then(async () => {
      await fs.rename(temp, target);
      await store.putMetadata(object.bucket, object.key, object.metadata, digest);
    });
    writing.set(
      target,
      done.catch(() => {}),
    );
    await done;
    return { size, md5: digest };
  };
}
