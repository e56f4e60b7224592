import type { Recommendation } from './engine/index.ts';
import type { Neighbourhood, TrackFactsCache } from './neighbourhood.ts';
import type { DiscoveryStore } from './store.ts';

export interface CuratorRef {
  id: string;
  handle: string;
}

export interface ReasonView {
  /**
   * picked: curators you trust picked it; picked-nearby: people your curators trust picked it;
   * circle: played or bought in your micro-elite (never attributed by name); similar: close to
   * what you play; fresh: new music you may hear.
   */
  kind: 'picked' | 'picked-nearby' | 'circle' | 'similar' | 'fresh';
  text: string;
  curators?: CuratorRef[];
  notes?: { curator: CuratorRef; note: string }[];
}

/**
 * Reasons in words. Picks are public by choice, so pickers are named; plays, downloads and
 * purchases are private behaviour, so they are only ever counted as "your micro-elite".
 */
export async function renderReasons(
  store: DiscoveryStore,
  facts: TrackFactsCache,
  hood: Neighbourhood,
  page: readonly Recommendation[],
  now: number,
): Promise<Map<string, ReasonView[]>> {
  const onPage = new Set(page.map((r) => r.item));
  const pickers = new Map<string, string[]>();
  const circle = new Map<string, number>();
  for (const [user, list] of hood.signals) {
    for (const s of list) {
      if (!onPage.has(s.item)) continue;
      if (s.kind === 'pick') pickers.set(s.item, [...(pickers.get(s.item) ?? []), user]);
      else circle.set(s.item, (circle.get(s.item) ?? 0) + 1);
    }
  }
  const people = new Set<string>();
  for (const list of pickers.values()) {
    for (const u of list) {
      people.add(u);
      const via = hood.trust.get(u)?.via;
      if (via) people.add(via);
    }
  }
  const [curators, notes] = await Promise.all([
    store.curatorsOfUsers([...people]),
    store.picksOfUsersForTracks([...people], [...onPage]),
  ]);
  const refOf = new Map(curators.map((c) => [c.userId, { id: c.id, handle: c.handle }]));
  const noteOf = new Map(notes.filter((n) => n.note).map((n) => [`${n.userId} ${n.trackId}`, n.note]));
  const similarIds = new Set<string>();
  for (const rec of page)
    for (const r of rec.reasons) if (r.kind === 'similar') for (const i of r.items) similarIds.add(i);
  const similarFacts = await facts.get(similarIds, now);

  const out = new Map<string, ReasonView[]>();
  for (const rec of page) {
    const views: ReasonView[] = [];
    const byStrength = (pickers.get(rec.item) ?? []).sort(
      (a, b) => (hood.trust.get(b)?.weight ?? 0) - (hood.trust.get(a)?.weight ?? 0),
    );
    const direct = byStrength.filter((u) => hood.trust.get(u)?.depth === 1);
    const nearby = byStrength.filter((u) => (hood.trust.get(u)?.depth ?? 0) > 1);
    const withNotes = (users: string[]) =>
      users.flatMap((u) => {
        const curator = refOf.get(u);
        const note = noteOf.get(`${u} ${rec.item}`);
        return curator && note ? [{ curator, note }] : [];
      });
    const refs = (users: string[]) =>
      users.flatMap((u) => (refOf.has(u) ? [refOf.get(u) as CuratorRef] : []));
    if (direct.length > 0) {
      const named = refs(direct);
      views.push({
        kind: 'picked',
        text: `Picked by ${listOf(named.map((c) => `@${c.handle}`))}, whom you trust`,
        curators: named,
        notes: withNotes(direct),
      });
    }
    if (nearby.length > 0) {
      const named = refs(nearby.slice(0, 3));
      const vias = refs([...new Set(nearby.map((u) => hood.trust.get(u)?.via ?? ''))].slice(0, 2));
      views.push({
        kind: 'picked-nearby',
        text: `Picked by ${listOf(named.map((c) => `@${c.handle}`))}, trusted by ${listOf(vias.map((c) => `@${c.handle}`))}`,
        curators: named,
        notes: withNotes(nearby.slice(0, 3)),
      });
    }
    const played = circle.get(rec.item) ?? 0;
    if (played > 0 && views.length === 0) {
      views.push({
        kind: 'circle',
        text: played > 1 ? `Played by ${played} people in your micro-elite` : 'Played in your micro-elite',
      });
    }
    for (const reason of rec.reasons) {
      if (reason.kind === 'similar' && reason.items.length > 0) {
        const titles = reason.items
          .slice(0, 2)
          .flatMap((id) => (similarFacts.has(id) ? [`“${similarFacts.get(id)?.title}”`] : []));
        if (titles.length > 0) {
          views.push({ kind: 'similar', text: `Because you listened to ${listOf(titles)}` });
        }
      }
      if (reason.kind === 'fresh' && views.length === 0) {
        const f = (await facts.get([rec.item], now)).get(rec.item);
        views.push({ kind: 'fresh', text: f ? `New in ${f.communityName}` : 'New music' });
      }
    }
    if (views.length === 0) views.push({ kind: 'circle', text: 'Close to what your micro-elite likes' });
    out.set(rec.item, views);
  }
  return out;
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
