import { checkHandle } from '@coterie/communities/rules';
import type { TrackService, TrackView } from '@coterie/music';
import {
  type AppContext,
  badRequest,
  conflict,
  newId,
  notFound,
  uniqueViolation,
  type Viewer,
} from '@coterie/platform';
import { DEFAULT_LIMITS } from './neighbourhood.ts';
import type { CuratorRow, DiscoveryStore, PickRow } from './store.ts';

export interface CuratorView {
  id: string;
  handle: string;
  bio: string;
  pickCount: number;
  /** Whether the viewer trusts this curator (false for visitors). */
  trusted: boolean;
  isYou: boolean;
}

export interface PickView {
  id: string;
  note: string;
  createdAt: string;
  track: TrackView;
}

export interface TrustList {
  limit: number;
  curators: (CuratorView & { since: string })[];
}

const NOTE_MAX = 280;
const BIO_MAX = 500;
const PICK_PAGE = 30;

export const curatorNotFound = (): Error =>
  notFound('There is no curator with that name, or they stopped sharing their picks.', 'curator_not_found');

/** Public curator profiles, who trusts whom, and picks. */
export class CuratorService {
  readonly #ctx: AppContext;
  readonly #store: DiscoveryStore;
  readonly #tracks: TrackService;

  constructor(ctx: AppContext, store: DiscoveryStore, tracks: TrackService) {
    this.#ctx = ctx;
    this.#store = store;
    this.#tracks = tracks;
  }

  async myProfile(viewer: Viewer): Promise<CuratorView> {
    const row = await this.#store.curatorOfUser(viewer.userId);
    if (!row) throw notFound('You have no curator profile yet.', 'no_curator_profile');
    return this.#view(row, viewer, new Set());
  }

  /** Opting in (or renaming): curation is public by choice, under a handle chosen for it. */
  async saveProfile(viewer: Viewer, input: { handle: string; bio?: string }): Promise<CuratorView> {
    const { handle, key } = checkHandle(input.handle);
    const bio = (input.bio ?? '').trim();
    if (bio.length > BIO_MAX) {
      throw badRequest('validation_failed', `bio must be at most ${BIO_MAX} characters.`, [
        { field: 'bio', message: `must be at most ${BIO_MAX} characters` },
      ]);
    }
    const existing = await this.#store.curatorOfUser(viewer.userId);
    try {
      const row = existing
        ? await this.#store.updateCurator(existing.id, { handle, handleKey: key, bio })
        : await this.#store.insertCurator({
            id: newId('cur', this.#ctx.clock().getTime()),
            userId: viewer.userId,
            handle,
            handleKey: key,
            bio,
          });
      return this.#view(row, viewer, new Set());
    } catch (error) {
      if (uniqueViolation(error) === 'curators_handle_key') {
        throw conflict('handle_taken', `@${handle} is already a curator's name; choose another.`);
      }
      throw error;
    }
  }

  /** Opting out: the profile goes, and with it everyone's trust in it; picks stay private. */
  async deleteProfile(viewer: Viewer): Promise<void> {
    if (!(await this.#store.deleteCuratorOfUser(viewer.userId))) {
      throw notFound('You have no curator profile.', 'no_curator_profile');
    }
  }

  async profile(
    viewer: Viewer | null,
    handle: string,
    cursor?: string,
  ): Promise<CuratorView & { picks: PickView[]; nextCursor: string | null }> {
    const row = await this.#store.curatorByHandle(handle.replace(/^@/, '').toLowerCase());
    if (!row) throw curatorNotFound();
    const trusted = viewer ? await this.#trustedIds(viewer.userId) : new Set<string>();
    const page = await this.#picksPage(viewer, row.userId, cursor);
    return { ...(await this.#view(row, viewer, trusted)), ...page };
  }

  async trustList(viewer: Viewer): Promise<TrustList> {
    const rows = await this.#store.trustedBy(viewer.userId);
    const all = new Set(rows.map((r) => r.id));
    const curators = await Promise.all(
      rows.map(async (r) => ({ ...(await this.#view(r, viewer, all)), since: r.since.toISOString() })),
    );
    return { limit: this.#ctx.config.discovery.trustLimit, curators };
  }

  async trust(viewer: Viewer, curatorId: string): Promise<{ created: boolean; curator: CuratorView }> {
    const curator = await this.#store.curatorById(curatorId);
    if (!curator) throw curatorNotFound();
    if (curator.userId === viewer.userId) {
      throw badRequest('cannot_trust_yourself', 'Your own taste is already yours: pick someone else.');
    }
    const limit = this.#ctx.config.discovery.trustLimit;
    const outcome = await this.#store.addTrust(viewer.userId, curator, limit);
    if (outcome === 'limit') {
      throw conflict(
        'trust_limit',
        `You already trust ${limit} curators, the most a micro-elite holds. Stop trusting one to make room.`,
      );
    }
    const view = await this.#view(curator, viewer, new Set([curator.id]));
    return { created: outcome === 'added', curator: view };
  }

  async untrust(viewer: Viewer, curatorId: string): Promise<void> {
    if (!(await this.#store.removeTrust(viewer.userId, curatorId))) {
      throw notFound('You do not trust that curator.', 'not_trusted');
    }
  }

  async pick(
    viewer: Viewer,
    input: { trackId: string; note?: string },
  ): Promise<{ created: boolean; pick: PickView }> {
    const note = (input.note ?? '').trim();
    if ([...note].length > NOTE_MAX) {
      throw badRequest('validation_failed', `A pick's note is at most ${NOTE_MAX} characters.`, [
        { field: 'note', message: `must be at most ${NOTE_MAX} characters` },
      ]);
    }
    // Only what you can hear can be picked; the same 404/403 as the track page.
    const track = await this.#tracks.get(viewer, input.trackId);
    if (track.status !== 'ready') throw notFound('That track is not ready yet.', 'track_not_found');
    const facts = await this.#store.trackFacts([track.id]);
    const communityId = facts[0]?.communityId;
    if (!communityId) throw notFound('There is no such track.', 'track_not_found');
    const { pick, created } = await this.#store.upsertPick({
      id: newId('pck', this.#ctx.clock().getTime()),
      communityId,
      userId: viewer.userId,
      trackId: track.id,
      note,
      createdAt: this.#ctx.clock(),
    });
    // At once, not at the next rebuild: a pick reaches those who trust the picker on their next request.
    await this.#store.refreshSignalSummaries([viewer.userId], DEFAULT_LIMITS.perPerson);
    return { created, pick: pickView(pick, track) };
  }

  async unpick(viewer: Viewer, pickId: string): Promise<void> {
    if (!(await this.#store.deletePick(viewer.userId, pickId))) {
      throw notFound('You have no such pick.', 'pick_not_found');
    }
    await this.#store.refreshSignalSummaries([viewer.userId], DEFAULT_LIMITS.perPerson);
  }

  async myPicks(viewer: Viewer, cursor?: string): Promise<{ picks: PickView[]; nextCursor: string | null }> {
    return this.#picksPage(viewer, viewer.userId, cursor);
  }

  async exportFor(userId: string): Promise<unknown> {
    const curator = await this.#store.curatorOfUser(userId);
    const trusted = await this.#store.trustedBy(userId);
    const picks = await this.#store.picksOf(userId, { before: null, limit: 100_000 });
    return {
      curatorProfile: curator ? { handle: curator.handle, bio: curator.bio, since: curator.createdAt } : null,
      trusts: trusted.map((c) => ({ curator: c.handle, since: c.since })),
      picks: picks.map((p) => ({ trackId: p.trackId, note: p.note, createdAt: p.createdAt })),
    };
  }

  async eraseFor(userId: string): Promise<void> {
    await this.#store.erasePicksOf(userId);
    await this.#store.deleteCuratorOfUser(userId);
  }

  async #picksPage(
    viewer: Viewer | null,
    userId: string,
    cursor: string | undefined,
  ): Promise<{ picks: PickView[]; nextCursor: string | null }> {
    const rows = await this.#store.picksOf(userId, { before: decodeCursor(cursor), limit: PICK_PAGE + 1 });
    const page = rows.slice(0, PICK_PAGE);
    const tracks = new Map(
      (
        await this.#tracks.viewsOf(
          viewer,
          page.map((p) => p.trackId),
        )
      ).map((t) => [t.id, t]),
    );
    const picks: PickView[] = [];
    for (const row of page) {
      const track = tracks.get(row.trackId);
      if (track) picks.push(pickView(row, track));
    }
    const last = page.at(-1);
    return { picks, nextCursor: rows.length > PICK_PAGE && last ? encodeCursor(last) : null };
  }

  /** Views of curators for one viewer, with whether the viewer trusts each. */
  async viewsFor(viewer: Viewer, rows: readonly CuratorRow[]): Promise<CuratorView[]> {
    const trusted = await this.#trustedIds(viewer.userId);
    return Promise.all(rows.map((r) => this.#view(r, viewer, trusted)));
  }

  async #trustedIds(userId: string): Promise<Set<string>> {
    return new Set((await this.#store.trustedBy(userId)).map((c) => c.id));
  }

  async #view(row: CuratorRow, viewer: Viewer | null, trusted: ReadonlySet<string>): Promise<CuratorView> {
    return {
      id: row.id,
      handle: row.handle,
      bio: row.bio,
      pickCount: await this.#store.pickCount(row.userId),
      trusted: trusted.has(row.id),
      isYou: viewer?.userId === row.userId,
    };
  }
}

function pickView(row: PickRow, track: TrackView): PickView {
  return { id: row.id, note: row.note, createdAt: row.createdAt.toISOString(), track };
}

function encodeCursor(row: PickRow): string {
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
