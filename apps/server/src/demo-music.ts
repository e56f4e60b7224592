import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeAudio } from '@coterie/music/generate-audio';
import type { Viewer } from '@coterie/platform';
import sharp from 'sharp';
import type { App } from './app.ts';

interface DemoRelease {
  slug: string;
  owner: string;
  title: string;
  kind: 'album' | 'ep' | 'single';
  releaseDate: string;
  credits: string;
  description: string;
  colors: [string, string];
  tracks: {
    title: string;
    seconds: number;
    frequency: number;
    tempo: number;
    visibility?: 'members';
    downloadable?: boolean;
  }[];
}

const RELEASES: DemoRelease[] = [
  {
    slug: 'loop-sessions',
    owner: 'ana@example.com',
    title: 'Night Buses',
    kind: 'ep',
    releaseDate: '2026-11-13',
    credits: 'Written, played and looped by Ana Okafor. Field recordings: line 28, Lisbon.',
    description: 'Three sketches recorded on the way home. The full EP comes out in spring.',
    colors: ['#b4532a', '#2b1d3a'],
    tracks: [
      { title: 'Line 28', seconds: 28, frequency: 220, tempo: 96, downloadable: true },
      { title: 'Last Stop, Graça', seconds: 24, frequency: 196, tempo: 84 },
      {
        title: 'Night Shift (members’ demo)',
        seconds: 22,
        frequency: 247,
        tempo: 108,
        visibility: 'members',
      },
    ],
  },
  {
    slug: 'patch-notes',
    owner: 'sam@example.com',
    title: 'Patch #12: a slow LFO',
    kind: 'single',
    releaseDate: '2026-11-06',
    credits: 'Patched by Sam Ortega on a 4U case. Every sound in this week’s lesson.',
    description: 'The sound of this week’s lesson, before and after the filter.',
    colors: ['#2f6d8c', '#0f1d26'],
    tracks: [
      { title: 'Slow LFO, before and after', seconds: 20, frequency: 165, tempo: 72, downloadable: true },
    ],
  },
];

/** Square cover art: a gradient, rings like a record, the title. Generated, so nothing is shipped. */
function cover(title: string, [from, to]: [string, string]): Promise<Buffer> {
  const rings = Array.from(
    { length: 7 },
    (_, i) =>
      `<circle cx="700" cy="640" r="${120 + i * 70}" fill="none" stroke="#fff" stroke-opacity="${0.05 + i * 0.02}" stroke-width="3"/>`,
  ).join('');
  const safe = title.replace(/[<&>]/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="1400">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0.4" y2="1">
      <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="1400" height="1400" fill="url(#g)"/>${rings}
    <text x="90" y="1270" font-family="serif" font-size="96" fill="#fffaf2">${safe}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * Demo releases with real audio made by ffmpeg at seed time (no audio files in the repository).
 * Runs after the server listens, so the first start is not held up; tracks appear as they are made
 * and then go through the same processing as any upload.
 */
export async function seedDemoMusic(app: App, viewers: Map<string, Viewer>): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'coterie-demo-audio-'));
  let count = 0;
  try {
    for (const r of RELEASES) {
      const viewer = viewers.get(r.owner);
      if (!viewer) continue;
      const release = await app.music.releases.create(viewer, r.slug, {
        title: r.title,
        kind: r.kind,
        releaseDate: r.releaseDate,
        credits: r.credits,
        description: r.description,
      });
      await app.music.releases.setArtwork(viewer, release.id, await cover(r.title, r.colors));
      for (const [i, track] of r.tracks.entries()) {
        const audio = await makeAudio(dir, 'flac', {
          seconds: track.seconds,
          frequency: track.frequency,
          tempo: track.tempo,
          style: 'arpeggio',
          title: track.title,
          name: `${r.slug}-${i}`,
        });
        await app.music.tracks.upload(
          viewer,
          r.slug,
          {
            title: track.title,
            visibility: track.visibility ?? 'public',
            downloadable: track.downloadable ?? false,
            releaseId: release.id,
          },
          {
            path: audio.path,
            bytes: (await stat(audio.path)).size,
            sha256: createHash('sha256')
              .update(await readFile(audio.path))
              .digest('hex'),
            filename: `${track.title}.flac`,
            discard: () => rm(audio.path, { force: true }),
          },
        );
        count++;
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return count;
}
