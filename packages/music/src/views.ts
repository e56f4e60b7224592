import type { Price } from '@coterie/platform';
import { type Entitlement, mayDownload, priceOf, purchased } from './paid-music.ts';
import type { ReleaseRow, TrackWithArtwork } from './store.ts';

export interface DownloadLink {
  url: string;
  bytes: number;
  format?: string;
}

export interface TrackView {
  id: string;
  communitySlug: string;
  communityName: string;
  title: string;
  artist: string;
  releaseId: string | null;
  position: number | null;
  visibility: 'public' | 'members' | 'tier';
  /** With visibility `tier`: this tier or a higher-priced one hears it. */
  tierId: string | null;
  downloadable: boolean;
  /** Null: not for sale. A price makes downloads paid: buying the track (or its release) opens them. */
  price: Price | null;
  purchased: boolean;
  status: 'processing' | 'ready' | 'failed';
  progress: number;
  failureReason?: string;
  durationMs: number | null;
  peaks: number[];
  loudnessLufs: number | null;
  artworkUrl: string | null;
  streamUrl: string;
  downloads: { original?: DownloadLink; mp3?: DownloadLink } | null;
  canEdit: boolean;
  createdAt: string;
}

export interface ReleaseView {
  id: string;
  communitySlug: string;
  title: string;
  kind: 'album' | 'ep' | 'single';
  releaseDate: string | null;
  description: string;
  credits: string;
  artworkUrl: string | null;
  tracks: TrackView[];
  durationMs: number;
  price: Price | null;
  purchased: boolean;
  canEdit: boolean;
}

export interface CommunityRef {
  slug: string;
  name: string;
}

const mediaUrl = (id: string | null): string | null => (id ? `/api/media/${id}` : null);

/**
 * Views made from a kept row (the store's read cache hands out the same row until it changes) are
 * kept beside it, one per way of seeing it, and frozen: a page read again is the same object, which
 * its route serializes once. A changed row is a new row, so its views are made again.
 */
const trackViews = new WeakMap<TrackWithArtwork, Map<string, TrackView>>();
const releaseViews = new WeakMap<
  ReleaseRow,
  { key: string; tracks: readonly TrackView[]; view: ReleaseView }
>();

export function trackView(
  row: TrackWithArtwork,
  community: CommunityRef,
  canEdit: boolean,
  entitlement: Entitlement,
): TrackView {
  const bought = purchased(row, entitlement);
  const key = `${community.slug}\n${community.name}\n${canEdit}\n${bought}\n${mayDownload(row, entitlement, canEdit)}`;
  let kept = trackViews.get(row);
  const hit = kept?.get(key);
  if (hit) return hit;
  const view = Object.freeze(makeTrackView(row, community, canEdit, entitlement));
  if (!kept) {
    kept = new Map();
    trackViews.set(row, kept);
  }
  kept.set(key, view);
  return view;
}

function makeTrackView(
  row: TrackWithArtwork,
  community: CommunityRef,
  canEdit: boolean,
  entitlement: Entitlement,
): TrackView {
  const ready = row.status === 'ready' && row.renditions !== null;
  const base = `/api/tracks/${row.id}`;
  const view: TrackView = {
    id: row.id,
    communitySlug: community.slug,
    communityName: community.name,
    title: row.title,
    artist: row.artist,
    releaseId: row.releaseId,
    position: row.position,
    visibility: row.visibility as TrackView['visibility'],
    tierId: row.tierId,
    downloadable: row.downloadable,
    price: priceOf(row),
    purchased: purchased(row, entitlement),
    status: row.status as TrackView['status'],
    progress: row.progress,
    durationMs: row.durationMs,
    // Stored as 0..255 integers; clients draw 0..1.
    peaks: (row.peaks ?? []).map((p) => Math.round((p / 255) * 1000) / 1000),
    loudnessLufs: row.loudnessLufs,
    artworkUrl: mediaUrl(row.artworkId),
    streamUrl: `${base}/stream`,
    downloads:
      ready && row.renditions && mayDownload(row, entitlement, canEdit)
        ? {
            original: {
              url: `${base}/download?format=original`,
              bytes: row.original.bytes,
              format: row.original.format,
            },
            mp3: { url: `${base}/download?format=mp3`, bytes: row.renditions.mp3.bytes },
          }
        : null,
    canEdit,
    createdAt: row.createdAt.toISOString(),
  };
  if (row.status === 'failed' && row.failureReason) view.failureReason = row.failureReason;
  return view;
}

export function releaseView(
  row: ReleaseRow,
  community: CommunityRef,
  tracks: TrackView[],
  canEdit: boolean,
  entitlement: Entitlement,
): ReleaseView {
  const key = `${community.slug}\n${canEdit}\n${entitlement.owned.has(`release:${row.id}`)}`;
  const kept = releaseViews.get(row);
  if (kept && kept.key === key && sameViews(kept.tracks, tracks)) return kept.view;
  const view = Object.freeze(makeReleaseView(row, community, tracks, canEdit, entitlement));
  releaseViews.set(row, { key, tracks, view });
  return view;
}

const sameViews = (a: readonly TrackView[], b: readonly TrackView[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

function makeReleaseView(
  row: ReleaseRow,
  community: CommunityRef,
  tracks: TrackView[],
  canEdit: boolean,
  entitlement: Entitlement,
): ReleaseView {
  return {
    id: row.id,
    communitySlug: community.slug,
    title: row.title,
    kind: row.kind as ReleaseView['kind'],
    releaseDate: row.releaseDate,
    description: row.description,
    credits: row.credits,
    artworkUrl: mediaUrl(row.artworkId),
    tracks,
    durationMs: tracks.reduce((sum, t) => sum + (t.durationMs ?? 0), 0),
    price: priceOf(row),
    purchased: entitlement.owned.has(`release:${row.id}`),
    canEdit,
  };
}
