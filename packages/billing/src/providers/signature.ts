import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The sandbox provider's webhook signature, shaped like Stripe's so both adapters read alike:
 * `Coterie-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. Several v1
 * values may be present (a secret being rotated); one match is enough.
 */
export const SIGNATURE_HEADER = 'coterie-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureProblem =
  | 'missing_signature'
  | 'malformed_signature'
  | 'stale_signature'
  | 'bad_signature';

export function signPayload(secret: string, rawBody: string | Buffer, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.`).update(rawBody).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** null when the signature holds; otherwise what is wrong with it (never which part of a secret matched). */
export function checkSignature(
  header: string | undefined,
  rawBody: Buffer,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureProblem | null {
  if (!header) return 'missing_signature';
  let t: number | null = null;
  const macs: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) macs.push(Buffer.from(value, 'hex'));
  }
  if (t === null || macs.length === 0) return 'malformed_signature';
  // Too old or from the future: a captured request cannot be replayed later.
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return 'stale_signature';
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  return macs.some((mac) => timingSafeEqual(mac, expected)) ? null : 'bad_signature';
}
