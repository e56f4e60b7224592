import { describe, expect, it } from 'vitest';
import { cleanBirthday, cleanWebUrl, normalizeEmail } from './profile-rules.ts';

describe('profile rules', () => {
  it('normalises emails for case-insensitive uniqueness', () => {
    expect(normalizeEmail('  Ana.Okafor@Example.COM ')).toBe('ana.okafor@example.com');
  });
  it('accepts only http(s) links', () => {
    expect(cleanWebUrl('https://ana.example.com', 'url')).toBe('https://ana.example.com/');
    expect(() => cleanWebUrl('javascript:alert(1)', 'url')).toThrow(/https/);
    expect(() => cleanWebUrl('not a url', 'url')).toThrow(/valid URL/);
  });
  it('accepts only real past birthdays', () => {
    const today = new Date('2026-11-22T00:00:00Z');
    expect(cleanBirthday('1990-02-28', today)).toBe('1990-02-28');
    expect(() => cleanBirthday('1990-02-30', today)).toThrow(/real date/);
    expect(() => cleanBirthday('2030-01-01', today)).toThrow(/future/);
    expect(() => cleanBirthday('1850-01-01', today)).toThrow(/1900/);
  });
});
