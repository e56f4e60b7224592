import { describe, expect, it } from 'vitest';
import { decideRange, negotiateRendition } from './http-range.ts';
import { isoWeek } from './iso-week.ts';
import { PeakAccumulator, parseLoudness, reducePeaks } from './waveform.ts';

const file = { size: 1000, etag: '"abc"', lastModified: new Date('2026-11-01T10:00:00Z') };

describe('HTTP ranges (RFC 9110 §14)', () => {
  const range = (r: string, extra: Record<string, string> = {}) => decideRange({ range: r, ...extra }, file);

  it('serves one closed, open or suffix range as 206', () => {
    expect(range('bytes=0-0')).toEqual({ status: 206, start: 0, end: 0 });
    expect(range('bytes=100-199')).toEqual({ status: 206, start: 100, end: 199 });
    expect(range('bytes=900-')).toEqual({ status: 206, start: 900, end: 999 });
    expect(range('bytes=-100')).toEqual({ status: 206, start: 900, end: 999 });
  });

  it('clamps a last-byte past the end and a suffix longer than the file', () => {
    expect(range('bytes=990-5000')).toEqual({ status: 206, start: 990, end: 999 });
    expect(range('bytes=-5000')).toEqual({ status: 206, start: 0, end: 999 });
  });

  it('answers 416 when no range can be satisfied', () => {
    expect(range('bytes=1000-')).toEqual({ status: 416 });
    expect(range('bytes=5000-6000')).toEqual({ status: 416 });
  });

  it('ignores malformed ranges, other units and multiple ranges (200, the whole file)', () => {
    for (const r of ['bytes=abc', 'bytes=5-1', 'items=0-1', 'bytes=0-1,5-9', 'bytes=']) {
      expect(range(r).status, r).toBe(200);
    }
    expect(range('bytes=0-10,5-20')).toEqual({ status: 206, start: 0, end: 20 });
  });

  it('honours If-Range only on a strong ETag or the exact date', () => {
    expect(range('bytes=0-9', { ifRange: '"abc"' }).status).toBe(206);
    expect(range('bytes=0-9', { ifRange: '"old"' }).status).toBe(200);
    expect(range('bytes=0-9', { ifRange: 'W/"abc"' }).status).toBe(200);
    expect(range('bytes=0-9', { ifRange: file.lastModified.toUTCString() }).status).toBe(206);
    expect(range('bytes=0-9', { ifRange: 'Sun, 01 Nov 2026 09:00:00 GMT' }).status).toBe(200);
  });

  it('answers 304 to a matching If-None-Match (weakly) or a fresh If-Modified-Since', () => {
    expect(decideRange({ ifNoneMatch: '"abc"' }, file).status).toBe(304);
    expect(decideRange({ ifNoneMatch: '"x", W/"abc"' }, file).status).toBe(304);
    expect(decideRange({ ifNoneMatch: '*' }, file).status).toBe(304);
    expect(decideRange({ ifNoneMatch: '"x"', range: 'bytes=0-1' }, file).status).toBe(206);
    expect(decideRange({ ifModifiedSince: file.lastModified.toUTCString() }, file).status).toBe(304);
    expect(decideRange({ ifModifiedSince: 'Sat, 31 Oct 2026 00:00:00 GMT' }, file).status).toBe(200);
    // If-None-Match wins over If-Modified-Since (§13.1.3).
    expect(
      decideRange({ ifNoneMatch: '"x"', ifModifiedSince: file.lastModified.toUTCString() }, file).status,
    ).toBe(200);
  });
});

describe('rendition negotiation', () => {
  it('prefers Opus for browsers that take anything, MP3 when only MP3 is named', () => {
    expect(negotiateRendition(undefined)).toBe('opus');
    expect(negotiateRendition('*/*')).toBe('opus');
    expect(negotiateRendition('audio/*')).toBe('opus');
    expect(negotiateRendition('audio/mpeg')).toBe('mp3');
    expect(negotiateRendition('audio/ogg;q=0.5, audio/mpeg')).toBe('mp3');
    expect(negotiateRendition('audio/*, audio/ogg;q=0')).toBe('mp3');
    expect(negotiateRendition('text/html')).toBeNull();
  });
});

describe('ISO weeks (UTC)', () => {
  it('starts weeks on Monday and gives year-boundary days to the right year', () => {
    expect(isoWeek(new Date('2026-11-22T23:59:59Z'))).toBe('2026-W47');
    expect(isoWeek(new Date('2026-11-23T00:00:00Z'))).toBe('2026-W48');
    expect(isoWeek(new Date('2021-01-03T12:00:00Z'))).toBe('2020-W53');
    expect(isoWeek(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(isoWeek(new Date('2026-01-01T00:00:00Z'))).toBe('2026-W01');
  });
});

describe('waveform peaks', () => {
  const pcm = (samples: number[]) => {
    const b = Buffer.alloc(samples.length * 2);
    for (const [i, s] of samples.entries()) b.writeInt16LE(s, i * 2);
    return b;
  };

  it('keeps the loudest sample of each bucket, scaled to 0..255, across odd chunk boundaries', () => {
    const acc = new PeakAccumulator(2);
    const whole = pcm([0, 100, -32768, 5, 16384, 0, 0, 0]);
    acc.push(whole.subarray(0, 3));
    acc.push(whole.subarray(3));
    expect(acc.finish(4)).toEqual([1, 255, 128, 0]);
    expect(acc.finish(2)).toEqual([255, 128]);
    expect(acc.finish(8)).toEqual([1, 1, 255, 255, 128, 128, 0, 0]);
  });

  it('returns as many points as asked for long audio, and nothing for silence-free empty input', () => {
    expect(reducePeaks(new Array(5000).fill(32767), 1000)).toHaveLength(1000);
    expect(new PeakAccumulator().finish()).toEqual([]);
  });

  it('reads integrated loudness and true peak from the ebur128 summary', () => {
    const log =
      '[Parsed_ebur128_0 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -21.8 LUFS\n    Threshold: -31.8 LUFS\n\n  True peak:\n    Peak:      -1.5 dBFS\n';
    expect(parseLoudness(log)).toEqual({ lufs: -21.8, truePeakDb: -1.5 });
    expect(parseLoudness('nothing')).toEqual({ lufs: null, truePeakDb: null });
  });
});
