import type { AppContext, Viewer } from '@coterie/platform';
import type { App } from './app.ts';
import { seedDemoCommerce } from './demo-commerce.ts';
import { seedDemoCommunities } from './demo-communities.ts';
import { seedDemoDiscovery } from './demo-discovery.ts';
import { seedDemoMusic } from './demo-music.ts';

/** Known on purpose: these accounts exist only in demo instances and are printed at start. */
export const DEMO_PASSWORD = 'coterie-demo-2026';

interface DemoPerson {
  email: string;
  displayName: string;
  role: string;
  realName: string;
  location: string;
  bio: string;
  links: { label: string; url: string }[];
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    email: 'ana@example.com',
    displayName: 'Ana Okafor',
    role: 'artist',
    realName: 'Ana Okafor',
    location: 'Lisbon',
    bio: 'Songwriter. Afro-folk with a loop pedal and too many field recordings. New EP in spring.',
    links: [{ label: 'Bandsite', url: 'https://ana-okafor.example.com/' }],
  },
  {
    email: 'sam@example.com',
    displayName: 'Sam Ortega',
    role: 'micro-expert',
    realName: 'Samuel Ortega',
    location: 'Valencia',
    bio: 'I teach modular synthesis to people who think they cannot patch. Weekly notes, one course.',
    links: [{ label: 'Patch notes', url: 'https://patch-notes.example.com/' }],
  },
  {
    email: 'jo@example.com',
    displayName: 'Jo Lindqvist',
    role: 'fan and curator',
    realName: 'Johanna Lindqvist',
    location: 'Malmö',
    bio: 'Night-bus listener. I pick one track a week for the five people who trust my ears.',
    links: [],
  },
  {
    email: 'mira@example.com',
    displayName: 'Mira Chen',
    role: 'organisation admin',
    realName: 'Mira Chen',
    location: 'Rotterdam',
    bio: 'Runs the members network of a small cooperative of sound engineers.',
    links: [],
  },
];

/**
 * Seeds a believable instance into an empty database. Returns null when it did not, or a function
 * that adds the demo music (slower: audio is synthesised), which the caller runs once listening.
 */
export async function seedDemo(
  ctx: AppContext,
  app: App,
  isEmpty: boolean,
): Promise<(() => Promise<void>) | null> {
  if (!isEmpty) return null;
  const accounts = app.accounts.service;
  const viewers = new Map<string, Viewer>();
  for (const person of DEMO_PEOPLE) {
    const { profile } = await accounts.register(
      { email: person.email, password: DEMO_PASSWORD, displayName: person.displayName },
      { ip: 'demo-seed', userAgent: 'Coterie demo seed' },
    );
    await accounts.updateProfile(
      { userId: profile.id, sessionId: '', email: profile.email, isAdmin: false },
      { realName: person.realName, location: person.location, bio: person.bio, links: person.links },
    );
    // The seed needs no sessions of its own.
    await accounts.logoutAll(profile.id);
    viewers.set(person.email, { userId: profile.id, sessionId: '', email: profile.email, isAdmin: false });
  }
  await seedDemoCommunities(app, viewers);
  ctx.logger.info({ users: DEMO_PEOPLE.length }, 'demo data seeded: people, communities, posts');
  return async () => {
    const started = performance.now();
    const tracks = await seedDemoMusic(app, viewers);
    ctx.logger.info({ tracks, ms: Math.round(performance.now() - started) }, 'demo music uploaded');
    // Picks need playable tracks: wait for the transcodes before curating them.
    await app.jobs.idle(300_000);
    const picks = await seedDemoDiscovery(app, viewers);
    ctx.logger.info({ picks }, 'demo curators, picks and trust seeded');
    await seedDemoCommerce(app, viewers);
    ctx.logger.info('demo tiers, shop, subscription, chart listens and campaigns seeded');
  };
}
