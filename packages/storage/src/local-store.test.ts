import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobStoreContract, chunked } from './contract.ts';
import { LocalBlobStore } from './local-store.ts';

blobStoreContract('local directory', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'coterie-local-store-'));
  return {
    store: new LocalBlobStore({ dir: path.join(dir, 'files') }),
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  };
});

describe('LocalBlobStore on disk', () => {
  let base: string;
  let root: string;

  beforeEach(async () => {
    base = await fs.mkdtemp(path.join(os.tmpdir(), 'coterie-local-disk-'));
    root = path.join(base, 'files');
  });

  afterEach(async () => {
    await fs.rm(base, { recursive: true, force: true });
  });

  /** Every file under `dir`, as paths relative to it. */
  async function filesUnder(dir: string): Promise<string[]> {
    const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();
  }

  it('keeps objects at their key under the root and nothing can escape it', async () => {
    const store = new LocalBlobStore({ dir: root });
    await store.putStream('originals/ab/ab12', chunked(Buffer.from('inside')), 'audio/flac');
    expect(await fs.readFile(path.join(root, 'originals/ab/ab12'), 'utf8')).toBe('inside');
    for (const key of ['../outside', 'a/../../outside', '..', '.tmp/x', '.tmp']) {
      await expect(store.putStream(key, chunked(Buffer.from('x')), 'text/plain')).rejects.toThrow(
        /Invalid storage key/,
      );
      await expect(store.read(key)).rejects.toThrow(/Invalid storage key/);
      await expect(store.delete(key)).rejects.toThrow(/Invalid storage key/);
    }
    expect(await filesUnder(base)).toEqual([path.join('files', 'originals', 'ab', 'ab12')]);
  });

  it('leaves no partial file anywhere when a write fails', async () => {
    const store = new LocalBlobStore({ dir: root });
    await expect(
      store.putStream('a/b', chunked(randomBytes(1024 * 1024), 64 * 1024, 512 * 1024), 'x/y'),
    ).rejects.toThrow('source failed');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('never moves the file it is given', async () => {
    const store = new LocalBlobStore({ dir: root });
    const source = path.join(base, 'upload.bin');
    await fs.writeFile(source, 'payload');
    await store.putFile('x/y', source, 'x/y');
    await fs.writeFile(source, 'changed afterwards');
    expect(await fs.readFile(path.join(root, 'x/y'), 'utf8')).toBe('payload');
  });

  it('leaves only a temporary file when the process dies mid-write, and sweeps it once stale', async () => {
    // A child process streams an endless body and is killed with SIGKILL halfway through.
    const moduleUrl = pathToFileURL(path.join(import.meta.dirname, 'local-store.ts')).href;
    const script = `
      import { Readable } from 'node:stream';
      import { LocalBlobStore } from ${JSON.stringify(moduleUrl)};
      let sent = 0;
      const body = new Readable({ read() {
        sent += 65536;
        this.push(Buffer.alloc(65536, 1));
        if (sent === 1048576) process.stdout.write('halfway\\n');
      } });
      await new LocalBlobStore({ dir: process.argv[1] }).putStream('crash/victim', body, 'x/y');
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, root], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('halfway')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const store = new LocalBlobStore({ dir: root });
    expect(await store.stat('crash/victim')).toBeNull();
    const leftovers = await filesUnder(root);
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]?.startsWith(`.tmp${path.sep}`)).toBe(true);

    // A fresh leftover may be a live write of another process: it stays.
    await store.putStream('other', chunked(Buffer.from('x')), 'x/y');
    expect(await filesUnder(root)).toEqual([...leftovers, 'other'].sort());

    const stale = path.join(root, leftovers[0]!);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await fs.utimes(stale, twoHoursAgo, twoHoursAgo);
    await new LocalBlobStore({ dir: root }).putStream('another', chunked(Buffer.from('y')), 'x/y');
    expect(await filesUnder(root)).toEqual(['another', 'other']);
  });
});
