import type { Community } from '../api/communities.ts';
import type { Track } from '../api/music.ts';

/** Artists and micro-experts publish audio; other kinds of community have no Music tab. */
export const hasMusic = (community: Pick<Community, 'kind'>): boolean =>
  community.kind === 'artist' || community.kind === 'expert';

/** Owners and moderators of a community with music upload and edit it. */
export const canManageMusic = (community: Pick<Community, 'kind' | 'myMembership'>): boolean =>
  hasMusic(community) &&
  (community.myMembership?.role === 'owner' || community.myMembership?.role === 'moderator');

/** 187 s → "3:07"; an hour or more → "1:02:03". */
export function formatClock(seconds: number): string {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export const formatDuration = (ms: number | null): string => (ms === null ? '–:––' : formatClock(ms / 1000));

/** "3 minutes 7 seconds", for screen readers. */
export function spokenDuration(seconds: number): string {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const parts = [h > 0 ? part(h, 'hour') : '', m > 0 ? part(m, 'minute') : '', part(s, 'second')];
  return parts.filter(Boolean).join(' ');
}

/** "47 min", "1 h 12 min": the length of a release. */
export function formatLength(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const units = ['bytes', 'KB', 'MB', 'GB'];

/** 43_512_000 → "41.5 MB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** The loudness every track is played at: streaming services settle around -14 LUFS. */
export const TARGET_LUFS = -14;

/**
 * How much to turn a track down so it sits at the target loudness. Quieter tracks are never turned
 * up (that would clip), so the factor is at most 1.
 */
export function loudnessFactor(lufs: number | null): number {
  if (lufs === null || !Number.isFinite(lufs)) return 1;
  return Math.min(1, 10 ** ((TARGET_LUFS - lufs) / 20));
}

/** "02_Tide-Clock (final mix).wav" → "Tide Clock (final mix)". */
export function titleFromFileName(name: string): string {
  const stem = name.replace(/\.[^.\s]{1,5}$/, '');
  const spaced = stem
    .replace(/[_]+/g, ' ')
    .replace(/(\S)-(\S)/g, '$1 $2')
    .replace(/^\s*\d{1,3}\s*[-.)]?\s+(?=\S)/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return (spaced || stem).slice(0, 200);
}

/**
 * The bars a waveform draws: the loudest value in each of `count` equal slices of the peaks,
 * scaled so the loudest bar fills the height (a quiet master keeps its shape instead of a flat
 * line; near-silence stays near the middle).
 */
export function downsamplePeaks(peaks: number[], count: number): number[] {
  if (peaks.length === 0 || count <= 0) return [];
  const clamp = (p: number) => Math.min(1, Math.max(0, p));
  let bars: number[];
  if (peaks.length <= count) bars = peaks.map(clamp);
  else {
    bars = [];
    const size = peaks.length / count;
    for (let i = 0; i < count; i++) {
      let max = 0;
      const end = Math.min(peaks.length, Math.round((i + 1) * size));
      for (let j = Math.round(i * size); j < end; j++) max = Math.max(max, peaks[j] ?? 0);
      bars.push(clamp(max));
    }
  }
  const loudest = Math.max(0.02, ...bars);
  return bars.map((bar) => bar / loudest);
}

/** Tracks that can be played now: ready, in the order given. */
export const playable = (tracks: Track[]): Track[] => tracks.filter((t) => t.status === 'ready');

/** A small number from a text, the same every time: varies generated artwork between releases. */
export function seedOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}
