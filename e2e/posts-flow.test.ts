import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AxeSummary,
  artifactsDir,
  collectPageErrors,
  isolatedContext,
  launchChromium,
  runAxe,
  screenshot,
  serious,
} from './support/browser.ts';
import { apiFromPage, PASSWORD, signUp, uniqueEmail } from './support/people.ts';
import { drawPicture } from './support/pictures.ts';
import { type RunningServer, startServer } from './support/server.ts';

const XSS = {
  script: '<script>window.__xss=1</script>',
  img: '<img src=x onerror="window.__xss=1">',
  link: '[click](javascript:window.__xss=1)',
  svg: '<svg onload="window.__xss=1">',
};

/** What a rendered post or comment must never contain, whatever its author typed. */
async function dangerousNodes(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const found: string[] = [];
    for (const node of root.querySelectorAll('script, iframe, object, embed, svg[onload], img[src="x"]'))
      found.push(node.outerHTML);
    for (const node of root.querySelectorAll('*')) {
      for (const attribute of node.attributes) {
        if (attribute.name.startsWith('on')) found.push(`${node.tagName} ${attribute.name}`);
        if (/^\s*javascript:/i.test(attribute.value))
          found.push(`${node.tagName} ${attribute.name}=${attribute.value}`);
      }
    }
    return found;
  });
}

// An owner and a member take turns in their own browser contexts, as two people would; a third
// person tries to inject script. One server for the whole file keeps it quick.
describe('posts in a community, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let ownerContext: BrowserContext;
  let memberContext: BrowserContext;
  let malloryContext: BrowserContext;
  let owner: Page;
  let member: Page;
  let mallory: Page;
  const pageErrors: string[] = [];
  const blocked: string[] = [];
  const dialogs: string[] = [];
  const axe: AxeSummary[] = [];

  const community = { name: 'Tape Club Porto', slug: 'tape-club-porto' };
  const base = `/c/${community.slug}`;
  let inviteUrl = '';
  let postId = '';

  async function checkAccessibility(page: Page, label: string) {
    const summary = await runAxe(page, label);
    axe.push(summary);
    expect(serious(summary), `axe found serious problems on ${label}`).toEqual([]);
  }

  async function settle(page: Page) {
    await page.evaluate(() => document.fonts.ready);
  }

  const postBy = (page: Page, name: string) => page.getByRole('article', { name: `Post by ${name}` });
  const pressed = (button: Locator) => button.getAttribute('aria-pressed');

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    ownerContext = await isolatedContext(browser, server.baseUrl, blocked);
    memberContext = await isolatedContext(browser, server.baseUrl, blocked);
    malloryContext = await isolatedContext(browser, server.baseUrl, blocked);
    owner = await ownerContext.newPage();
    member = await memberContext.newPage();
    mallory = await malloryContext.newPage();
    for (const page of [owner, member, mallory]) {
      page.setDefaultTimeout(15_000);
      const errors = collectPageErrors(page);
      page.on('close', () => pageErrors.push(...errors));
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    }
  });

  afterAll(async () => {
    const minor = axe.flatMap((s) => s.violations.map((v) => `${s.page}: ${v.id} (${v.impact})`));
    console.log(
      minor.length > 0
        ? `axe, below serious:\n  ${minor.join('\n  ')}`
        : `axe: no violations on ${axe.length} pages`,
    );
    await ownerContext?.close();
    await memberContext?.close();
    await malloryContext?.close();
    await browser?.close();
    await server?.stop();
  });

  it('the owner signs up, starts a private community with an invite, and finds its feed empty', async () => {
    await signUp(owner, 'Lena Novak', uniqueEmail('owner'));
    await apiFromPage(owner, 'POST', '/api/communities', {
      slug: community.slug,
      name: community.name,
      kind: 'interest',
      visibility: 'private',
      tagline: 'Cassettes, reel-to-reel and the people who still love them.',
      accentColor: '#7a2e3b',
      ownerHandle: 'lena',
      ownerShare: ['displayName'],
    });
    const invite = await apiFromPage<{ code: string }>(
      owner,
      'POST',
      `/api/communities/${community.slug}/invites`,
      {},
    );
    inviteUrl = `${base}?invite=${invite.code}`;

    await owner.goto(base);
    await owner.getByRole('heading', { name: 'Nothing posted yet' }).waitFor();
    await owner.getByLabel('Your post').waitFor();
  });

  it('a member signs up, opens the invite and joins, sharing only a display name', async () => {
    await signUp(member, 'Rosa Ferreira', uniqueEmail('member'));
    await member.goto(inviteUrl);
    // Outsiders, even invited, do not read a private community's posts.
    await member.getByRole('heading', { name: 'Posts are for members' }).waitFor();
    await member
      .getByRole('button', { name: `Join ${community.name}` })
      .first()
      .click();
    const dialog = member.getByRole('dialog', { name: `Join ${community.name}` });
    await dialog.getByLabel('Your handle', { exact: true }).fill('rosa.f');
    await dialog.getByRole('checkbox', { name: 'Display name' }).check();
    await dialog.getByRole('button', { name: `Join ${community.name}` }).click();
    await member.getByText(`Welcome to ${community.name}, @rosa.f.`).waitFor();
    await member.getByLabel('Your post').waitFor();
  });

  it('the member writes a post with bold text and a picture, which shows at once', async () => {
    const composer = member.getByRole('form', { name: 'Write a post' });
    await composer
      .getByLabel('Your post')
      .fill('Side B of the **Porto tape** is done. Who wants a copy?\n\n- 12 songs\n- 47 minutes');
    await composer.getByLabel('Add a picture').setInputFiles({
      name: 'tape.png',
      mimeType: 'image/png',
      buffer: await drawPicture(member, 960, 600),
    });
    const upload = composer.getByRole('figure');
    await expect
      .poll(() => upload.locator('img').evaluate((img) => (img as HTMLImageElement).src))
      .toMatch(/^blob:/);
    await upload.getByText('Ready').waitFor();
    await checkAccessibility(member, 'composer with a picture');
    await composer.getByRole('button', { name: 'Post', exact: true }).click();

    const post = postBy(member, 'Rosa Ferreira');
    await post.waitFor();
    await composer.getByText('Posted.').waitFor();
    expect(await composer.getByLabel('Your post').inputValue()).toBe('');
    expect(await post.locator('.post__body strong').textContent()).toBe('Porto tape');
    expect(await post.locator('.prose li').count()).toBe(2);
    const picture = post.locator('.post__picture img');
    expect(await picture.getAttribute('width')).toBe('960');
    expect(await picture.getAttribute('height')).toBe('600');
    await expect.poll(() => picture.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(960);
    expect(await picture.getAttribute('src')).toMatch(/^\/api\/media\//);
    const link = await post.getByRole('link', { name: 'just now' }).getAttribute('href');
    postId = link?.split('/p/')[1] ?? '';
    expect(link).toBe(`${base}/p/${postId}`);
    expect(await post.locator('time').getAttribute('title')).toMatch(/\d{4}/);

    // The author edits it in place: the text as written comes back, and the post says "edited".
    await post.getByRole('button', { name: 'More actions for the post by Rosa Ferreira' }).click();
    await member.getByRole('menuitem', { name: 'Edit' }).click();
    const editor = post.getByLabel('Edit your post');
    expect(await editor.inputValue()).toContain('Side B of the **Porto tape** is done.');
    expect(await editor.evaluate((node) => node === document.activeElement)).toBe(true);
    await editor.press('End');
    await editor.fill(`${await editor.inputValue()}\n\nCopies go out _on Friday_.`);
    await post.getByRole('button', { name: 'Save' }).click();
    await post.locator('.post__body em').getByText('on Friday').waitFor();
    await post.getByText('edited', { exact: true }).waitFor();
  });

  it('the owner comments twice and the member replies in a thread', async () => {
    await owner.reload();
    const post = postBy(owner, 'Rosa Ferreira');
    const toggle = post.getByRole('button', { name: 'Comment', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const thread = post.getByRole('region', { name: 'Comments' });
    await thread.getByLabel('Write a comment').fill('Lovely. Which deck did you **record** it on?');
    await thread.getByRole('button', { name: 'Post comment' }).click();
    await thread.getByRole('article', { name: 'Comment by Lena Novak' }).waitFor();
    await post.getByRole('button', { name: '1 comment' }).waitFor();
    await thread.getByLabel('Write a comment').fill('Cheap blank tapes, 50 for 5 euros, message me!');
    await thread.getByRole('button', { name: 'Post comment' }).click();
    await post.getByRole('button', { name: '2 comments' }).waitFor();

    await member.reload();
    const mine = postBy(member, 'Rosa Ferreira');
    await mine.getByRole('button', { name: '2 comments' }).click();
    const first = mine
      .getByRole('article', { name: 'Comment by Lena Novak' })
      .filter({ hasText: 'Which deck' });
    await first.getByRole('button', { name: 'Reply to Lena Novak' }).click();
    const replyBox = first.getByLabel('Reply to Lena Novak');
    expect(await replyBox.evaluate((node) => node === document.activeElement)).toBe(true);
    await replyBox.fill('A Nakamichi BX-300, borrowed from a friend.');
    await first.getByRole('button', { name: 'Reply', exact: true }).click();
    const reply = mine.getByRole('article', { name: 'Comment by Rosa Ferreira' });
    await reply.waitFor();
    // The reply sits in the replies under the comment it answers, and takes focus.
    expect(await reply.evaluate((node) => node.closest('ul')?.getAttribute('aria-label'))).toBe('Replies');
    expect(await reply.evaluate((node) => node === document.activeElement)).toBe(true);
    await mine.getByRole('button', { name: '3 comments' }).waitFor();
  });

  it('both react: counts add up and each sees their own reactions pressed', async () => {
    const mine = postBy(member, 'Rosa Ferreira');
    await mine.getByRole('button', { name: 'Add a reaction' }).click();
    await mine.getByRole('button', { name: 'React with 🔥' }).click();
    const fireForMember = mine.getByRole('button', { name: '🔥 1' });
    await fireForMember.waitFor();
    expect(await pressed(fireForMember)).toBe('true');
    await mine.getByRole('button', { name: 'Add a reaction' }).click();
    await mine.getByRole('button', { name: 'React with 🎵' }).click();
    await mine.getByRole('button', { name: '🎵 1' }).waitFor();

    await owner.reload();
    const post = postBy(owner, 'Rosa Ferreira');
    const fire = post.getByRole('button', { name: '🔥 1' });
    expect(await pressed(fire)).toBe('false');
    await fire.click();
    const both = post.getByRole('button', { name: '🔥 2' });
    await both.waitFor();
    expect(await pressed(both)).toBe('true');
    expect(await pressed(post.getByRole('button', { name: '🎵 1' }))).toBe('false');

    await member.reload();
    const again = postBy(member, 'Rosa Ferreira');
    expect(await pressed(again.getByRole('button', { name: '🔥 2' }))).toBe('true');
    // Taking one back.
    await again.getByRole('button', { name: '🎵 1' }).click();
    await expect.poll(() => again.getByRole('button', { name: /^🎵/ }).count()).toBe(0);
    await checkAccessibility(member, 'feed, member');
    await settle(member);
    await screenshot(member, 'posts-feed-member');
  });

  it('the owner pins the post, from the post menu', async () => {
    const post = postBy(owner, 'Rosa Ferreira');
    const menuButton = post.getByRole('button', { name: 'More actions for the post by Rosa Ferreira' });
    await menuButton.click();
    const menu = owner.getByRole('menu', { name: 'More actions for the post by Rosa Ferreira' });
    // Focus moves into the menu; the arrow keys walk it.
    await expect.poll(() => owner.evaluate(() => document.activeElement?.textContent)).toBe('Pin to the top');
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Pin to the top',
      'Hide from members',
      'Delete',
    ]);
    await checkAccessibility(owner, 'feed, owner, post menu open');
    await post.getByRole('button', { name: '3 comments' }).click();
    await post.getByRole('button', { name: 'More actions for the comment by Rosa Ferreira' }).click();
    await owner.getByRole('menu', { name: 'More actions for the comment by Rosa Ferreira' }).waitFor();
    await post.getByRole('button', { name: 'Add a reaction' }).click();
    await post.getByRole('group', { name: 'Choose a reaction' }).waitFor();
    await checkAccessibility(owner, 'feed, owner, reaction palette open');
    await owner.screenshot({
      path: path.join(artifactsDir, 'posts-reaction-palette.png'),
      animations: 'disabled',
    });
    await owner.keyboard.press('Escape');
    await post.getByRole('button', { name: 'More actions for the comment by Rosa Ferreira' }).click();
    await checkAccessibility(owner, 'feed, owner, comment menu open');
    await owner.keyboard.press('Escape');
    await menuButton.click();
    await settle(owner);
    await owner.screenshot({
      path: path.join(artifactsDir, 'posts-feed-owner-menu.png'),
      animations: 'disabled',
    });
    await owner.keyboard.press('ArrowDown');
    await owner.keyboard.press('ArrowUp');
    expect(await owner.evaluate(() => document.activeElement?.textContent)).toBe('Pin to the top');
    await owner.keyboard.press('Enter');
    const pinned = owner.getByRole('list', { name: 'Pinned posts' });
    await pinned.getByRole('article', { name: 'Post by Rosa Ferreira' }).waitFor();
    expect(await pinned.textContent()).toContain('Pinned');

    await member.reload();
    await member.getByRole('list', { name: 'Pinned posts' }).getByRole('article').waitFor();
  });

  it('the member reports a comment, and the owner hides it from the Reports section', async () => {
    const post = postBy(member, 'Rosa Ferreira');
    await post.getByRole('button', { name: '3 comments' }).click();
    const spam = post
      .getByRole('article', { name: 'Comment by Lena Novak' })
      .filter({ hasText: 'blank tapes' });
    await spam.getByRole('button', { name: 'More actions for the comment by Lena Novak' }).click();
    await member.getByRole('menuitem', { name: 'Report' }).click();
    const dialog = member.getByRole('dialog', { name: 'Report this comment' });
    await dialog.getByRole('radio', { name: 'Spam or advertising' }).check();
    await dialog.getByLabel('Anything the moderators should know').fill('Selling things in our thread.');
    await dialog.getByRole('button', { name: 'Send the report' }).click();
    await spam.getByText(`Thank you. The moderators of ${community.name} will take a look.`).waitFor();
    expect(await dialog.isVisible()).toBe(false);

    await owner.goto(`${base}/settings`);
    await owner
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'Reports' })
      .click();
    const report = owner.getByRole('article', { name: 'Reports about a comment by Lena Novak' });
    await report.getByText('Cheap blank tapes, 50 for 5 euros').waitFor();
    expect(await report.textContent()).toContain('Spam or advertising: Selling things in our thread.');
    await checkAccessibility(owner, 'settings, reports');
    await settle(owner);
    await screenshot(owner, 'posts-reports');
    await report.getByRole('button', { name: 'Hide the comment' }).click();
    await owner.getByText('Nothing to look at.').waitFor();

    // Members no longer see it; the owner still does, marked.
    await member.reload();
    const after = postBy(member, 'Rosa Ferreira');
    await after.getByRole('button', { name: '2 comments' }).click();
    await after.getByRole('article', { name: 'Comment by Rosa Ferreira' }).waitFor();
    expect(await after.textContent()).not.toContain('blank tapes');
    await owner.goto(`${base}/p/${postId}`);
    const hidden = owner
      .getByRole('article', { name: 'Comment by Lena Novak' })
      .filter({ hasText: 'blank tapes' });
    await hidden.getByText('Hidden').waitFor();
  });

  it('the single post page shows the whole thread, also on a phone', async () => {
    await member.goto(`${base}/p/${postId}`);
    const post = postBy(member, 'Rosa Ferreira');
    await post.getByRole('heading', { name: '2 comments' }).waitFor();
    await post.getByRole('article', { name: 'Comment by Rosa Ferreira' }).waitFor();
    expect(await member.title()).toContain('Side B of the Porto tape');
    await checkAccessibility(member, 'single post');
    await settle(member);
    await screenshot(member, 'posts-single');

    await member.setViewportSize({ width: 375, height: 812 });
    await member.goto(base);
    await postBy(member, 'Rosa Ferreira').waitFor();
    const overflow = await member.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the feed scrolls sideways on a phone').toBeLessThanOrEqual(0);
    await settle(member);
    await screenshot(member, 'posts-feed-375');
    await member.setViewportSize({ width: 1280, height: 860 });
  });

  it('the member leaves; the post and the reply stay, signed "Former member"', async () => {
    await member.goto('/me/communities');
    const panel = member.getByRole('article', { name: community.name, exact: true });
    await panel.getByRole('button', { name: `Leave ${community.name}…` }).click();
    await panel.getByRole('button', { name: `Leave ${community.name}`, exact: true }).click();
    await member.getByText(`You left ${community.name}.`).waitFor();

    await owner.goto(`${base}/p/${postId}`);
    const post = postBy(owner, 'Former member');
    await post.waitFor();
    await post.getByRole('article', { name: 'Comment by Former member' }).waitFor();
    expect(await post.locator('.post__body strong').textContent()).toBe('Porto tape');
    // Their reaction went with the membership; the owner's stays.
    expect(await pressed(post.getByRole('button', { name: '🔥 1' }))).toBe('true');
    await settle(owner);
    await screenshot(owner, 'posts-former-member');
  });

  it('renders what a member types as text: no script runs, nothing is injected', async () => {
    const open = { slug: 'open-mic', name: 'Open Mic Night' };
    await apiFromPage(owner, 'POST', '/api/communities', {
      ...open,
      kind: 'artist',
      visibility: 'public',
      accentColor: '#0f766e',
      ownerHandle: 'lena',
    });
    await signUp(mallory, 'Mallory Quinn', uniqueEmail('mallory'));
    await apiFromPage(mallory, 'POST', `/api/communities/${open.slug}/join`, {
      handle: 'mallory',
      share: ['displayName'],
    });
    await mallory.goto(`/c/${open.slug}`);

    const payload = `${XSS.script}\n\n${XSS.img}\n\n${XSS.link}\n\n${XSS.svg}\n\n[a fine link](https://example.com/tapes)`;
    const composer = mallory.getByRole('form', { name: 'Write a post' });
    await composer.getByLabel('Your post').fill(payload);
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    const post = postBy(mallory, 'Mallory Quinn');
    await post.waitFor();
    await post.getByRole('button', { name: 'Comment', exact: true }).click();
    const thread = post.getByRole('region', { name: 'Comments' });
    for (const comment of [XSS.script, XSS.img, `${XSS.link} ${XSS.svg}`]) {
      await thread.getByLabel('Write a comment').fill(comment);
      await thread.getByRole('button', { name: 'Post comment' }).click();
      await thread
        .getByRole('article')
        .filter({ hasText: comment.slice(0, 12) })
        .first()
        .waitFor();
    }
    await thread.getByRole('article', { name: 'Comment by Mallory Quinn' }).nth(2).waitFor();

    for (const page of [mallory, owner]) {
      if (page === owner) {
        await owner.goto(`/c/${open.slug}`);
        await postBy(owner, 'Mallory Quinn').getByRole('button', { name: '3 comments' }).click();
        await postBy(owner, 'Mallory Quinn')
          .getByRole('article', { name: 'Comment by Mallory Quinn' })
          .nth(2)
          .waitFor();
      }
      const rendered = postBy(page, 'Mallory Quinn');
      // The words are there, as words.
      const text = (await rendered.textContent()) ?? '';
      expect(text).toContain(XSS.script);
      expect(text).toContain(XSS.img);
      expect(text).toContain('[click](javascript:window.__xss=1)');
      expect(await dangerousNodes(rendered)).toEqual([]);
      // The one real link is kept, and marked as user content.
      const fine = rendered.getByRole('link', { name: 'a fine link' });
      expect(await fine.getAttribute('href')).toBe('https://example.com/tapes');
      expect(await fine.getAttribute('rel')).toContain('nofollow');
      expect(await fine.getAttribute('rel')).toContain('ugc');
      // Clicking where the javascript: link would be does nothing.
      await rendered.locator('.post__body').getByText('[click](javascript:window.__xss=1)').click();
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    }
    expect(dialogs).toEqual([]);
    await settle(mallory);
    await screenshot(mallory, 'posts-xss');
  });

  it('deleting an account can keep the posts, without a name', async () => {
    await mallory.goto('/me/data');
    await mallory.getByRole('button', { name: 'Delete my account…' }).click();
    await mallory.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await mallory.getByRole('radio', { name: 'Keep them, without my name' }).check();
    await mallory.getByLabel('I understand that my account and my data will be gone for good.').check();
    await checkAccessibility(mallory, 'delete account');
    await mallory.getByRole('button', { name: 'Delete my account for good' }).click();
    await mallory.getByText('your posts stay, signed by no one').waitFor();

    await owner.reload();
    const post = postBy(owner, 'Former member');
    await post.waitFor();
    expect(await post.textContent()).toContain(XSS.script);
  });

  it('pages through a long feed with "Load older posts"', async () => {
    for (let i = 1; i <= 21; i++) {
      await apiFromPage(owner, 'POST', '/api/communities/open-mic/posts', {
        body: `Set list, night ${i}`,
        visibility: i % 2 === 0 ? 'members' : 'public',
      });
    }
    await owner.goto('/c/open-mic');
    const list = owner.getByRole('list', { name: 'Posts' });
    await list.getByRole('article').first().waitFor();
    expect(await list.getByRole('article').count()).toBe(20);
    expect(await list.getByRole('article').first().textContent()).toContain('Set list, night 21');
    await owner.getByRole('button', { name: 'Load older posts' }).click();
    await expect.poll(() => list.getByRole('article').count()).toBe(22);
    // Focus moves to the first of the older posts.
    expect(await owner.evaluate(() => document.activeElement?.textContent ?? '')).toContain(
      'Set list, night 1',
    );
    expect(await owner.getByRole('button', { name: 'Load older posts' }).count()).toBe(0);
    expect(await list.getByText('Members only').count()).toBe(10);

    // Someone from outside reads only the public posts, with a way to join.
    await member.goto('/c/open-mic');
    await member.getByText('You are reading what Open Mic Night shares publicly.').waitFor();
    await member.getByRole('list', { name: 'Posts' }).getByRole('article').first().waitFor();
    expect(await member.getByText('Members only').count()).toBe(0);
    expect(await member.getByLabel('Your post').count()).toBe(0);
    await checkAccessibility(member, 'feed, outsider');

    // Logged out: the same public posts, and a way in.
    const visitorContext = await isolatedContext(browser, server.baseUrl, blocked);
    const visitor = await visitorContext.newPage();
    const errors = collectPageErrors(visitor);
    try {
      await visitor.goto('/c/open-mic');
      await visitor.getByRole('button', { name: 'Log in to join' }).first().waitFor();
      const first = visitor.getByRole('list', { name: 'Posts' }).getByRole('article').first();
      await first.getByRole('button', { name: 'Comment', exact: true }).click();
      await first.getByText('and join Open Mic Night to comment.').waitFor();
      expect(await first.getByRole('button', { name: 'Add a reaction' }).count()).toBe(0);
      await settle(visitor);
      await screenshot(visitor, 'posts-feed-visitor');
    } finally {
      await visitorContext.close();
      pageErrors.push(...errors);
    }
  });

  it('the owner deletes a post after confirming, and focus moves to the next one', async () => {
    const list = owner.getByRole('list', { name: 'Posts' });
    const newest = list.getByRole('article').filter({ hasText: 'Set list, night 21' });
    await newest.getByRole('button', { name: 'More actions for the post by Lena Novak' }).click();
    await owner.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = owner.getByRole('dialog', { name: 'Delete this post?' });
    // Focus starts on the safe choice.
    await expect.poll(() => owner.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await confirm.getByRole('button', { name: 'Delete the post' }).click();
    await expect.poll(() => newest.count()).toBe(0);
    expect(await owner.evaluate(() => document.activeElement?.textContent ?? '')).toContain(
      'Set list, night 20',
    );
    expect(await list.getByRole('article').count()).toBe(21);
  });

  it('raised no console errors, no dialogs, and reached nothing but the server under test', async () => {
    await owner.close();
    await member.close();
    await mallory.close();
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
