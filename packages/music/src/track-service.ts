import path from 'node:path';
import type { JobQueue } from '@coterie/jobs';
import {
  type AppContext,
  badRequest,
  DomainError,
  newId,
  type ReceivedFile,
  unauthorized,
  type Viewer,
} from '@coterie/platform';
import type { BlobStore } from '@coterie/storage';
import {
  MUSIC_KINDS,
  type MusicAccess,
  type MusicAccessResult,
  releaseNotFound,
  trackNotFound,
} from './access.ts';
import { probeAudio } from './audio-probe.ts';
import { negotiateRendition, type Rendition } from './http-range.ts';
import { isoWeek } from './iso-week.ts';
import { type Entitlement, EVERYTHING, mayDownload, mayHear, priceColumns } from './paid-music.ts';
import { TRANSCODE_QUEUE } from './processing.ts';
import type { StoredFile } from './schema.ts';
import type { EventKind, MusicStore, TrackWithArtwork } from './store.ts';
import { type TrackView, trackView } from './views.ts';

export interface TrackInput {
  title?: string;
  artist?: string;
  visibility?: 'public' | 'members' | 'tier';
  tierId?: string | null;
  downloadable?: boolean;
  releaseId?: string | null;
  price?: { amountMinor: number; currency: string; payWhatYouWant?: boolean } | null;
}

export interface Servable {
  file: StoredFile;
  lastModified: Date;
  /** Anyone may cache it: a ready public track of a public community. */
  isPublic: boolean;
  downloadName?: string;
}

const PAGE = 50;

/** Tracks: upload, processing state, edits, and what is served to whom. */
export class TrackService {
  readonly #ctx: AppContext;
  readonly #store: MusicStore;
  readonly #blobs: BlobStore;
  readonly #jobs: JobQueue;
  readonly #access: MusicAccess;
  readonly #counted: ((userId: string, kind: EventKind) => Promise<void>)[] = [];

  constructor(ctx: AppContext, store: MusicStore, blobs: BlobStore, jobs: JobQueue, access: MusicAccess) {
    this.#ctx = ctx;
    this.#store = store;
    this.#blobs = blobs;
    this.#jobs = jobs;
    this.#access = access;
  }

  /** Checked before the body is read, so nobody streams 300 MB only to be refused. */
  async authorizeUpload(viewer: Viewer, slug: string): Promise<void> {
    await this.#access.requireTeam(slug, viewer, 'upload music');
  }

  async upload(viewer: Viewer, slug: string, input: TrackInput, file: ReceivedFile): Promise<{ id: string }> {
    const access = await this.#access.requireTeam(slug, viewer, 'upload music');
    const probed = await probeAudio(file.path, file.filename);
    const release = input.releaseId ? await this.#releaseOf(access.community.id, input.releaseId) : null;
    const key = `originals/${file.sha256.slice(0, 2)}/${file.sha256}`;
    // Content-addressed: the same file uploaded twice is stored once.
    if (!(await this.#blobs.stat(key))) await this.#blobs.putFile(key, file.path, probed.contentType);
    const id = newId('trk');
    const now = this.#ctx.clock();
    const fallbackTitle = probed.tags.title ?? path.parse(file.filename).name.replace(/[_]+/g, ' ').trim();
    await this.#store.insertTrack({
      id,
      communityId: access.community.id,
      releaseId: release?.id ?? null,
      position: release ? await this.#store.nextPosition(release.id) : null,
      title: (input.title?.trim() || fallbackTitle || 'Untitled').slice(0, 200),
      artist: (input.artist?.trim() || access.community.name).slice(0, 200),
      visibility: input.visibility ?? 'public',
      tierId:
        input.visibility === 'tier'
          ? await this.#access.paid.checkTier(access.community.id, input.tierId)
          : null,
      downloadable: input.downloadable ?? false,
      ...(input.price === undefined ? {} : priceColumns(input.price)),
      status: 'processing',
      progress: 0,
      durationMs: probed.durationMs,
      original: {
        key,
        bytes: file.bytes,
        sha256: file.sha256,
        contentType: probed.contentType,
        format: probed.format,
        extension: probed.extension,
      },
      tags: probed.tags,
      uploaderId: access.membership?.id ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await this.#jobs.enqueue(TRANSCODE_QUEUE, { trackId: id }, { singletonKey: `transcode:${id}` });
    return { id };
  }

  async get(viewer: Viewer | null, id: string): Promise<TrackView> {
    const track = await this.#find(id);
    const access = await this.#access.toTrack(track, viewer);
    return trackView(track, access.ref, access.isTeam, access.entitlement);
  }

  /**
   * Views of the ready tracks among `ids` that the viewer may hear, in the order given; the rest
   * are silently left out (a discovery page must not reveal what it cannot show).
   */
  async viewsOf(viewer: Viewer | null, ids: readonly string[]): Promise<TrackView[]> {
    const rows = await this.#store.readyTracksFor(ids, viewer?.userId ?? null);
    const byId = new Map(rows.map((r) => [r.track.id, r]));
    const entitlement = await this.#access.paid.ownedBy(
      viewer,
      rows.map((r) => r.track),
    );
    const views: TrackView[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      const member = row.role !== null || viewer?.isAdmin === true;
      if (row.community.visibility === 'private' && !member) continue;
      if (row.track.visibility === 'members' && !member) continue;
      const isTeam =
        (row.role === 'owner' || row.role === 'moderator') && MUSIC_KINDS.includes(row.community.kind);
      // Tier-only music stays inside its community: discovery never shows what a listener cannot open.
      if (row.track.visibility === 'tier' && !isTeam) continue;
      views.push(trackView(row.track, row.community, isTeam, entitlement));
    }
    return views;
  }

  async list(
    viewer: Viewer | null,
    slug: string,
    cursor: string | undefined,
  ): Promise<{ tracks: TrackView[]; nextCursor: string | null }> {
    const access = await this.#access.bySlug(slug, viewer);
    const rows = await this.#store.listTracks(access.community.id, {
      includeUnready: access.isTeam,
      membersOnly: access.membership !== null || viewer?.isAdmin === true,
      before: decodeCursor(cursor),
      limit: PAGE + 1,
    });
    const page = rows.slice(0, PAGE);
    const last = page.at(-1);
    const entitlement = await this.#access.paid.entitlement(access, viewer, page);
    return {
      // Tier-only tracks are left out below their tier (a page may come back a little short).
      tracks: page
        .filter((row) => mayHear(row, entitlement))
        .map((row) => trackView(row, access.ref, access.isTeam, entitlement)),
      nextCursor: rows.length > PAGE && last ? encodeCursor(last) : null,
    };
  }

  async update(viewer: Viewer, id: string, input: TrackInput): Promise<TrackView> {
    const track = await this.#find(id);
    const access = await this.#access.requireTeamById(track.communityId, viewer, 'edit tracks');
    const patch: Parameters<MusicStore['updateTrack']>[1] = { updatedAt: this.#ctx.clock() };
    if (input.title !== undefined) patch.title = input.title.trim();
    if (input.artist !== undefined) patch.artist = input.artist.trim();
    if (input.visibility !== undefined) {
      patch.visibility = input.visibility;
      patch.tierId =
        input.visibility === 'tier'
          ? await this.#access.paid.checkTier(track.communityId, input.tierId ?? track.tierId)
          : null;
    } else if (input.tierId !== undefined && track.visibility === 'tier') {
      patch.tierId = await this.#access.paid.checkTier(track.communityId, input.tierId);
    }
    if (input.downloadable !== undefined) patch.downloadable = input.downloadable;
    if (input.price !== undefined) Object.assign(patch, priceColumns(input.price));
    if (input.releaseId !== undefined && input.releaseId !== track.releaseId) {
      const release = input.releaseId ? await this.#releaseOf(track.communityId, input.releaseId) : null;
      patch.releaseId = release?.id ?? null;
      patch.position = release ? await this.#store.nextPosition(release.id) : null;
    }
    await this.#store.updateTrack(id, patch);
    return trackView(await this.#find(id), access.ref, true, EVERYTHING);
  }

  async retry(viewer: Viewer, id: string): Promise<TrackView> {
    const track = await this.#find(id);
    const access = await this.#access.requireTeamById(track.communityId, viewer, 'retry processing');
    if (track.status !== 'failed')
      throw badRequest('not_failed', 'Only a track whose processing failed can be retried.');
    await this.#store.updateTrack(id, { status: 'processing', progress: 0, failureReason: null });
    await this.#jobs.enqueue(TRANSCODE_QUEUE, { trackId: id }, { singletonKey: `transcode:${id}` });
    return trackView(await this.#find(id), access.ref, true, EVERYTHING);
  }

  async remove(viewer: Viewer, id: string): Promise<void> {
    const track = await this.#find(id);
    await this.#access.requireTeamById(track.communityId, viewer, 'delete tracks');
    const deleted = await this.#store.deleteTrack(id);
    if (!deleted) return;
    const keys = deleted.renditions ? [deleted.renditions.opus.key, deleted.renditions.mp3.key] : [];
    if (!(await this.#store.originalInUse(deleted.original.sha256))) keys.push(deleted.original.key);
    await Promise.all(keys.map((key) => this.#blobs.delete(key)));
  }

  /** The rendition to stream: `format` when asked, else the best the Accept header allows. */
  async streamSource(
    viewer: Viewer | null,
    id: string,
    format: Rendition | undefined,
    accept?: string,
  ): Promise<Servable> {
    const track = await this.#readyTrack(viewer, id);
    const rendition = format ?? negotiateRendition(accept);
    if (rendition === null || !track.row.renditions) {
      throw new DomainError(
        406,
        'not_acceptable',
        'This track is available as audio/ogg (Opus) or audio/mpeg (MP3).',
      );
    }
    return {
      file: track.row.renditions[rendition],
      lastModified: track.row.readyAt ?? track.row.updatedAt,
      isPublic: track.isPublic,
    };
  }

  async downloadSource(viewer: Viewer | null, id: string, format: 'original' | 'mp3'): Promise<Servable> {
    const track = await this.#readyTrack(viewer, id);
    if (!track.row.renditions || !mayDownload(track.row, track.entitlement, track.isTeam)) {
      throw track.row.priceMinor !== null
        ? new DomainError(403, 'purchase_required', 'Buy this track (or its release) to download it.')
        : new DomainError(403, 'download_not_allowed', 'The artist has not made this track downloadable.');
    }
    const file = format === 'original' ? track.row.original : track.row.renditions.mp3;
    const extension = format === 'original' ? track.row.original.extension : 'mp3';
    if (viewer) await this.#record(viewer, track.row, 'download');
    return {
      file,
      lastModified: track.row.readyAt ?? track.row.updatedAt,
      isPublic: false,
      downloadName: `${track.row.artist} - ${track.row.title}.${extension}`,
    };
  }

  /** A listen, reported by the player after 30 s of real playback (or the whole of a shorter track). */
  async recordPlay(viewer: Viewer | null, id: string, playedMs: number): Promise<void> {
    if (!viewer) throw unauthorized('Log in so your listens count.');
    const track = await this.#readyTrack(viewer, id);
    const needed = Math.min(30_000, Math.max(0, (track.row.durationMs ?? 30_000) - 1000));
    if (playedMs < needed) {
      throw badRequest('too_short', `A listen counts after ${Math.round(needed / 1000)} s of playback.`);
    }
    await this.#record(viewer, track.row, 'listen');
  }

  async exportFor(userId: string): Promise<unknown> {
    const events = await this.#store.eventsOf(userId);
    return events.map((e) => ({
      trackId: e.trackId,
      kind: e.kind,
      week: e.week,
      firstAt: e.firstAt,
      lastAt: e.lastAt,
      repeats: e.repeats,
    }));
  }

  async eraseFor(userId: string): Promise<void> {
    await this.#store.eraseEventsOf(userId);
  }

  /** Called after a listen or download counts (the first of its week): discovery refreshes that person's signals. */
  onCounted(listener: (userId: string, kind: EventKind) => Promise<void>): void {
    this.#counted.push(listener);
  }

  async #record(viewer: Viewer, track: TrackWithArtwork, kind: EventKind): Promise<void> {
    const at = this.#ctx.clock();
    const { counted } = await this.#store.recordEvent({
      communityId: track.communityId,
      trackId: track.id,
      userId: viewer.userId,
      kind,
      week: isoWeek(at),
      at,
    });
    if (!counted) return;
    for (const listener of this.#counted) {
      // A listener's failure must not undo or fail the listen itself.
      await listener(viewer.userId, kind).catch((error: unknown) =>
        this.#ctx.logger.warn({ err: error, kind }, 'a listener of counted music events failed'),
      );
    }
  }

  async #readyTrack(
    viewer: Viewer | null,
    id: string,
  ): Promise<{ row: TrackWithArtwork; isPublic: boolean; isTeam: boolean; entitlement: Entitlement }> {
    const row = await this.#find(id);
    const access = await this.#access.toTrack(row, viewer);
    if (row.status !== 'ready') {
      throw new DomainError(409, 'track_not_ready', 'This track is still being processed.');
    }
    return {
      row,
      isPublic: row.visibility === 'public' && access.community.visibility === 'public',
      isTeam: access.isTeam,
      entitlement: access.entitlement,
    };
  }

  /** The track as the viewer may hear it, for the purchase flow (its 404 or 403 when they cannot). */
  async sellable(viewer: Viewer, id: string): Promise<{ row: TrackWithArtwork; access: MusicAccessResult }> {
    const row = await this.#find(id);
    return { row, access: await this.#access.toTrack(row, viewer) };
  }

  async #find(id: string): Promise<TrackWithArtwork> {
    const track = await this.#store.findTrack(id);
    if (!track) throw trackNotFound();
    return track;
  }

  async #releaseOf(communityId: string, releaseId: string) {
    const release = await this.#store.findRelease(releaseId);
    if (!release || release.communityId !== communityId) throw releaseNotFound();
    return release;
  }
}

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()))
    throw badRequest('invalid_cursor', 'That page cursor is not valid.');
  return { at: date, id };
}
