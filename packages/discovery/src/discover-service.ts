import type { MembershipService } from '@coterie/communities';
import type { TrackService, TrackView } from '@coterie/music';
import { type AppContext, badRequest, ReadCache, type Viewer } from '@coterie/platform';
import { type Interaction, type Reason, type Recommendation, rank } from './engine/index.ts';
import { FeedCache, historyKey, rolesKey, sameInputs, trimmed } from './feed-cache.ts';
import {
  circleFrom,
  DEFAULT_LIMITS,
  loadHistory,
  type Neighbourhood,
  type NeighbourhoodLimits,
  type TrackFactsCache,
} from './neighbourhood.ts';
import { type ReasonView, renderReasons } from './reasons.ts';
import type { DiscoveryStore, NeighbourRow } from './store.ts';

export interface DiscoverItem {
  track: TrackView;
  score: number;
  reasons: ReasonView[];
}

export interface DiscoverPage {
  items: DiscoverItem[];
  nextCursor: string | null;
  /** How many curators the viewer trusts: the page suggests finding some when it is 0. */
  trusting: number;
}

/** A page as served, and the change notices that must drop it (see `#compose`). */
interface KeptPage {
  readonly page: DiscoverPage;
  readonly scopes: readonly string[];
}

/** Ranked once per request, then paged: enough for a long scroll, bounded in cost. */
const MAX_RANKED = 200;
const HISTORY_FOR_NEIGHBOURS = 200;

/** The discovery feed: the engine's ranking over a neighbourhood read live, with reasons in words. */
export class DiscoverService {
  readonly #ctx: AppContext;
  readonly #store: DiscoveryStore;
  readonly #tracks: TrackService;
  readonly #memberships: MembershipService;
  readonly #facts: TrackFactsCache;
  readonly #limits: NeighbourhoodLimits;
  readonly #feeds: FeedCache;
  readonly #pages: ReadCache<KeptPage>;
  #userCount: { value: number; at: number } | null = null;

  constructor(
    ctx: AppContext,
    deps: {
      store: DiscoveryStore;
      tracks: TrackService;
      memberships: MembershipService;
      facts: TrackFactsCache;
      limits?: NeighbourhoodLimits;
    },
  ) {
    this.#ctx = ctx;
    this.#store = deps.store;
    this.#tracks = deps.tracks;
    this.#memberships = deps.memberships;
    this.#facts = deps.facts;
    this.#limits = deps.limits ?? DEFAULT_LIMITS;
    this.#feeds = new FeedCache();
    this.#pages = new ReadCache(ctx.changes, { max: 5_000, ttlMs: 5 * 60_000 });
  }

  /**
   * A page is kept until a notice names something it was made from, so a person re-opening their
   * feed costs no query at all. The ranking cache below it still spares the ranking when a notice
   * came but the inputs read again the same.
   */
  async discover(viewer: Viewer, options: { limit?: number; cursor?: string }): Promise<DiscoverPage> {
    const limit = options.limit ?? 20;
    const key = `${viewer.userId}${viewer.isAdmin ? ' admin' : ''} ${limit} ${options.cursor ?? ''}`;
    const kept = await this.#pages.get(
      key,
      () => this.#compose(viewer, limit, options.cursor),
      (k) => k.scopes,
    );
    return kept.page;
  }

  /**
   * The page and what it depends on: `d:<person>` for the viewer and everyone whose trust, picks or
   * plays were read (their events, picks, trust, summary, curator profile, memberships, purchases),
   * the neighbours' rebuild, and the catalogue (a track, release or community edited or added:
   * the views shown, the fresh fill). Not the communities' own notices, which every post and
   * reaction sends. What ages by the clock (recency in the scores) is bounded by the TTL.
   */
  async #compose(viewer: Viewer, limit: number, cursor: string | undefined): Promise<KeptPage> {
    const offset = decodeOffset(cursor);
    const now = this.#ctx.clock().getTime();
    const { hood, ranked, read } = await this.#ranking(viewer, offset + limit, now);
    if (ranked.length < offset + limit) await this.#fillWithFresh(ranked, hood, offset + limit, now);

    const page = ranked.slice(offset, offset + limit);
    const [views, reasons] = await Promise.all([
      this.#tracks.viewsOf(
        viewer,
        page.map((r) => r.item),
      ),
      renderReasons(this.#store, this.#facts, hood, page, now),
    ]);
    const viewOf = new Map(views.map((v) => [v.id, v]));
    const items: DiscoverItem[] = [];
    for (const rec of page) {
      const track = viewOf.get(rec.item);
      if (track) items.push({ track, score: round(rec.score), reasons: reasons.get(rec.item) ?? [] });
    }
    const hasMore = ranked.length > offset + limit;
    const scopes = new Set([`d:${viewer.userId}`, 'd:neighbours', 'd:catalogue']);
    for (const person of read) scopes.add(`d:${person}`);
    for (const person of hood.trust.keys()) scopes.add(`d:${person}`);
    return {
      page: {
        items,
        nextCursor: hasMore ? encodeOffset(offset + limit) : null,
        trusting: [...hood.trust.values()].filter((t) => t.depth === 1).length,
      },
      scopes: [...scopes],
    };
  }

  /**
   * The viewer's ranking (a copy: the caller may extend it), from the cache when every input reads
   * the same as when it was ranked, else computed. Reads that do not wait on each other start at
   * once: the neighbours of the viewer's own tracks need only their history, not the trust walk.
   */
  async #ranking(
    viewer: Viewer,
    wanted: number,
    now: number,
  ): Promise<{
    hood: Neighbourhood & { memberOf: string[]; team: Set<string> };
    ranked: Recommendation[];
    /** Everyone whose edges or summaries the ranking read. */
    read: readonly string[];
  }> {
    const key = `${viewer.userId}${viewer.isAdmin ? ' admin' : ''}`;
    const cached = this.#feeds.get(key, now);
    const history = loadHistory(this.#store, viewer.userId, this.#limits);
    // With nothing kept, the ranking's own reads start at once; with a ranking kept, only the
    // checks of its inputs do (one statement for the walk's edges and the summaries' stamp).
    const walk = cached ? null : this.#store.trustWalk(viewer.userId, this.#limits.maxDepth);
    const neighbourRows = cached ? null : history.then((h) => this.#store.neighboursOf(strongestOf(h)));
    // Awaited below unless a read beside them fails first: then their failure must not go unhandled.
    walk?.catch(() => undefined);
    neighbourRows?.catch(() => undefined);
    const [roles, userCount, own, stamps] = await Promise.all([
      this.#memberships.rolesOf(viewer.userId),
      this.#usersOnInstance(now),
      history,
      cached ? this.#store.feedStamps(cached.walked, cached.people) : null,
    ]);
    const memberOf = roles.map((r) => r.communityId);
    // An artist is not discovering their own music: their team's tracks are known, never suggested.
    const team = new Set(roles.filter((r) => r.role !== 'member').map((r) => r.communityId));
    const inputs = { roles: rolesKey(roles), history: historyKey(own) };
    // A short ranking may need fresh tracks, whose reasons read signals the cache does not keep.
    if (
      cached &&
      stamps &&
      sameInputs(cached.inputs, { ...inputs, edges: stamps.digest, stamp: stamps.stamp }) &&
      cached.ranked.length >= wanted
    ) {
      return {
        hood: { ...cached.hood, memberOf, team },
        ranked: [...cached.ranked],
        read: [...cached.walked, ...cached.people],
      };
    }
    const trust = await (walk ?? this.#store.trustWalk(viewer.userId, this.#limits.maxDepth));
    const [circle, rows] = await Promise.all([
      circleFrom(this.#store, viewer.userId, trust.edges, this.#limits),
      neighbourRows ?? this.#store.neighboursOf(strongestOf(own)),
    ]);
    const hood = { trust: circle.trust, signals: circle.signals, history: own };
    const ranked = await this.#rank(viewer, hood, rows, new Set(memberOf), team, userCount, now);
    this.#feeds.set(
      key,
      {
        inputs: { ...inputs, edges: trust.digest, stamp: circle.stamp },
        walked: trust.walked,
        people: circle.people,
        hood: trimmed(hood, ranked),
        ranked,
      },
      now,
    );
    return {
      hood: { ...hood, memberOf, team },
      ranked: [...ranked],
      read: [...trust.walked, ...circle.people],
    };
  }

  async #rank(
    viewer: Viewer,
    hood: Neighbourhood,
    neighbourRows: readonly NeighbourRow[],
    memberOf: ReadonlySet<string>,
    team: ReadonlySet<string>,
    userCount: number,
    now: number,
  ): Promise<Recommendation[]> {
    const candidates = new Set<string>();
    for (const list of hood.signals.values()) for (const s of list) candidates.add(s.item);
    for (const row of neighbourRows) {
      for (const [id] of row.neighbours) candidates.add(id);
      for (const [id] of row.ease) candidates.add(id);
    }
    for (const id of hood.history.keys()) candidates.delete(id);
    const factsOf = await this.#facts.load(candidates, now);
    // The engine only ever sees tracks this person may hear: nothing to filter (or leak) afterwards.
    const audible = (id: string): boolean => {
      const f = factsOf(id);
      return (
        f?.ready === true &&
        !team.has(f.communityId) &&
        (f.isPublic || memberOf.has(f.communityId) || viewer.isAdmin)
      );
    };
    const signals = new Map<string, Interaction[]>();
    for (const [user, list] of hood.signals) {
      const kept = list.filter((s) => audible(s.item));
      if (kept.length > 0) signals.set(user, kept);
    }
    const audibleOf = (pairs: [string, number][]): [string, number][] => pairs.filter(([id]) => audible(id));
    const neighbours = new Map(neighbourRows.map((row) => [row.trackId, audibleOf(row.neighbours)]));
    const ease = new Map(neighbourRows.map((row) => [row.trackId, audibleOf(row.ease)]));
    return rank(
      {
        user: viewer.userId,
        history: hood.history,
        trust: hood.trust,
        interactionsOf: (user) => signals.get(user) ?? [],
        neighbours: { neighbours: (item) => neighbours.get(item) ?? [] },
        easeNeighbours: { neighbours: (item) => ease.get(item) ?? [] },
        popularity: (item) => factsOf(item)?.popularity ?? 0,
        userCount,
        itemInfo: (item) => factsOf(item)?.info,
        now,
      },
      { limit: MAX_RANKED },
    );
  }

  /** A person new to discovery (or with a quiet circle) still gets a page: the newest music they may hear. */
  async #fillWithFresh(
    ranked: Recommendation[],
    hood: Neighbourhood & { memberOf: readonly string[]; team: ReadonlySet<string> },
    wanted: number,
    now: number,
  ): Promise<void> {
    const { team } = hood;
    const have = new Set(ranked.map((r) => r.item));
    const fresh = await this.#store.freshTracks(hood.memberOf, Math.min(MAX_RANKED, wanted + 50));
    const facts = await this.#facts.get([...fresh, ...have], now);
    const perArtist = new Map<string, number>();
    for (const r of ranked) {
      const artist = facts.get(r.item)?.artist;
      if (artist) perArtist.set(artist, (perArtist.get(artist) ?? 0) + 1);
    }
    for (const id of fresh) {
      if (ranked.length >= wanted) break;
      if (have.has(id) || hood.history.has(id) || team.has(facts.get(id)?.communityId ?? '')) continue;
      const artist = facts.get(id)?.artist ?? id;
      if ((perArtist.get(artist) ?? 0) >= 2) continue;
      perArtist.set(artist, (perArtist.get(artist) ?? 0) + 1);
      const reasons: Reason[] = [{ kind: 'fresh' }];
      ranked.push({ item: id, score: 0, reasons });
    }
  }

  async #usersOnInstance(now: number): Promise<number> {
    if (!this.#userCount || now - this.#userCount.at > 60_000) {
      this.#userCount = { value: await this.#store.userCount(), at: now };
    }
    return this.#userCount.value;
  }
}

/** The history tracks that seed the collaborative signal, strongest first (the engine's own cut). */
function strongestOf(history: ReadonlyMap<string, number>): string[] {
  return [...history.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, HISTORY_FOR_NEIGHBOURS)
    .map(([id]) => id);
}

const round = (n: number): number => Math.round(n * 10_000) / 10_000;

function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,4})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw badRequest('invalid_cursor', 'That page cursor is not valid.');
  return Number(match[1]);
}
