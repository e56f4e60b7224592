import type { Viewer } from '@coterie/platform';
import sharp from 'sharp';
import type { App } from './app.ts';

/** Believable communities, one of each kind, so a first start looks alive. */
interface DemoCommunity {
  owner: string;
  slug: string;
  name: string;
  kind: 'artist' | 'expert' | 'interest' | 'organisation';
  visibility: 'public' | 'private';
  tagline: string;
  accentColor: string;
  memberCap?: number;
  handle: string;
  members: { email: string; handle: string; share: string[] }[];
  posts: {
    by: string;
    body: string;
    visibility?: 'public' | 'members';
    comments?: [string, string][];
    reactions?: [string, string][];
  }[];
}

const COMMUNITIES: DemoCommunity[] = [
  {
    owner: 'ana@example.com',
    slug: 'loop-sessions',
    name: 'Ana Okafor · Loop Sessions',
    kind: 'artist',
    visibility: 'public',
    tagline: 'Afro-folk built live, one loop at a time. Demos, field recordings and the stories behind them.',
    accentColor: '#b4532a',
    memberCap: 300,
    handle: 'ana',
    members: [
      { email: 'jo@example.com', handle: 'nightbus', share: ['displayName', 'location'] },
      { email: 'sam@example.com', handle: 'sam.patches', share: ['displayName', 'links'] },
    ],
    posts: [
      {
        by: 'ana@example.com',
        body: 'The new EP has a name: **Salt Roads**. Five songs, all started as voice memos on the Lisbon ferry.\n\nFirst single lands here before anywhere else.',
        comments: [
          ['jo@example.com', 'The ferry ones are always the best. Cannot wait.'],
          ['sam@example.com', 'Which looper did you use on the ferry? Asking for a patch.'],
        ],
        reactions: [
          ['jo@example.com', '🎵'],
          ['sam@example.com', '🎵'],
          ['jo@example.com', '❤️'],
        ],
      },
      {
        by: 'ana@example.com',
        visibility: 'members',
        body: 'Members first: the rough mix of _Tide Clock_, with the cracked tape intro I almost cut. Tell me if it stays.',
        comments: [['jo@example.com', 'It stays. The crack is the song.']],
        reactions: [['jo@example.com', '🔥']],
      },
      {
        by: 'jo@example.com',
        body: 'Played _Harbour Lights_ on the 2 a.m. bus home and the whole back row went quiet. Thank you.',
        reactions: [['ana@example.com', '❤️']],
      },
    ],
  },
  {
    owner: 'sam@example.com',
    slug: 'patch-notes',
    name: 'Patch Notes',
    kind: 'expert',
    visibility: 'public',
    tagline: 'Modular synthesis for people who think they cannot patch. One idea a week, one course a year.',
    accentColor: '#3b5ba5',
    handle: 'sam',
    members: [{ email: 'ana@example.com', handle: 'ana.loops', share: ['displayName'] }],
    posts: [
      {
        by: 'sam@example.com',
        body: 'This week: **one oscillator, three sounds**. Start with a triangle wave, then try:\n\n1. slow LFO on pitch\n2. envelope on the filter\n3. both, with the LFO synced\n\nPost what you get.',
        comments: [['ana@example.com', 'Number 3 turned into a bassline for a new song. Thank you!']],
        reactions: [['ana@example.com', '🎛️']],
      },
    ],
  },
  {
    owner: 'jo@example.com',
    slug: 'night-bus-listening',
    name: 'Night Bus Listening',
    kind: 'interest',
    visibility: 'public',
    tagline: 'Music for the last bus home. Five people, one pick each a week.',
    accentColor: '#5b4a8a',
    memberCap: 12,
    handle: 'jo',
    members: [{ email: 'ana@example.com', handle: 'ana', share: ['displayName'] }],
    posts: [{ by: 'jo@example.com', body: 'Rules: one track a week, a sentence on why, and no algorithms.' }],
  },
  {
    owner: 'mira@example.com',
    slug: 'sound-coop',
    name: 'Sound Engineers Co-op',
    kind: 'organisation',
    visibility: 'private',
    tagline: 'Internal network of the co-op: shifts, gear loans, and who is free on Saturday.',
    accentColor: '#2f6b5b',
    handle: 'mira',
    members: [{ email: 'sam@example.com', handle: 'sam.o', share: ['displayName', 'realName', 'email'] }],
    posts: [
      {
        by: 'mira@example.com',
        visibility: 'members',
        body: 'Gear loan list is up to date. The Tascam is back; the ribbon mic is at Sam’s until Friday.',
      },
    ],
  },
];

/** Soft generated artwork, so demo communities are branded without shipping image files. */
function demoBanner(accent: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="400">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${accent}"/><stop offset="1" stop-color="#f3ede4"/></linearGradient></defs>
    <rect width="1600" height="400" fill="url(#g)"/>
    ${Array.from({ length: 9 }, (_, i) => `<circle cx="${180 * i + 90}" cy="${200 + 90 * Math.sin(i)}" r="${60 + 25 * Math.cos(i * 1.7)}" fill="#ffffff" fill-opacity="0.12"/>`).join('')}
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

function demoLogo(accent: string, name: string): Promise<Buffer> {
  const initials = name
    .split(/[\s·]+/)
    .filter((w) => /^[A-Z]/.test(w))
    .slice(0, 2)
    .map((w) => w[0])
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">
    <rect width="512" height="512" rx="96" fill="${accent}"/>
    <text x="256" y="300" font-family="serif" font-size="200" text-anchor="middle" fill="#fffaf2">${initials}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function seedDemoCommunities(app: App, viewers: Map<string, Viewer>): Promise<void> {
  const as = (email: string): Viewer => viewers.get(email)!;
  for (const c of COMMUNITIES) {
    await app.communities.communities.create(as(c.owner), {
      slug: c.slug,
      name: c.name,
      kind: c.kind,
      visibility: c.visibility,
      tagline: c.tagline,
      accentColor: c.accentColor,
      memberCap: c.memberCap ?? null,
      ownerHandle: c.handle,
      ownerShare: ['displayName', 'bio', 'links'],
    });
    await app.media.setBranding(as(c.owner), c.slug, 'banner', await demoBanner(c.accentColor));
    await app.media.setBranding(as(c.owner), c.slug, 'logo', await demoLogo(c.accentColor, c.name));
    for (const m of c.members) {
      const inviteCode =
        c.visibility === 'private'
          ? (await app.communities.communities.createInvite(as(c.owner), c.slug, { maxUses: 1 })).code
          : undefined;
      await app.communities.memberships.join(as(m.email), c.slug, {
        handle: m.handle,
        share: m.share,
        ...(inviteCode ? { inviteCode } : {}),
      });
    }
    for (const p of c.posts) {
      const post = await app.posts.create(as(p.by), c.slug, {
        body: p.body,
        visibility: p.visibility ?? 'public',
      });
      for (const [by, body] of p.comments ?? []) await app.posts.comment(as(by), post.id, { body });
      for (const [by, emoji] of p.reactions ?? []) await app.posts.react(as(by), post.id, emoji, true);
    }
  }
}
