import type { MembershipService } from '@coterie/communities';
import type { Viewer } from '@coterie/platform';
import type { CuratorService, CuratorView } from './curator-service.ts';
import type { TrackFactsCache } from './neighbourhood.ts';
import type { DiscoveryStore } from './store.ts';

export interface CuratorSuggestion {
  curator: CuratorView;
  /** Tracks you both picked, played or bought. */
  sharedTracks: number;
  /** Taste overlap, 0..1 (cosine over the sets of tracks). */
  overlap: number;
  reason: string;
  /** A few shared tracks the curator picked (picks are public; plays are never named). */
  sample: { id: string; title: string }[];
}

const MY_TRACKS = 300;
const CANDIDATES = 60;

/**
 * "Find your micro-elite": curators whose taste overlaps yours, normalised by how much each has
 * heard so a curator who plays everything does not win by volume — and never ranked by how many
 * people trust them. People your curators trust come next; newcomers fill an empty page.
 */
export async function suggestCurators(
  deps: {
    store: DiscoveryStore;
    curators: CuratorService;
    memberships: MembershipService;
    facts: TrackFactsCache;
  },
  viewer: Viewer,
  limit: number,
  now: number,
): Promise<CuratorSuggestion[]> {
  const { store } = deps;
  const [mine, trusted, memberOf] = await Promise.all([
    store.signalsOf([viewer.userId], MY_TRACKS),
    store.trustedBy(viewer.userId),
    deps.memberships.rolesOf(viewer.userId),
  ]);
  const myTracks = [...new Set(mine.map((s) => s.trackId))];
  const exclude = [viewer.userId, ...trusted.map((c) => c.userId)];
  const [sharing, secondHop] = await Promise.all([
    store.curatorsSharing(myTracks, exclude, CANDIDATES),
    store.trustEdgesFrom(trusted.map((c) => c.userId)),
  ]);
  const breadth = await store.breadthOf(sharing.map((s) => s.userId));
  const trustedBy = new Map<string, string[]>();
  for (const edge of secondHop) {
    if (exclude.includes(edge.trusted)) continue;
    trustedBy.set(edge.trusted, [...(trustedBy.get(edge.trusted) ?? []), edge.truster]);
  }
  const scored = new Map<string, { score: number; shared: number; overlap: number; sample: string[] }>();
  for (const s of sharing) {
    const overlap =
      s.shared / Math.sqrt(Math.max(1, myTracks.length) * Math.max(1, breadth.get(s.userId) ?? 1));
    scored.set(s.userId, { score: overlap, shared: s.shared, overlap, sample: s.sample });
  }
  for (const [userId, by] of trustedBy) {
    const entry = scored.get(userId) ?? { score: 0, shared: 0, overlap: 0, sample: [] };
    entry.score += (0.25 * by.length) / Math.max(1, trusted.length);
    scored.set(userId, entry);
  }
  let order = [...scored.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1));
  order = order.slice(0, limit);
  const rows = await store.curatorsOfUsers([...order.map(([id]) => id), ...trusted.map((c) => c.userId)]);
  const rowOf = new Map(rows.map((r) => [r.userId, r]));
  if (order.length < limit) {
    const fresh = await store.recentCurators([...exclude, ...order.map(([id]) => id)], limit - order.length);
    for (const row of fresh) {
      rowOf.set(row.userId, row);
      order.push([row.userId, { score: 0, shared: 0, overlap: 0, sample: [] }]);
    }
  }
  const sampleIds = order.flatMap(([, e]) => e.sample);
  const facts = await deps.facts.get(sampleIds, now);
  const memberSet = new Set(memberOf.map((m) => m.communityId));
  const present = order.filter(([id]) => rowOf.has(id));
  const views = await deps.curators.viewsFor(
    viewer,
    present.map(([id]) => rowOf.get(id) as NonNullable<ReturnType<typeof rowOf.get>>),
  );
  return present.map(([userId, entry], i) => {
    const sample = entry.sample.flatMap((id) => {
      const f = facts.get(id);
      return f?.ready && (f.isPublic || memberSet.has(f.communityId)) ? [{ id, title: f.title }] : [];
    });
    const via = (trustedBy.get(userId) ?? []).flatMap((u) => {
      const handle = rowOf.get(u)?.handle;
      return handle ? [`@${handle}`] : [];
    });
    return {
      curator: views[i] as CuratorView,
      sharedTracks: entry.shared,
      overlap: Math.round(entry.overlap * 1000) / 1000,
      reason: reasonFor(entry.shared, sample, via),
      sample,
    };
  });
}

function reasonFor(shared: number, sample: { title: string }[], via: string[]): string {
  if (sample.length > 0) {
    const titles = sample.slice(0, 2).map((s) => `“${s.title}”`);
    return `Picked ${titles.join(' and ')}, like you${shared > sample.length ? ` — ${shared} tracks in common` : ''}`;
  }
  if (shared > 0) return `${shared} ${shared === 1 ? 'track' : 'tracks'} in common with you`;
  if (via.length > 0) return `Trusted by ${via.slice(0, 2).join(' and ')}, whom you trust`;
  return 'Sharing picks lately; nothing in common with you yet';
}
