import { describe, expect, it } from 'vitest';
import { checkSignature, signPayload } from './signature.ts';

const secret = 'whsec_test_secret';
const body = Buffer.from('{"id":"evt_1","type":"invoice.paid"}');

describe('webhook signatures', () => {
  it('accept what was signed with the secret within five minutes', () => {
    const header = signPayload(secret, body, 1_000_000);
    expect(checkSignature(header, body, secret, 1_000_000)).toBeNull();
    expect(checkSignature(header, body, secret, 1_000_300)).toBeNull();
    // A rotated secret: either v1 may match.
    const other = signPayload('old', body, 1_000_000).split(',')[1];
    expect(checkSignature(`${header},${other}`, body, secret, 1_000_000)).toBeNull();
  });

  it('refuse forged, tampered, stale, future and malformed signatures', () => {
    const header = signPayload(secret, body, 1_000_000);
    expect(checkSignature(signPayload('guess', body, 1_000_000), body, secret, 1_000_000)).toBe(
      'bad_signature',
    );
    expect(checkSignature(header, Buffer.from(`${body} `), secret, 1_000_000)).toBe('bad_signature');
    expect(checkSignature(header.replace('t=1000000', 't=1000001'), body, secret, 1_000_000)).toBe(
      'bad_signature',
    );
    expect(checkSignature(header, body, secret, 1_000_301)).toBe('stale_signature');
    expect(checkSignature(header, body, secret, 999_699)).toBe('stale_signature');
    expect(checkSignature(undefined, body, secret, 1_000_000)).toBe('missing_signature');
    expect(checkSignature('t=abc,v1=zz', body, secret, 1_000_000)).toBe('malformed_signature');
    expect(checkSignature('v1=00', body, secret, 1_000_000)).toBe('malformed_signature');
  });
});
