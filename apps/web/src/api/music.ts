import { ApiError, api, noticeSessionLoss, toApiError } from './client.ts';
import type { Price } from './purchases.ts';

/** 'tier': for subscribers of `tierId` or any higher-priced tier; others do not see it at all. */
export type TrackVisibility = 'public' | 'members' | 'tier';
export type TrackStatus = 'processing' | 'ready' | 'failed';
export type ReleaseKind = 'album' | 'ep' | 'single';

export interface TrackDownloads {
  original?: { url: string; format: string; bytes: number };
  mp3?: { url: string; bytes: number };
}

export interface Track {
  id: string;
  communitySlug: string;
  communityName: string;
  title: string;
  artist: string;
  releaseId: string | null;
  /** Its place in the release, from 1; null outside a release. */
  position: number | null;
  visibility: TrackVisibility;
  tierId: string | null;
  downloadable: boolean;
  /** Null when it is not for sale; a priced track is downloaded only once bought. */
  price: Price | null;
  /** The viewer bought this track, or the release it is on. */
  purchased: boolean;
  status: TrackStatus;
  /** Processing progress, 0 to 100. */
  progress: number;
  failureReason?: string;
  durationMs: number | null;
  /** 1000 values from 0 to 1 once ready; empty before. */
  peaks: number[];
  /** Integrated loudness, measured while processing; the player evens it out. */
  loudnessLufs: number | null;
  artworkUrl: string | null;
  streamUrl: string;
  /** Null unless this viewer may download: free and downloadable, bought, or the community's team. */
  downloads: TrackDownloads | null;
  canEdit: boolean;
  createdAt: string;
}

export interface Release {
  id: string;
  communitySlug: string;
  title: string;
  kind: ReleaseKind;
  /** YYYY-MM-DD. */
  releaseDate: string | null;
  description: string;
  credits: string;
  artworkUrl: string | null;
  /** In their order on the release. */
  tracks: Track[];
  durationMs: number;
  /** Buying a release unlocks the downloads of all its tracks. */
  price: Price | null;
  purchased: boolean;
  canEdit: boolean;
}

export interface MusicLimits {
  maxTrackBytes: number;
  /** Words for people: ["WAV", "FLAC", "MP3", …]. */
  acceptedFormats: string[];
}

export interface TrackPage {
  tracks: Track[];
  nextCursor: string | null;
}

export interface NewTrack {
  file: File;
  title?: string;
  visibility: TrackVisibility;
  downloadable: boolean;
  releaseId?: string | null;
}

export interface TrackUpdate {
  title?: string;
  /** Who it is by; the community's name unless the artist says otherwise (a featured guest). */
  artist?: string;
  visibility?: TrackVisibility;
  /** With visibility 'tier': the lowest tier that hears it. */
  tierId?: string | null;
  downloadable?: boolean;
  releaseId?: string | null;
  price?: Price | null;
}

export interface ReleaseInput {
  title: string;
  kind: ReleaseKind;
  releaseDate?: string | null;
  description?: string;
  credits?: string;
}

export interface ReleaseUpdate extends Partial<ReleaseInput> {
  /** The full new order of the release's tracks. */
  trackIds?: string[];
  price?: Price | null;
}

/** Limits the server applies. */
export const TRACK_TITLE_MAX = 200;
export const RELEASE_TITLE_MAX = 200;
export const RELEASE_TEXT_MAX = 5_000;
export const ARTWORK_MAX_BYTES = 10 * 1024 * 1024;
export const ARTWORK_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];
/** What the file picker offers: any audio, plus extensions some systems give no audio type. */
export const AUDIO_ACCEPT = 'audio/*,.wav,.flac,.mp3,.ogg,.oga,.opus,.m4a,.aac,.aif,.aiff';

export const RELEASE_KIND_LABELS: Record<ReleaseKind, string> = {
  album: 'Album',
  ep: 'EP',
  single: 'Single',
};

const community = (slug: string) => `/api/communities/${encodeURIComponent(slug)}`;
const track = (id: string) => `/api/tracks/${encodeURIComponent(id)}`;
const release = (id: string) => `/api/releases/${encodeURIComponent(id)}`;

export const musicApi = {
  limits: () => api<MusicLimits>('GET', '/api/music/limits'),

  tracks: (slug: string, cursor: string | null = null) =>
    api<TrackPage>(
      'GET',
      `${community(slug)}/tracks${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  track: (id: string) => api<Track>('GET', track(id)),
  editTrack: (id: string, update: TrackUpdate) => api<Track>('PATCH', track(id), update),
  removeTrack: (id: string) => api<void>('DELETE', track(id)),
  retryTrack: (id: string) => api<Track>('POST', `${track(id)}/retry`),
  /** One listen: sent once per play session, after 30 s of real playback (or the whole of a shorter track). */
  reportPlay: (id: string, playedMs: number) =>
    api<void>('POST', `${track(id)}/plays`, { playedMs: Math.round(playedMs) }),

  releases: (slug: string) => api<{ releases: Release[] }>('GET', `${community(slug)}/releases`),
  release: (id: string) => api<Release>('GET', release(id)),
  createRelease: (slug: string, input: ReleaseInput) =>
    api<Release>('POST', `${community(slug)}/releases`, input),
  editRelease: (id: string, update: ReleaseUpdate) => api<Release>('PATCH', release(id), update),
  removeRelease: (id: string) => api<void>('DELETE', release(id)),
  uploadArtwork: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<Release>('PUT', `${release(id)}/artwork`, form);
  },
  removeArtwork: (id: string) => api<Release>('DELETE', `${release(id)}/artwork`),
};

/** Where the browser fetches a download: the original file or the MP3 rendition. */
export const downloadUrl = (id: string, format: 'original' | 'mp3') =>
  `${track(id)}/download?format=${format}`;

/**
 * The address the player streams from. The server picks Opus or MP3 from the Accept header; a
 * browser that cannot play Opus (older Safari) asks for MP3 outright.
 */
export function playableStreamUrl(item: Pick<Track, 'streamUrl'>, canPlayOpus: boolean): string {
  if (canPlayOpus) return item.streamUrl;
  const url = new URL(item.streamUrl, window.location.origin);
  url.searchParams.set('format', 'mp3');
  return `${url.pathname}${url.search}`;
}

export interface TrackUpload {
  /** The 202 answer: the track exists and is being processed. */
  done: Promise<{ id: string; status: 'processing' }>;
  abort: () => void;
}

/**
 * Uploads a track. XMLHttpRequest rather than fetch, because only it reports how much of the body
 * has gone out: `onProgress` gets the bytes sent and the total. The text fields go before the file,
 * so the server knows them before the audio streams in.
 */
export function uploadTrack(
  slug: string,
  input: NewTrack,
  onProgress: (loaded: number, total: number) => void,
): TrackUpload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<{ id: string; status: 'processing' }>((resolve, reject) => {
    xhr.open('POST', `${community(slug)}/tracks`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as { id: string; status: 'processing' });
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', 'The server answered in a way we did not expect.'));
        }
        return;
      }
      const headers = new Headers({ 'content-type': xhr.getResponseHeader('content-type') ?? '' });
      const retryAfter = xhr.getResponseHeader('retry-after');
      if (retryAfter) headers.set('retry-after', retryAfter);
      const status = xhr.status >= 200 && xhr.status <= 599 ? xhr.status : 500;
      toApiError(new Response(xhr.responseText, { status, headers })).then(
        (error) => reject(noticeSessionLoss(error)),
        reject,
      );
    });
    xhr.addEventListener('error', () =>
      reject(
        new ApiError(
          0,
          'network_error',
          'Coterie could not be reached. Check your connection and try again.',
        ),
      ),
    );
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.')));
    const form = new FormData();
    const title = input.title?.trim();
    if (title) form.append('title', title);
    form.append('visibility', input.visibility);
    form.append('downloadable', input.downloadable ? 'true' : 'false');
    if (input.releaseId) form.append('releaseId', input.releaseId);
    form.append('file', input.file);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
