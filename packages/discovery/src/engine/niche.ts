export interface NicheOptions {
  /** Results per block (a page); 0 turns the quota off. */
  block: number;
  /** Niche results wanted per block, at its end. */
  slots: number;
  maxPerArtist: number;
}

/**
 * The niche quota: each block of results ends with at least `slots` niche items (the best ones
 * the person's signals reached), replacing the weakest of the rest. A micro-elite promises finds
 * a hit parade never shows; placing them last costs the ranking least. Items are indices; the
 * artist cap within the block still holds. `niche` is best first and may overlap `ranked`.
 */
export function reserveNiche(
  ranked: readonly number[],
  niche: readonly number[],
  isNiche: (c: number) => boolean,
  artistOf: (c: number) => string | undefined,
  options: NicheOptions,
): number[] {
  if (options.block <= 0 || options.slots <= 0 || niche.length === 0) return [...ranked];
  const out = [...ranked];
  const used = new Set(out);
  let next = 0;
  for (let start = 0; start < out.length; start += options.block) {
    const end = Math.min(out.length, start + options.block);
    let have = 0;
    for (let p = start; p < end; p++) if (isNiche(out[p] ?? 0)) have++;
    // Replace from the block's end backwards, never a niche item already there.
    for (let p = end - 1; p >= start && have < options.slots; p--) {
      const old = out[p] ?? 0;
      if (isNiche(old)) continue;
      const perArtist = new Map<string, number>();
      for (let q = start; q < end; q++) {
        const a = q === p ? undefined : artistOf(out[q] ?? 0);
        if (a !== undefined) perArtist.set(a, (perArtist.get(a) ?? 0) + 1);
      }
      while (next < niche.length) {
        const c = niche[next++] ?? 0;
        if (used.has(c)) continue;
        const a = artistOf(c);
        if (a !== undefined && (perArtist.get(a) ?? 0) >= options.maxPerArtist) continue;
        out[p] = c;
        used.add(c);
        used.delete(old);
        have++;
        break;
      }
      if (next >= niche.length) break;
    }
  }
  return out;
}
