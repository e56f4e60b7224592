import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Expiring, buyer-bound download links: `<productId>.<userId>.<expires>.<mac>`, base64url parts,
 * HMAC-SHA256 under an instance secret. The link says who it was made for, and the download
 * route also requires that person's session, so a forwarded link is useless to anyone else.
 */
export interface DownloadGrant {
  productId: string;
  userId: string;
  /** Unix seconds. */
  expires: number;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const unb64 = (part: string): string => Buffer.from(part, 'base64url').toString('utf8');

function mac(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signDownload(secret: Buffer, grant: DownloadGrant): string {
  const payload = `${b64(grant.productId)}.${b64(grant.userId)}.${grant.expires}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The grant a token carries if its MAC holds (expiry is the caller's to judge), else null. */
export function readDownload(secret: Buffer, token: string): DownloadGrant | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [product, user, expires, given] = parts as [string, string, string, string];
  if (!/^\d{1,12}$/.test(expires)) return null;
  const expected = Buffer.from(mac(secret, `${product}.${user}.${expires}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { productId: unb64(product), userId: unb64(user), expires: Number(expires) };
}
