import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.ts';
import { apiFromPage } from './support/people.ts';
import { BrowserSession } from './support/session.ts';

const run = promisify(execFile);

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

/** The page as a visitor sees it on a desktop, then on a phone. */
async function screenshots(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  // A phone lays the page out anew: give it a frame to settle.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

const audioState = (page: Page) =>
  page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>('[data-testid="coterie-audio"]');
    return { paused: audio?.paused ?? true, currentTime: audio?.currentTime ?? 0 };
  });

/**
 * Errors the browser logs for answers the app expects and explains on the page: the 404 of
 * "no curator profile yet", a curator who is not there, and the 409 of a full micro-elite.
 */
const EXPECTED = [
  /\/api\/me\/curator\b.*404|404.*\/api\/me\/curator\b/,
  /\/api\/curators\/nobody-here.*404|404.*\/api\/curators\/nobody-here/,
  /\/api\/me\/trust\/.*409|409.*\/api\/me\/trust\//,
];

// An artist uploads a track; a curator opts in under a name of their own and picks it, with a
// note, from its page; a fan finds the curator, trusts them, and hears the track on Discover with
// the reason it is there. The server holds micro-elites to one curator, so the limit shows too.
describe('discovery: curators, trust, picks and a Discover page that says why', () => {
  const session = new BrowserSession();
  const newPerson = (name: string): Promise<Page> => session.newPerson(name);
  const checkAccessibility = (page: Page, label: string): Promise<void> =>
    session.checkAccessibility(page, label);
  let workDir = '';
  let audioFile = '';

  const community = { name: 'Harbour Lights', slug: 'harbour-lights', accent: '#2d5f8b' };
  const track = 'Tide Clock';
  const curator = { handle: 'mira.digs', bio: 'Slow folk, tape hiss, anything with a cello in it.' };
  const note = 'The cello comes in at 0:04 and the whole room leans forward.';
  let trackUrl = '';
  let fan: Page;
  let mira: Page;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'coterie-e2e-discovery-'));
    // Eight seconds of two notes, as an artist would export them: short, so processing is quick.
    audioFile = path.join(workDir, 'Tide_Clock.wav');
    await run(ffmpeg.path, [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=196:duration=8',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=294:duration=8',
      '-filter_complex',
      '[0][1]amix=inputs=2,volume=3',
      '-ar',
      '44100',
      '-ac',
      '2',
      audioFile,
    ]);
    await session.start({ env: { COTERIE_TRUST_LIMIT: '1' } });
  });

  afterAll(async () => {
    await session.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('an artist uploads a short track to an artist community, and shares picks under a name of their own', async () => {
    const artist = await newPerson('Ana Okafor');
    await apiFromPage(artist, 'POST', '/api/communities', {
      slug: community.slug,
      name: community.name,
      kind: 'artist',
      visibility: 'public',
      tagline: 'Songs for the night ferry.',
      accentColor: community.accent,
      ownerHandle: 'ana',
      ownerShare: ['displayName'],
    });
    await artist.goto(`/c/${community.slug}/music/upload`);
    await artist.getByLabel(/choose an audio file/).setInputFiles(audioFile);
    expect(await artist.getByLabel('Title').inputValue()).toBe(track);
    await artist.getByRole('button', { name: 'Upload and publish' }).click();
    await artist.getByText('Ready', { exact: true }).waitFor({ timeout: 45_000 });
    const { tracks } = await apiFromPage<{ tracks: { id: string; title: string }[] }>(
      artist,
      'GET',
      `/api/communities/${community.slug}/tracks`,
    );
    trackUrl = `/c/${community.slug}/music/t/${tracks[0]?.id}`;
    // A second curator, so the fan has someone to trust past the limit.
    await apiFromPage(artist, 'PUT', '/api/me/curator', { handle: 'ana.listens', bio: 'Night music.' });
    await artist.close();
  }, 90_000);

  it('a curator opts in with a handle and a bio, then picks the track with a note from its page', async () => {
    mira = await newPerson('Mira Solberg');
    await mira.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Discover' }).click();
    await mira.waitForURL('**/discover');
    await mira
      .getByRole('navigation', { name: 'Discover sections' })
      .getByRole('link', { name: 'Your picks' })
      .click();
    await mira.getByRole('heading', { name: 'Your curator profile' }).waitFor();
    await mira
      .getByText('Your picks become public under this name; it is not linked to your community personas.')
      .waitFor();
    await screenshots(mira, 'discovery-curating-opt-in');
    await mira.getByLabel('Curator name').fill(curator.handle);
    await mira.getByLabel('A line about your taste (optional)').fill(curator.bio);
    await mira.getByRole('button', { name: 'Share my picks' }).click();
    await mira.getByText(`You are @${curator.handle}, curator.`).waitFor();
    await mira.getByRole('link', { name: `@${curator.handle}` }).waitFor();
    await checkAccessibility(mira, 'your picks, curator profile');

    await mira.goto(trackUrl);
    await mira.getByRole('heading', { name: track, level: 2 }).waitFor();
    await mira.getByRole('button', { name: `Pick ${track}` }).click();
    const box = mira.getByLabel('Why this track? (optional)');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill(note);
    await mira.getByText(`${[...note].length} / 280`).waitFor();
    await checkAccessibility(mira, 'track page, pick form open');
    await screenshots(mira, 'discovery-pick-form');
    await mira.getByRole('button', { name: 'Pick it' }).click();
    const picked = mira.getByRole('button', { name: `Picked ${track}: edit your note` });
    await picked.waitFor();
    await expect.poll(() => picked.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshots(mira, 'discovery-track-picked');

    // The pick and its note are in the list of my picks, to edit or remove.
    await mira.goto('/discover/curating');
    await mira.getByRole('list', { name: 'Your picks' }).getByText(note).waitFor();
    await screenshots(mira, 'discovery-your-picks');
  }, 60_000);

  it('a fan with nobody trusted is shown curators to start a micro-elite with', async () => {
    fan = await newPerson('Jonas Weber');
    await fan.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Discover' }).click();
    await fan.getByRole('heading', { name: 'Find your micro-elite' }).waitFor();
    const suggestions = fan.getByRole('list', { name: 'Suggested curators' });
    await suggestions.getByRole('link', { name: `@${curator.handle}` }).waitFor();
    await suggestions.getByRole('link', { name: '@ana.listens' }).waitFor();
    await checkAccessibility(fan, 'discover, nobody trusted');
    await screenshots(fan, 'discovery-discover-empty');
  });

  it('finds the curator’s profile, reads the pick and its note, and trusts them', async () => {
    await fan
      .getByRole('list', { name: 'Suggested curators' })
      .getByRole('link', { name: `@${curator.handle}` })
      .click();
    await fan.waitForURL(`**/curators/${curator.handle}`);
    await fan.getByRole('heading', { name: `@${curator.handle}`, level: 1 }).waitFor();
    await fan.getByText(curator.bio).waitFor();
    await fan.getByText('1 pick', { exact: true }).waitFor();
    const picks = fan.getByRole('list', { name: `Picks by @${curator.handle}` });
    await picks.getByRole('link', { name: track }).waitFor();
    await picks.getByText(note).waitFor();
    await checkAccessibility(fan, 'curator profile');

    await fan.getByRole('button', { name: `Trust @${curator.handle}` }).click();
    const mark = fan.getByText(`You trust @${curator.handle}`);
    await mark.waitFor();
    await expect.poll(() => mark.evaluate((el) => el === document.activeElement)).toBe(true);
    await fan.getByRole('button', { name: `Stop trusting @${curator.handle}` }).waitFor();
    await checkAccessibility(fan, 'curator profile, trusted');
    await screenshots(fan, 'discovery-curator-profile');
  });

  it('a full micro-elite says so, in the server’s words, where the Trust was pressed', async () => {
    // In the app, by links: a full load of /curators/ana.listens is refused by the server's page
    // fallback (a dot reads as a file extension there).
    await fan.getByRole('link', { name: 'Your micro-elite' }).click();
    await fan.waitForURL('**/discover/micro-elite');
    await fan.getByRole('heading', { name: 'Your micro-elite', level: 2 }).waitFor();
    await fan.getByText('Your micro-elite is full: 1 of 1.', { exact: false }).waitFor();
    const trusted = fan.getByRole('list', { name: 'Curators you trust' });
    await trusted.getByRole('link', { name: `@${curator.handle}` }).waitFor();
    await trusted.getByText(/trusted since/).waitFor();
    const suggestions = fan.getByRole('list', { name: 'Suggested curators' });
    await suggestions.getByRole('button', { name: 'Trust @ana.listens' }).click();
    await fan.getByRole('alert').filter({ hasText: 'the most a micro-elite holds' }).waitFor();
    await checkAccessibility(fan, 'micro-elite, full');
    await screenshots(fan, 'discovery-micro-elite');

    // The same refusal on the other curator's own page, with the way back to make room.
    await suggestions.getByRole('link', { name: '@ana.listens' }).click();
    await fan.getByRole('heading', { name: '@ana.listens', level: 1 }).waitFor();
    await fan.getByRole('button', { name: 'Trust @ana.listens' }).click();
    const alert = fan.getByRole('alert').filter({ hasText: 'the most a micro-elite holds' });
    await alert.waitFor();
    await alert.getByRole('link', { name: 'See whom you trust' }).click();
    await fan.waitForURL('**/discover/micro-elite');
  });

  it('Discover shows the pick with its reason and note; the track plays, and the fan picks it too', async () => {
    await fan
      .getByRole('navigation', { name: 'Discover sections' })
      .getByRole('link', { name: 'For you' })
      .click();
    const list = fan.getByRole('list', { name: 'Tracks for you' });
    await list.getByRole('link', { name: track }).waitFor();
    expect(await fan.getByRole('heading', { name: 'Find your micro-elite' }).count()).toBe(0);
    const reasons = fan.getByRole('list', { name: `Why ${track} is here` });
    await reasons.getByText(`Picked by @${curator.handle}, whom you trust`).waitFor();
    await reasons
      .getByRole('link', { name: `@${curator.handle}` })
      .first()
      .waitFor();
    await reasons.getByText(note).waitFor();
    await checkAccessibility(fan, 'discover, with a pick');

    await list.getByRole('button', { name: `Play ${track}` }).click();
    await expect
      .poll(async () => (await audioState(fan)).currentTime, { timeout: 10_000 })
      .toBeGreaterThan(0.5);
    expect((await audioState(fan)).paused).toBe(false);
    const player = fan.getByRole('region', { name: 'Player' });
    await player.getByRole('button', { name: 'Pause' }).waitFor();

    await list.getByRole('button', { name: `Pick ${track}` }).click();
    await fan.getByRole('button', { name: 'Pick it' }).click();
    await list.getByRole('button', { name: `Picked ${track}: edit your note` }).waitFor();
    // The player bar knows too: one store for every Pick button.
    await player.getByRole('button', { name: `Picked ${track}: edit your note` }).waitFor();
    await checkAccessibility(fan, 'discover, playing and picked');
    await screenshots(fan, 'discovery-discover');
  });

  it('a curator name nobody uses gets a page that says so', async () => {
    await fan.goto('/curators/nobody-here');
    await fan.getByRole('heading', { name: 'No curator called @nobody-here' }).waitFor();
    await checkAccessibility(fan, 'curator not found');
    await screenshot(fan, 'discovery-curator-missing-desktop');
  });

  it('the curator stops sharing, after a confirmation: the fan’s micro-elite is empty again', async () => {
    await mira.getByRole('button', { name: 'Stop sharing…' }).click();
    const dialog = mira.getByRole('dialog', { name: 'Stop sharing your picks?' });
    await dialog.waitFor();
    // Focus starts on the safe choice.
    await expect
      .poll(() =>
        dialog.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await checkAccessibility(mira, 'stop sharing, confirmation');
    await screenshot(mira, 'discovery-stop-sharing-desktop');
    await dialog.getByRole('button', { name: 'Stop sharing' }).click();
    await mira.getByText('Your curator profile is gone. Your picks are private again.').waitFor();
    await mira.getByRole('button', { name: 'Share my picks' }).waitFor();
    // The pick itself stays, private now.
    await mira.getByRole('list', { name: 'Your picks' }).getByText(note).waitFor();
    await mira.close();

    await fan.goto('/discover/micro-elite');
    await fan.getByText('You trust nobody yet.', { exact: false }).waitFor();
  });

  it('raised no console errors beyond the expected refusals, and reached nothing but the server', async () => {
    await fan.close();
    expect(session.unexpectedErrors(EXPECTED)).toEqual([]);
    expect(session.blocked).toEqual([]);
  });
});
