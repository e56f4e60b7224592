import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Envelope encryption: every community has its own 256-bit data key, stored only wrapped
 * (AES-256-GCM) under a key-encryption key derived from the instance master key. Destroying a
 * community's wrapped key makes everything sealed with it unreadable, in backups too.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor() {
    super('The data could not be decrypted: wrong key, or it was tampered with.');
    this.name = 'DecryptionError';
  }
}

/** A purpose-bound key from the master key (HKDF-SHA256), so one key never serves two jobs. */
export function deriveKey(masterKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `coterie/${purpose}`, 32));
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** AES-256-GCM; the output is iv ‖ tag ‖ ciphertext. `aad` binds it to where it belongs. */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  const data = Buffer.from(sealed);
  if (data.length < IV_BYTES + TAG_BYTES) throw new DecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

export function sealJson(key: Buffer, value: unknown, aad: string): Buffer {
  return seal(key, Buffer.from(JSON.stringify(value), 'utf8'), aad);
}

export function openJson<T>(key: Buffer, sealed: Uint8Array, aad: string): T {
  return JSON.parse(open(key, sealed, aad).toString('utf8')) as T;
}
