import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { textArray } from './arrays.ts';
import { openPglite } from './database.ts';

describe('textArray', () => {
  it('round-trips awkward strings as one parameter', async () => {
    const db = await openPglite({ memory: true });
    try {
      const values = ['usr_1', 'a,b', 'quote"d', 'back\\slash', '{brace}', 'NULL', ''];
      const result = (await db.db.execute(sql`select unnest(${textArray(values)}) as v`)) as unknown as {
        rows: { v: string }[];
      };
      expect(result.rows.map((r) => r.v)).toEqual(values);
    } finally {
      await db.close();
    }
  });
});
