import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, deriveKey, newDataKey, open, openJson, seal, sealJson } from './envelope.ts';

describe('envelope encryption', () => {
  const master = randomBytes(32);
  it('round-trips and binds to its associated data', () => {
    const key = newDataKey();
    const sealed = sealJson(key, { email: 'a@example.com' }, 'community:c1/membership:m1');
    expect(sealed.toString('utf8')).not.toContain('a@example.com');
    expect(openJson(key, sealed, 'community:c1/membership:m1')).toEqual({ email: 'a@example.com' });
    expect(() => open(key, sealed, 'community:c2/membership:m1')).toThrow(DecryptionError);
  });
  it('refuses another key and tampered bytes', () => {
    const key = newDataKey();
    const sealed = seal(key, Buffer.from('secret'), 'x');
    expect(() => open(newDataKey(), sealed, 'x')).toThrow(DecryptionError);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => open(key, tampered, 'x')).toThrow(DecryptionError);
    expect(() => open(key, Buffer.alloc(5), 'x')).toThrow(DecryptionError);
  });
  it('derives distinct keys per purpose, stable for the same master key', () => {
    expect(deriveKey(master, 'a').equals(deriveKey(master, 'a'))).toBe(true);
    expect(deriveKey(master, 'a').equals(deriveKey(master, 'b'))).toBe(false);
    expect(
      seal(newDataKey(), Buffer.from('same'), 'x').equals(seal(newDataKey(), Buffer.from('same'), 'x')),
    ).toBe(false);
  });
});
