import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AxeSummary,
  collectPageErrors,
  isolatedContext,
  launchChromium,
  runAxe,
  screenshot,
  serious,
} from './support/browser.ts';
import { apiFromPage, signUp, uniqueEmail } from './support/people.ts';
import { type RunningServer, startServer } from './support/server.ts';

const run = promisify(execFile);

/** What the one <audio> element of the app is doing. */
interface AudioState {
  paused: boolean;
  currentTime: number;
  /** True while it is the very element marked at the start of playback: the player was never rebuilt. */
  same: boolean;
  count: number;
}

const audioState = (page: Page): Promise<AudioState> =>
  page.evaluate(() => {
    const all = document.querySelectorAll<HTMLAudioElement>('[data-testid="coterie-audio"]');
    const audio = all[0];
    const marked = (window as unknown as { __coterieAudio?: HTMLAudioElement }).__coterieAudio;
    return {
      paused: audio?.paused ?? true,
      currentTime: audio?.currentTime ?? 0,
      same: audio !== undefined && audio === marked,
      count: all.length,
    };
  });

// An artist uploads a track through the upload page; it plays at once and keeps playing while
// they move around the community and the site. A listener who is not logged in hears it too.
describe('music: upload, processing, and a player that survives navigation', () => {
  let server: RunningServer;
  let browser: Browser;
  let artistContext: BrowserContext;
  let artist: Page;
  let workDir = '';
  let audioFile = '';
  const pageErrors: string[] = [];
  const blocked: string[] = [];
  const axe: AxeSummary[] = [];
  const plays: { url: string; body: unknown }[] = [];

  const community = { name: 'Salt Road Sessions', slug: 'salt-road-sessions', accent: '#b4532a' };
  const base = `/c/${community.slug}`;
  let trackUrl = '';

  async function checkAccessibility(page: Page, label: string) {
    const summary = await runAxe(page, label);
    axe.push(summary);
    expect(serious(summary), `axe found serious problems on ${label}`).toEqual([]);
  }

  /** Playing, in the same element as before, and further along than `after`. */
  async function expectStillPlaying(page: Page, after: number): Promise<number> {
    await expect
      .poll(async () => (await audioState(page)).currentTime, { timeout: 10_000 })
      .toBeGreaterThan(after);
    const state = await audioState(page);
    expect(state).toMatchObject({ paused: false, same: true, count: 1 });
    return state.currentTime;
  }

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'coterie-e2e-music-'));
    // 40 seconds of a chord that swells and fades, so the waveform has a shape: a real WAV, as an
    // artist would export it.
    audioFile = path.join(workDir, 'Salt_Roads.wav');
    await run(ffmpeg.path, [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=220:duration=40',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=330:duration=40',
      '-filter_complex',
      "[0][1]amix=inputs=2,volume=4,volume='0.25+0.75*abs(sin(t*0.6))':eval=frame",
      '-ar',
      '44100',
      '-ac',
      '2',
      audioFile,
    ]);
    server = await startServer();
    browser = await launchChromium();
    artistContext = await isolatedContext(browser, server.baseUrl, blocked);
    artist = await artistContext.newPage();
    artist.setDefaultTimeout(15_000);
    const errors = collectPageErrors(artist);
    artist.on('close', () => pageErrors.push(...errors));
    artist.on('request', (request: Request) => {
      if (request.method() === 'POST' && /\/api\/tracks\/[^/]+\/plays$/.test(new URL(request.url()).pathname))
        plays.push({ url: request.url(), body: request.postDataJSON() });
    });
  });

  afterAll(async () => {
    const minor = axe.flatMap((s) => s.violations.map((v) => `${s.page}: ${v.id} (${v.impact})`));
    console.log(
      minor.length > 0
        ? `axe, below serious:\n  ${minor.join('\n  ')}`
        : `axe: no violations on ${axe.length} pages`,
    );
    await artistContext?.close();
    await browser?.close();
    await server?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('an artist starts an artist community and finds a Music tab that invites the first upload', async () => {
    await signUp(artist, 'Ana Okafor', uniqueEmail('artist'));
    await apiFromPage(artist, 'POST', '/api/communities', {
      slug: community.slug,
      name: community.name,
      kind: 'artist',
      visibility: 'public',
      tagline: 'Afro-folk built live, one loop at a time.',
      accentColor: community.accent,
      ownerHandle: 'ana',
      ownerShare: ['displayName'],
    });
    await artist.goto(base);
    await artist
      .getByRole('navigation', { name: `${community.name} sections` })
      .getByRole('link', { name: 'Music' })
      .click();
    await artist.waitForURL(`**${base}/music`);
    await artist.getByRole('heading', { name: 'Your first track starts here' }).waitFor();
    await checkAccessibility(artist, 'music tab, empty');
  });

  it('uploads a WAV through the upload page: a real progress bar, then processing live until ready', async () => {
    await artist.getByRole('link', { name: 'Upload your first track' }).click();
    await artist.getByRole('heading', { name: 'Upload a track' }).waitFor();
    await checkAccessibility(artist, 'upload page');

    await artist.getByLabel(/choose an audio file/).setInputFiles(audioFile);
    // The title comes from the file name.
    expect(await artist.getByLabel('Title').inputValue()).toBe('Salt Roads');
    await artist.getByRole('checkbox', { name: /Let listeners download it/ }).check();
    await artist.getByText('Salt_Roads.wav').waitFor();

    // A slow connection, so the progress bar has time to be seen moving.
    const cdp = await artistContext.newCDPSession(artist);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 2 * 1024 * 1024,
    });
    const seen = new Set<number>();
    await artist.getByRole('button', { name: 'Upload and publish' }).click();
    const bar = artist.getByRole('progressbar', { name: /Uploading Salt_Roads\.wav|Finishing the upload/ });
    await bar.waitFor();
    await expect
      .poll(
        async () => {
          const value = Number((await bar.getAttribute('value').catch(() => null)) ?? 'NaN');
          if (Number.isFinite(value)) seen.add(value);
          return [...seen].some((v) => v > 0 && v < 100);
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBe(true);
    await artist.getByRole('button', { name: 'Cancel upload' }).waitFor();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await cdp.detach();

    // The file is on the server: processing is followed until the track plays.
    await artist.getByRole('heading', { name: 'Salt Roads', level: 3 }).waitFor({ timeout: 30_000 });
    await artist.getByText('Ready', { exact: true }).waitFor({ timeout: 45_000 });
    const play = artist.getByRole('button', { name: 'Play Salt Roads' });
    expect(await play.isEnabled()).toBe(true);
    await artist.getByRole('slider', { name: 'Seek in Salt Roads' }).waitFor();
    await checkAccessibility(artist, 'upload page, track ready');
    await screenshot(artist, 'music-upload-ready');
  }, 90_000);

  it('plays at once, and the same audio keeps playing from page to page', async () => {
    await artist.getByRole('button', { name: 'Play Salt Roads' }).click();
    await artist.evaluate(() => {
      (window as unknown as { __coterieAudio?: HTMLAudioElement }).__coterieAudio =
        document.querySelector<HTMLAudioElement>('[data-testid="coterie-audio"]') ?? undefined;
    });
    let at = await expectStillPlaying(artist, 0.5);
    const player = artist.getByRole('region', { name: 'Player' });
    await player.getByRole('link', { name: 'Salt Roads' }).waitFor();
    await player.getByRole('button', { name: 'Pause' }).waitFor();
    // The bar has room of its own: the page ends above it.
    expect(
      await artist.evaluate(() => Number.parseFloat(getComputedStyle(document.body).paddingBottom)),
    ).toBeGreaterThan(60);

    // To the track page, inside the app.
    await artist.getByRole('link', { name: 'Open the track page' }).click();
    await artist.waitForURL(`**${base}/music/t/*`);
    trackUrl = new URL(artist.url()).pathname;
    const waveform = artist.getByRole('slider', { name: 'Seek in Salt Roads' });
    await waveform.waitFor();
    expect(await waveform.getAttribute('aria-valuemax')).toBe('40');
    at = await expectStillPlaying(artist, at);
    await expect.poll(async () => Number(await waveform.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await artist.getByRole('link', { name: /Original WAV/ }).waitFor();
    await artist.getByRole('link', { name: /MP3/ }).waitFor();
    await checkAccessibility(artist, 'track page, playing');

    // To the community's posts, by its tab.
    await artist
      .getByRole('navigation', { name: `${community.name} sections` })
      .getByRole('link', { name: 'Posts' })
      .click();
    await artist.waitForURL(`**${base}`);
    await artist.getByRole('heading', { name: 'Nothing posted yet' }).waitFor();
    at = await expectStillPlaying(artist, at);

    // Out of the community, to the home page, by the logo.
    await artist.getByRole('link', { name: 'Coterie, home' }).click();
    await artist.waitForURL((url) => url.pathname === '/');
    at = await expectStillPlaying(artist, at);
    await player.getByRole('link', { name: 'Salt Roads' }).waitFor();
    await checkAccessibility(artist, 'home page with the player');
    await screenshot(artist, 'music-home-with-player');

    // Keyboard: K pauses and plays again (focus is not in a field).
    await artist.keyboard.press('k');
    await expect.poll(async () => (await audioState(artist)).paused).toBe(true);
    await player.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await artist.keyboard.press('k');
    await expectStillPlaying(artist, at);
    await player.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await player.getByRole('region', { name: 'Keyboard shortcuts' }).getByText('Mute or unmute').waitFor();
    await checkAccessibility(artist, 'home page with the shortcuts');
    await artist.keyboard.press('Escape');
    await expect.poll(() => player.getByRole('region', { name: 'Keyboard shortcuts' }).count()).toBe(0);
  }, 60_000);

  it('counts one listen, after 30 seconds of real playback', async () => {
    expect(plays).toEqual([]);
    await expect
      .poll(async () => (await audioState(artist)).currentTime, { timeout: 40_000, interval: 500 })
      .toBeGreaterThan(31.5);
    await expect.poll(() => plays.length, { timeout: 5_000 }).toBe(1);
    const played = (plays[0]?.body as { playedMs?: number } | undefined)?.playedMs ?? 0;
    expect(played).toBeGreaterThanOrEqual(30_000);
    expect(played).toBeLessThan(34_000);
  }, 60_000);

  it('seeks with the waveform: a click and the arrow keys', async () => {
    await artist.getByRole('region', { name: 'Player' }).getByRole('link', { name: 'Salt Roads' }).click();
    await artist.waitForURL(`**${trackUrl}`);
    const waveform = artist.getByRole('slider', { name: 'Seek in Salt Roads' });
    await waveform.scrollIntoViewIfNeeded();
    const box = await waveform.boundingBox();
    if (!box) throw new Error('the waveform has no box');
    await waveform.click({ position: { x: box.width * 0.25, y: box.height / 2 } });
    await expect.poll(async () => (await audioState(artist)).currentTime).toBeGreaterThan(9);
    expect((await audioState(artist)).currentTime).toBeLessThan(14);
    await waveform.focus();
    const before = (await audioState(artist)).currentTime;
    await artist.keyboard.press('ArrowRight');
    await expect.poll(async () => (await audioState(artist)).currentTime).toBeGreaterThan(before + 4);
    expect(await waveform.getAttribute('aria-valuetext')).toMatch(/seconds? of 40 seconds/);
    expect((await audioState(artist)).same).toBe(true);
  });

  it('someone who is not logged in finds the track on the Music tab and hears it', async () => {
    const visitorContext = await isolatedContext(browser, server.baseUrl, blocked);
    const visitor = await visitorContext.newPage();
    visitor.setDefaultTimeout(15_000);
    const errors = collectPageErrors(visitor);
    try {
      await visitor.goto(base);
      await visitor
        .getByRole('navigation', { name: `${community.name} sections` })
        .getByRole('link', { name: 'Music' })
        .click();
      const list = visitor.getByRole('list', { name: `Tracks from ${community.name}` });
      await list.getByRole('link', { name: 'Salt Roads' }).waitFor();
      expect(await visitor.getByRole('link', { name: 'Upload a track' }).count()).toBe(0);
      await checkAccessibility(visitor, 'music tab, visitor');
      await list.getByRole('button', { name: 'Play Salt Roads' }).click();
      await expect.poll(async () => (await audioState(visitor)).currentTime).toBeGreaterThan(0.5);
      expect((await audioState(visitor)).paused).toBe(false);
      await visitor.getByRole('region', { name: 'Player' }).getByRole('button', { name: 'Pause' }).waitFor();
      await screenshot(visitor, 'music-tab-visitor');
    } finally {
      await visitorContext.close();
      pageErrors.push(...errors);
    }
  });

  it('raised no console errors and reached nothing but the server under test', async () => {
    await artist.close();
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
