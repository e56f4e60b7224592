import type { Viewer } from '@coterie/platform';
import type { App } from './app.ts';

const CURATORS = [
  {
    email: 'jo@example.com',
    handle: 'jo_nightbus',
    bio: 'One track a week for the people who trust my ears. Mostly after midnight.',
  },
  {
    email: 'mira@example.com',
    handle: 'mira',
    bio: 'Sound engineer. I pick what sounds honest on small speakers.',
  },
  { email: 'sam@example.com', handle: 'sam_patches', bio: 'Synth teacher. Picks with a slow attack.' },
] as const;

const PICKS: readonly { email: string; title: string; note: string }[] = [
  {
    email: 'jo@example.com',
    title: 'Line 28',
    note: 'The loop pedal sounds like the 28 climbing to Graça at 2 a.m.',
  },
  {
    email: 'jo@example.com',
    title: 'Slow LFO, before and after',
    note: 'Teaching audio that works as music. Rare.',
  },
  {
    email: 'mira@example.com',
    title: 'Last Stop, Graça',
    note: 'Listen on headphones: the room is part of the song.',
  },
  { email: 'sam@example.com', title: 'Line 28', note: '' },
];

/** Who trusts whom among the demo people, so Discover has reasons to show from the first login. */
const TRUST: readonly [string, string][] = [
  ['ana@example.com', 'jo@example.com'],
  ['mira@example.com', 'jo@example.com'],
  ['sam@example.com', 'mira@example.com'],
];

/** Runs once the demo tracks are ready: curator profiles, picks with notes, trust, and the first rebuild. */
export async function seedDemoDiscovery(app: App, viewers: Map<string, Viewer>): Promise<number> {
  const curatorIds = new Map<string, string>();
  for (const c of CURATORS) {
    const viewer = viewers.get(c.email);
    if (!viewer) continue;
    const profile = await app.discovery.curators.saveProfile(viewer, { handle: c.handle, bio: c.bio });
    curatorIds.set(c.email, profile.id);
  }
  const byTitle = new Map<string, string>();
  for (const slug of ['loop-sessions', 'patch-notes']) {
    for (const t of (await app.music.tracks.list(null, slug, undefined)).tracks) byTitle.set(t.title, t.id);
  }
  let picks = 0;
  for (const p of PICKS) {
    const viewer = viewers.get(p.email);
    const trackId = byTitle.get(p.title);
    if (!viewer || !trackId) continue;
    await app.discovery.curators.pick(viewer, { trackId, note: p.note });
    picks++;
  }
  for (const [from, to] of TRUST) {
    const viewer = viewers.get(from);
    const curatorId = curatorIds.get(to);
    if (viewer && curatorId) await app.discovery.curators.trust(viewer, curatorId);
  }
  await app.discovery.rebuilder.rebuild();
  return picks;
}
