import { describe, expect, it } from 'vitest';
import {
  checkAccentColor,
  checkHandle,
  checkShare,
  checkSlug,
  outranks,
  sharedValues,
  suggestHandle,
} from './rules.ts';

describe('community rules', () => {
  it('accepts good slugs and refuses bad or reserved ones', () => {
    expect(checkSlug('night-bus-radio')).toBe('night-bus-radio');
    for (const bad of [
      'ab',
      'a'.repeat(41),
      'Night',
      '-lead',
      'trail-',
      'dou--ble',
      'sp ace',
      'admin',
      'api',
      'new',
    ]) {
      expect(() => checkSlug(bad), bad).toThrow();
    }
  });
  it('normalises handles and compares them case-insensitively', () => {
    expect(checkHandle(' @Ana.O ')).toEqual({ handle: 'Ana.O', key: 'ana.o' });
    expect(checkHandle('jöran_1').key).toBe('jöran_1');
    for (const bad of ['a', 'x'.repeat(31), 'has space', '<script>', 'semi;colon']) {
      expect(() => checkHandle(bad), bad).toThrow();
    }
  });
  it('validates accent colours', () => {
    expect(checkAccentColor('#2F5D50')).toBe('#2f5d50');
    for (const bad of ['red', '#fff', '#12345g', 'javascript:1', '#1234567'])
      expect(() => checkAccentColor(bad)).toThrow();
  });
  it('keeps only known share fields, deduplicated in a stable order', () => {
    expect(checkShare(['bio', 'displayName', 'bio'])).toEqual(['displayName', 'bio']);
    expect(() => checkShare(['displayName', 'passwordHash'])).toThrow(/passwordHash/);
    expect(checkShare([])).toEqual([]);
  });
  it('copies only the shared fields', () => {
    const profile = {
      displayName: 'Ana',
      realName: 'Ana Okafor',
      email: 'ana@example.com',
      location: 'Lisbon',
      bio: null,
      avatarUrl: null,
      links: [],
      birthday: '1990-01-01',
    };
    expect(sharedValues(profile, ['displayName', 'location'])).toEqual({
      displayName: 'Ana',
      location: 'Lisbon',
    });
    expect(sharedValues(profile, [])).toEqual({});
  });
  it('suggests a handle from a name', () => {
    expect(suggestHandle('Ana Okafor')).toBe('ana.okafor');
    expect(suggestHandle('Jöran Ström')).toBe('joran.strom');
    expect(suggestHandle('!!')).toBe('member');
  });
  it('ranks roles', () => {
    expect(outranks('owner', 'moderator')).toBe(true);
    expect(outranks('moderator', 'member')).toBe(true);
    expect(outranks('moderator', 'moderator')).toBe(false);
    expect(outranks('member', 'owner')).toBe(false);
  });
});
