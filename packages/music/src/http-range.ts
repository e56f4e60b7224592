export interface Representation {
  readonly size: number;
  readonly etag: string;
  readonly lastModified: Date;
}

export type RangeDecision =
  | { readonly status: 304 }
  | { readonly status: 200 }
  | { readonly status: 206; readonly start: number; readonly end: number }
  | { readonly status: 416 };

const httpDate = (d: Date): number => Math.floor(d.getTime() / 1000);

/** Weak comparison (RFC 9110 §8.8.3.2) for If-None-Match: W/"x" matches "x". */
function noneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/**
 * What to answer to a GET of an immutable file, per RFC 9110: conditional requests (§13), then
 * Range (§14). One range is served as 206; several ranges are answered with the whole file (a
 * server may ignore Range, §14.2), which is what players never ask for anyway.
 */
export function decideRange(
  headers: { range?: string; ifRange?: string; ifNoneMatch?: string; ifModifiedSince?: string },
  file: Representation,
): RangeDecision {
  if (headers.ifNoneMatch !== undefined) {
    if (noneMatch(headers.ifNoneMatch, file.etag)) return { status: 304 };
  } else if (headers.ifModifiedSince !== undefined) {
    const since = Date.parse(headers.ifModifiedSince);
    if (!Number.isNaN(since) && httpDate(file.lastModified) <= Math.floor(since / 1000))
      return { status: 304 };
  }
  if (headers.range === undefined) return { status: 200 };
  if (headers.ifRange !== undefined) {
    // If-Range needs a strong match on the ETag, or an exact date (§13.1.5); otherwise send it all.
    const value = headers.ifRange.trim();
    const fresh = value.startsWith('"')
      ? value === file.etag
      : !Number.isNaN(Date.parse(value)) &&
        Math.floor(Date.parse(value) / 1000) === httpDate(file.lastModified);
    if (!fresh) return { status: 200 };
  }
  const ranges = parseByteRanges(headers.range, file.size);
  if (ranges === null) return { status: 200 }; // not a byte range we understand: ignore it (§14.2)
  if (ranges.length === 0) return { status: 416 };
  const start = Math.min(...ranges.map((r) => r.start));
  const end = Math.max(...ranges.map((r) => r.end));
  // Several ranges that touch or overlap are one range; disjoint ones get the whole file.
  const covered = ranges.reduce((n, r) => n + r.end - r.start + 1, 0);
  if (ranges.length > 1 && covered < end - start + 1 && !contiguous(ranges)) return { status: 200 };
  return { status: 206, start, end };
}

function contiguous(ranges: readonly { start: number; end: number }[]): boolean {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let reach = sorted[0]?.end ?? 0;
  for (const r of sorted.slice(1)) {
    if (r.start > reach + 1) return false;
    reach = Math.max(reach, r.end);
  }
  return true;
}

/**
 * The satisfiable ranges of a `bytes=` header (§14.1.2): `first-last`, `first-` and `-suffix`,
 * a last position past the end clamped, a suffix longer than the file meaning all of it. An empty
 * array means none is satisfiable (416); null means the header is not valid and is ignored.
 */
export function parseByteRanges(header: string, size: number): { start: number; end: number }[] | null {
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match?.[1]) return null;
  const specs = match[1].split(',').map((s) => s.trim());
  if (specs.length > 16 || specs.some((s) => s === '')) return null;
  const satisfiable: { start: number; end: number }[] = [];
  for (const spec of specs) {
    const parts = /^(\d*)-(\d*)$/.exec(spec);
    if (!parts) return null;
    const [, first = '', last = ''] = parts;
    if (first === '' && last === '') return null;
    if (first === '') {
      const suffix = Number(last);
      if (suffix > 0 && size > 0) satisfiable.push({ start: Math.max(0, size - suffix), end: size - 1 });
      continue;
    }
    const start = Number(first);
    const end = last === '' ? size - 1 : Number(last);
    if (last !== '' && end < start) return null;
    if (start < size) satisfiable.push({ start, end: Math.min(end, size - 1) });
  }
  return satisfiable;
}

export type Rendition = 'opus' | 'mp3';

/**
 * The rendition for this Accept header: Opus (smaller at equal quality) when the client takes
 * audio/ogg, audio/* or anything; MP3 when it only names audio/mpeg; null when it takes neither.
 */
export function negotiateRendition(accept: string | undefined): Rendition | null {
  if (accept === undefined || accept.trim() === '') return 'opus';
  const ranges = accept.split(',').map((part) => {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: type.trim(), q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
  });
  const quality = (mime: string): number => {
    const [major] = mime.split('/');
    let best = -1;
    let specificity = -1;
    for (const r of ranges) {
      const s = r.type === mime ? 2 : r.type === `${major}/*` ? 1 : r.type === '*/*' ? 0 : -1;
      if (s > specificity) {
        specificity = s;
        best = r.q;
      }
    }
    return best;
  };
  const opus = quality('audio/ogg');
  const mp3 = quality('audio/mpeg');
  if (opus <= 0 && mp3 <= 0) return null;
  return opus >= mp3 ? 'opus' : 'mp3';
}
