import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.ts';

const ctx = { email: 'ana.okafor@example.com', displayName: 'Ana Okafor' };

describe('checkPassword', () => {
  it('accepts a long passphrase', () => {
    expect(checkPassword('quiet harbour lanterns at dusk', ctx)).toEqual({ ok: true });
  });
  it('refuses fewer than 10 characters, counting code points', () => {
    expect(checkPassword('Xq9!vT2#p', ctx).ok).toBe(false);
    expect(checkPassword('🎵🎵🎵🎵🎵', ctx).ok).toBe(false);
  });
  it('refuses very long passwords', () => {
    expect(checkPassword('x'.repeat(257), ctx).ok).toBe(false);
  });
  it('refuses the email or its local part', () => {
    expect(checkPassword('ana.okafor@example.com', ctx).ok).toBe(false);
    expect(checkPassword('ANA.OKAFOR-rules-9', ctx)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/email/),
    });
  });
  it('refuses the most common passwords whatever the case', () => {
    for (const common of ['password123', 'qwertyuiop', 'iloveyou12', '1234567890', 'PASSWORD123']) {
      expect(checkPassword(common, ctx).ok, common).toBe(false);
    }
  });
  it('refuses guessable patterns built from the name', () => {
    expect(checkPassword('anaokafor1', ctx).ok).toBe(false);
  });
});
