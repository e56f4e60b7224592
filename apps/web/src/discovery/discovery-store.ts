import { useEffect, useSyncExternalStore } from 'react';
import { ApiError } from '../api/client.ts';
import {
  type Curator,
  type CuratorInput,
  type CuratorRef,
  discoveryApi,
  type Pick,
  type TrustList,
} from '../api/discovery.ts';
import type { Track } from '../api/music.ts';
import { useAuth } from '../auth/auth-context.tsx';

/**
 * What discovery knows about the person logged in: whom they trust, their curator profile and their
 * picks. One copy for the whole app, so a Trust pressed on the Discover page shows on a curator's
 * page, and a Pick on the track page shows in the player bar, without asking the server again.
 */
export interface DiscoveryState {
  userId: string | null;
  /** Null until loaded. */
  trust: TrustList | null;
  /** Undefined until loaded; null when I have not opted in. */
  me: Curator | null | undefined;
  /** Newest first; null until loaded. */
  picks: Pick[] | null;
  /** More of my picks than were loaded at first (the server pages them). */
  picksCursor: string | null;
  loadError: string | null;
}

const EMPTY: DiscoveryState = {
  userId: null,
  trust: null,
  me: undefined,
  picks: null,
  picksCursor: null,
  loadError: null,
};

/** Enough pages of my picks to know which tracks I picked, for nearly everyone. */
const PICK_PAGES_AT_FIRST = 10;

let state: DiscoveryState = EMPTY;
const listeners = new Set<() => void>();
const loading = new Set<string>();

function set(next: Partial<DiscoveryState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Another person logged in (or nobody): forget everything about the last one. */
function switchUser(userId: string | null): void {
  if (state.userId === userId) return;
  loading.clear();
  state = { ...EMPTY, userId };
  for (const listener of listeners) listener();
}

const failure = (error: unknown, fallback: string) => (error instanceof ApiError ? error.message : fallback);

/** Runs a load once per person, however many components ask for it at the same time. */
async function once(key: string, load: () => Promise<void>): Promise<void> {
  const owner = state.userId;
  if (!owner || loading.has(key)) return;
  loading.add(key);
  try {
    await load();
  } catch (error) {
    if (state.userId === owner) set({ loadError: failure(error, 'Discovery could not be loaded.') });
    loading.delete(key);
  }
}

const stillFor = (owner: string | null) => owner !== null && state.userId === owner;

export const discoveryStore = {
  loadTrust: (force = false) => {
    if (force) loading.delete('trust');
    return once('trust', async () => {
      const owner = state.userId;
      const trust = await discoveryApi.trustList();
      if (stillFor(owner)) set({ trust });
    });
  },

  loadMe: () =>
    once('me', async () => {
      const owner = state.userId;
      try {
        const me = await discoveryApi.myCurator();
        if (stillFor(owner)) set({ me });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          if (stillFor(owner)) set({ me: null });
        } else throw error;
      }
    }),

  loadPicks: () =>
    once('picks', async () => {
      const owner = state.userId;
      const picks: Pick[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < PICK_PAGES_AT_FIRST; page++) {
        const answer = await discoveryApi.myPicks(cursor);
        picks.push(...answer.picks);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      if (stillFor(owner)) set({ picks, picksCursor: cursor });
    }),

  async loadMorePicks(): Promise<void> {
    const owner = state.userId;
    if (!state.picksCursor) return;
    const answer = await discoveryApi.myPicks(state.picksCursor);
    if (!stillFor(owner)) return;
    const known = new Set((state.picks ?? []).map((p) => p.id));
    set({
      picks: [...(state.picks ?? []), ...answer.picks.filter((p) => !known.has(p.id))],
      picksCursor: answer.nextCursor,
    });
  },

  /** Trusts a curator; a full micro-elite throws the server's 409 (`trust_limit`) for the caller to show. */
  async trust(curator: CuratorRef): Promise<Curator> {
    const owner = state.userId;
    const saved = await discoveryApi.trust(curator.id);
    if (stillFor(owner) && state.trust) {
      const others = state.trust.curators.filter((c) => c.id !== saved.id);
      set({
        trust: {
          ...state.trust,
          curators: [...others, { ...saved, trusted: true, since: new Date().toISOString() }],
        },
      });
    } else if (stillFor(owner)) void discoveryStore.loadTrust(true);
    return saved;
  },

  async untrust(curatorId: string): Promise<void> {
    const owner = state.userId;
    try {
      await discoveryApi.untrust(curatorId);
    } catch (error) {
      // Already not trusted (another tab): the goal is reached all the same.
      if (!(error instanceof ApiError && error.code === 'not_trusted')) throw error;
    }
    if (stillFor(owner) && state.trust) {
      set({ trust: { ...state.trust, curators: state.trust.curators.filter((c) => c.id !== curatorId) } });
    }
  },

  /** Picks a track (or edits the note of my pick of it). */
  async pick(track: Track, note: string): Promise<{ pick: Pick; created: boolean }> {
    const owner = state.userId;
    const pick = await discoveryApi.pick(track.id, note);
    const before = state.picks?.find((p) => p.track.id === track.id);
    if (stillFor(owner)) {
      set({
        picks: [pick, ...(state.picks ?? []).filter((p) => p.track.id !== track.id)],
        me: state.me && !before ? { ...state.me, pickCount: state.me.pickCount + 1 } : state.me,
      });
    }
    return { pick, created: !before };
  },

  async unpick(pick: Pick): Promise<void> {
    const owner = state.userId;
    try {
      await discoveryApi.unpick(pick.id);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'pick_not_found')) throw error;
    }
    if (stillFor(owner)) {
      set({
        picks: (state.picks ?? []).filter((p) => p.id !== pick.id),
        me: state.me ? { ...state.me, pickCount: Math.max(0, state.me.pickCount - 1) } : state.me,
      });
    }
  },

  async saveMe(input: CuratorInput): Promise<Curator> {
    const owner = state.userId;
    const me = await discoveryApi.saveMyCurator(input);
    if (stillFor(owner)) set({ me });
    return me;
  },

  async deleteMe(): Promise<void> {
    const owner = state.userId;
    try {
      await discoveryApi.deleteMyCurator();
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'no_curator_profile')) throw error;
    }
    if (stillFor(owner)) set({ me: null });
  },
};

type Need = 'trust' | 'me' | 'picks';

/**
 * Discovery's state for the person logged in, loading what the caller needs on first use. For a
 * visitor it stays empty: nothing here is public.
 */
export function useDiscovery(...needs: Need[]): DiscoveryState {
  const { state: auth } = useAuth();
  const userId = auth.status === 'authenticated' ? auth.me.id : null;
  const snapshot = useSyncExternalStore(subscribe, () => state);
  const key = needs.join(',');

  useEffect(() => {
    if (auth.status === 'loading') return;
    switchUser(userId);
    if (!userId) return;
    for (const need of key.split(',')) {
      if (need === 'trust') void discoveryStore.loadTrust();
      else if (need === 'me') void discoveryStore.loadMe();
      else if (need === 'picks') void discoveryStore.loadPicks();
    }
  }, [auth.status, userId, key]);

  // Until the effect above has switched, the last person's state must not show.
  return snapshot.userId === userId ? snapshot : { ...EMPTY, userId };
}

/** My pick of one track: undefined while my picks load, null when I have not picked it. */
export function myPickOf(discovery: DiscoveryState, trackId: string): Pick | null | undefined {
  if (!discovery.picks) return undefined;
  return discovery.picks.find((p) => p.track.id === trackId) ?? null;
}

/** Whether I trust a curator: undefined until the trust list has loaded. */
export function trusts(discovery: DiscoveryState, curatorId: string): boolean | undefined {
  if (!discovery.trust) return undefined;
  return discovery.trust.curators.some((c) => c.id === curatorId);
}
