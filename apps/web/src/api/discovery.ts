import { api } from './client.ts';
import type { Track } from './music.ts';

/** A public curator profile: a handle chosen for curation, never a community persona. */
export interface Curator {
  id: string;
  handle: string;
  bio: string;
  pickCount: number;
  /** Whether I trust this curator (always false for visitors). */
  trusted: boolean;
  isYou: boolean;
}

export interface TrustedCurator extends Curator {
  /** When I started trusting them. */
  since: string;
}

export interface TrustList {
  /** The most curators one person may trust on this server. */
  limit: number;
  curators: TrustedCurator[];
}

export interface Pick {
  id: string;
  /** Why, in at most 280 characters; empty when the curator wrote none. */
  note: string;
  createdAt: string;
  track: Track;
}

export interface PickPage {
  picks: Pick[];
  nextCursor: string | null;
}

export type CuratorProfile = Curator & PickPage;

export interface CuratorRef {
  id: string;
  handle: string;
}

export type ReasonKind = 'picked' | 'picked-nearby' | 'circle' | 'similar' | 'fresh';

/** Why a track is on my Discover page, in words, with the curators it names. */
export interface Reason {
  kind: ReasonKind;
  text: string;
  curators?: CuratorRef[];
  notes?: { curator: CuratorRef; note: string }[];
}

export interface DiscoverItem {
  track: Track;
  score: number;
  reasons: Reason[];
}

export interface DiscoverPage {
  items: DiscoverItem[];
  nextCursor: string | null;
  /** How many curators I trust: none means the page should help me find some. */
  trusting: number;
}

export interface CuratorSuggestion {
  curator: Curator;
  sharedTracks: number;
  /** Taste overlap, 0 to 1. */
  overlap: number;
  reason: string;
  /** A few tracks we have in common that they picked. */
  sample: { id: string; title: string }[];
}

export interface CuratorInput {
  handle: string;
  bio?: string;
}

/** Limits the server applies. */
export const NOTE_MAX = 280;
export const CURATOR_BIO_MAX = 500;

const withCursor = (path: string, cursor: string | null) =>
  cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : path;

export const discoveryApi = {
  myCurator: () => api<Curator>('GET', '/api/me/curator'),
  saveMyCurator: (input: CuratorInput) => api<Curator>('PUT', '/api/me/curator', input),
  deleteMyCurator: () => api<void>('DELETE', '/api/me/curator'),

  curator: (handle: string, cursor: string | null = null) =>
    api<CuratorProfile>('GET', withCursor(`/api/curators/${encodeURIComponent(handle)}`, cursor)),

  trustList: () => api<TrustList>('GET', '/api/me/trust'),
  trust: (curatorId: string) => api<Curator>('PUT', `/api/me/trust/${encodeURIComponent(curatorId)}`),
  untrust: (curatorId: string) => api<void>('DELETE', `/api/me/trust/${encodeURIComponent(curatorId)}`),

  /** Picks a track, or (picked already) replaces the note. */
  pick: (trackId: string, note: string) => api<Pick>('POST', '/api/picks', { trackId, note }),
  myPicks: (cursor: string | null = null) => api<PickPage>('GET', withCursor('/api/me/picks', cursor)),
  unpick: (pickId: string) => api<void>('DELETE', `/api/picks/${encodeURIComponent(pickId)}`),

  discover: (cursor: string | null = null, limit = 20) =>
    api<DiscoverPage>(
      'GET',
      `/api/discover?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  suggestions: (limit = 6) =>
    api<{ curators: CuratorSuggestion[] }>('GET', `/api/discover/curators?limit=${limit}`),
};

export const curatorPath = (handle: string) => `/curators/${encodeURIComponent(handle)}`;
