import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recommendFiles } from '../../../../scripts/discovery/pipeline.ts';

describe('offline pipeline (npm run recommend)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'recommend-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes k rows per user, ranks 1…k, never a known item', async () => {
    const history: [number, number, number][] = [];
    for (let u = 1; u <= 12; u++)
      for (let i = 0; i < 6; i++) history.push([u, ((u * 7 + i * 3) % 20) + 1, i + 1]);
    const files = {
      interactions: path.join(dir, 'interactions.tsv'),
      trust: path.join(dir, 'trust.tsv'),
      users: path.join(dir, 'users.tsv'),
      out: path.join(dir, 'out.tsv'),
      k: 5,
    };
    await writeFile(files.interactions, history.map((r) => r.join('\t')).join('\n'));
    await writeFile(files.trust, '1\t2\n2\t1\n3\t1\n');
    await writeFile(files.users, '1\n2\n3\n99\n');
    const timing = await recommendFiles(files);
    expect(timing.users).toBe(4);
    const rows = (await readFile(files.out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    for (const user of ['1', '2', '3', '99']) {
      const mine = rows.filter((r) => r[0] === user);
      expect(mine.map((r) => r[2])).toEqual(['1', '2', '3', '4', '5']);
      const known = new Set(history.filter((h) => String(h[0]) === user).map((h) => String(h[1])));
      for (const r of mine) expect(known.has(r[1] ?? '')).toBe(false);
      expect(new Set(mine.map((r) => r[1])).size).toBe(5);
    }
  });
});
