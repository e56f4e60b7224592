export interface DiversityOptions {
  /** At most this many items of one artist … */
  maxPerArtist: number;
  /** … inside any run of this many consecutive results; 0 turns the cap off. */
  window: number;
}

/**
 * Greedy re-ranking under the artist cap: each position takes the best candidate that keeps
 * every window within the cap. Candidates held back stay first in line and come back as soon as
 * the window slides past their artist, so the order is disturbed as little as the cap allows.
 * Items without an artist are never capped. Returns positions into `sorted` and whether the
 * whole list was consumed (if so and fewer than `wanted` came out, more candidates would help).
 * When `sorted` is every candidate there is (`complete`), what the cap held back comes last rather
 * than never: a small instance with two artists still shows everything the circle picked.
 */
export function diversify(
  sorted: readonly string[],
  artistOf: (item: string) => string | undefined,
  wanted: number,
  options: DiversityOptions,
  complete = false,
): { picked: number[]; exhausted: boolean } {
  const picked: number[] = [];
  if (options.window <= 0 || options.maxPerArtist <= 0) {
    for (let i = 0; i < Math.min(wanted, sorted.length); i++) picked.push(i);
    return { picked, exhausted: picked.length === sorted.length };
  }
  const artists: (string | undefined)[] = [];
  // Artists among the last (window − 1) results: those a new result shares its window with.
  const recent = new Map<string, number>();
  const deferred: number[] = [];
  const artistCache = new Map<number, string | undefined>();
  const artistAt = (i: number): string | undefined => {
    if (!artistCache.has(i)) artistCache.set(i, artistOf(sorted[i] ?? ''));
    return artistCache.get(i);
  };
  const admissible = (artist: string | undefined): boolean =>
    artist === undefined || (recent.get(artist) ?? 0) < options.maxPerArtist;
  let next = 0;
  while (picked.length < wanted) {
    let chosen = -1;
    for (let d = 0; d < deferred.length; d++) {
      if (admissible(artistAt(deferred[d] ?? 0))) {
        chosen = deferred[d] ?? 0;
        deferred.splice(d, 1);
        break;
      }
    }
    while (chosen < 0 && next < sorted.length) {
      const c = next++;
      if (admissible(artistAt(c))) chosen = c;
      else deferred.push(c);
    }
    if (chosen < 0) break;
    const artist = artistAt(chosen);
    picked.push(chosen);
    artists.push(artist);
    if (artist !== undefined) recent.set(artist, (recent.get(artist) ?? 0) + 1);
    const leaving = picked.length - options.window;
    if (leaving >= 0) {
      const old = artists[leaving];
      if (old !== undefined) recent.set(old, (recent.get(old) ?? 0) - 1);
    }
  }
  if (complete) for (const d of deferred) if (picked.length < wanted) picked.push(d);
  return { picked, exhausted: next >= sorted.length };
}
