import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 10;
// Long enough for any passphrase, short enough that hashing it is never a denial of service.
export const PASSWORD_MAX_LENGTH = 256;
const MIN_SCORE = 3;

export type PasswordVerdict = { ok: true } | { ok: false; message: string };

const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/**
 * NIST SP 800-63B style: length, a blocklist of common passwords, nothing derived from the
 * account itself, and an estimate of guessability (zxcvbn) instead of composition rules.
 */
export function checkPassword(
  password: string,
  context: { email: string; displayName?: string },
): PasswordVerdict {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return { ok: false, message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { ok: false, message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  const lower = password.toLowerCase();
  const email = context.email.toLowerCase();
  const local = email.split('@')[0] ?? '';
  if (lower.includes(email) || (local.length >= 4 && lower.includes(local))) {
    return { ok: false, message: 'Your password must not contain your email address.' };
  }
  const name = (context.displayName ?? '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  if (name.length >= 4 && lower.replace(/[^\p{L}\p{N}]/gu, '').includes(name)) {
    return { ok: false, message: 'Your password must not contain your name.' };
  }
  if (COMMON.has(lower)) {
    return {
      ok: false,
      message: 'That is one of the most common passwords. Choose something less predictable.',
    };
  }
  const userInputs = [
    email,
    local,
    ...(context.displayName ? context.displayName.toLowerCase().split(/\s+/) : []),
  ];
  const result = zxcvbn.check(
    password,
    userInputs.filter((w) => w.length >= 3),
  );
  if (result.score < MIN_SCORE) {
    const common = ['common', 'topTen', 'topHundred', 'similarToCommon'].includes(
      result.feedback.warning ?? '',
    );
    return {
      ok: false,
      message: common
        ? 'That password is too close to a commonly used one. Choose something less predictable.'
        : 'That password would be easy to guess. A few unrelated words together make a strong one.',
    };
  }
  return { ok: true };
}
