import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Written next to index.html by every build, read by scripts/ensure-web-build.ts. */
export const SOURCE_HASH_FILE = '.source-hash';

export const webDir = import.meta.dirname;
const repoRoot = path.resolve(webDir, '../..');
const SKIP = new Set(['dist', 'node_modules', '.vite']);

async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

/**
 * A digest of every file the web build reads: all of apps/web except its output, plus the
 * lockfile, since a dependency upgrade changes the output too. Contents, not modification
 * times: a fresh clone or a checkout touches every file without changing any.
 */
export async function webSourceHash(): Promise<string> {
  const files = (await listFiles(webDir)).sort();
  const lockfile = path.join(repoRoot, 'package-lock.json');
  if (existsSync(lockfile)) files.push(lockfile);
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(repoRoot, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
