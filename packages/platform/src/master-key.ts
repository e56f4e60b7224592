import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './config.ts';

/**
 * Loads the instance master key (32 bytes, base64 in the file), creating it on first start.
 * Later capabilities wrap per-community data keys with it; losing it makes that data unreadable.
 */
export async function loadOrCreateMasterKey(file: string): Promise<Buffer> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true });
    const key = randomBytes(32);
    // 'wx' so two processes starting together never overwrite each other's fresh key.
    try {
      await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      return key;
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
      raw = await readFile(file, 'utf8');
    }
  }
  const key = Buffer.from(raw.trim(), 'base64');
  if (key.length !== 32) {
    throw new ConfigError('COTERIE_SECRET_KEY_FILE', `(${file}) must hold 32 bytes encoded as base64`);
  }
  return key;
}
