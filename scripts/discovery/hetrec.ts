// HetRec 2011 Last.fm 2K: listen counts per (user, artist) and the friendship graph.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Triple } from './split.ts';

export interface HetRec {
  interactions: Triple[];
  /** Friendships as (from, to) pairs; the file lists both directions. */
  friends: [string, string][];
}

const INTEGER = /^\d+$/;

export async function loadHetRec(dir: string): Promise<HetRec> {
  const table = async (name: string): Promise<string[][]> =>
    (await readFile(path.join(dir, name), 'utf8'))
      .split(/\r?\n/)
      .map((line) => line.trim().split('\t'))
      .filter((cells) => INTEGER.test(cells[0] ?? '') && INTEGER.test(cells[1] ?? ''));
  const interactions = (await table('user_artists.dat')).map(([user, item, weight]) => ({
    user: user ?? '',
    item: item ?? '',
    weight: Number(weight ?? 1),
  }));
  const friends = (await table('user_friends.dat')).map(([a, b]): [string, string] => [a ?? '', b ?? '']);
  return { interactions, friends };
}
