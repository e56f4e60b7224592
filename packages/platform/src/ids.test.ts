import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('is prefixed, url-safe and unique', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('usr')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^usr_[0-9a-z]{26}$/);
  });
  it('sorts by creation time', () => {
    const earlier = newId('x', Date.UTC(2026, 0, 1));
    const later = newId('x', Date.UTC(2026, 0, 2));
    expect(earlier < later).toBe(true);
  });
});
