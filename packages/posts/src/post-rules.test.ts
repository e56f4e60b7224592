import { describe, expect, it } from 'vitest';
import { canSee, checkEmoji, cleanBody, renderBody } from './post-rules.ts';

describe('post rules', () => {
  it('renders markdown-ish text and makes every XSS payload inert', () => {
    expect(renderBody('**Loud** and _soft_\nnext line')).toBe(
      '<p><strong>Loud</strong> and <em>soft</em><br>\nnext line</p>\n',
    );
    for (const payload of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '[x](JAVASCRIPT:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<a href="javascript:alert(1)">x</a>',
      '![tracker](https://tracker.example/pixel.gif)',
      '<svg onload=alert(1)>',
    ]) {
      const html = renderBody(payload);
      // Only harmless tags come out; anything else was escaped into text.
      const tags = [...html.matchAll(/<([a-z0-9]+)([^>]*)>/gi)];
      for (const [, name, attributes] of tags) {
        expect(
          ['p', 'br', 'strong', 'em', 'a', 'code', 'pre', 's', 'ul', 'ol', 'li', 'blockquote', 'hr'],
          payload,
        ).toContain(name!.toLowerCase());
        if (name === 'a')
          expect(attributes, payload).toMatch(
            /^ href="https?:\/\/[^"]*" rel="nofollow ugc noopener noreferrer"$/,
          );
        else expect(attributes, payload).toBe('');
      }
    }
    expect(renderBody('see https://ana.example.com')).toContain(
      '<a href="https://ana.example.com" rel="nofollow ugc noopener noreferrer">',
    );
  });
  it('cleans and limits bodies', () => {
    expect(cleanBody('  hi\r\nthere  ', 10)).toBe('hi\nthere');
    expect(() => cleanBody('   ', 10)).toThrow(/empty/);
    expect(() => cleanBody('x'.repeat(11), 10)).toThrow(/at most 10/);
  });
  it('accepts one emoji, with modifiers and joiners, and nothing else', () => {
    for (const ok of ['🎵', '❤️', '👍🏽', '👩‍🎤', '🇵🇹']) expect(checkEmoji(ok), ok).toBe(ok);
    for (const bad of ['a', '🎵🎵', ':)', '<b>', '', '🎵x']) expect(() => checkEmoji(bad), bad).toThrow();
  });
  it('shows members-only posts to members only', () => {
    const none = new Set<string>();
    expect(canSee({ visibility: 'public', tierId: null }, false, none)).toBe(true);
    expect(canSee({ visibility: 'members', tierId: null }, false, none)).toBe(false);
    expect(canSee({ visibility: 'members', tierId: null }, true, none)).toBe(true);
  });
  it('shows tier posts to members whose subscription reaches the tier, and to the team', () => {
    const post = { visibility: 'tier', tierId: 'tier_gold' };
    expect(canSee(post, false, new Set(['tier_gold']))).toBe(false);
    expect(canSee(post, true, new Set())).toBe(false);
    expect(canSee(post, true, new Set(['tier_silver']))).toBe(false);
    expect(canSee(post, true, new Set(['tier_silver', 'tier_gold']))).toBe(true);
    expect(canSee(post, true, null)).toBe(true);
    expect(canSee({ visibility: 'tier', tierId: null }, true, new Set(['tier_gold']))).toBe(false);
  });
});
