import { deriveKey, newDataKey, open, openJson, seal, sealJson } from '@coterie/platform';
import type { SharedValues } from './rules.ts';
import type { CommunitiesStore } from './store.ts';

/** Per-community data keys: created with the community, wrapped by the master key, cached unwrapped. */
export class CommunityKeys {
  readonly #store: CommunitiesStore;
  readonly #kek: Buffer;
  readonly #cache = new Map<string, Buffer>();

  constructor(store: CommunitiesStore, masterKey: Buffer) {
    this.#store = store;
    this.#kek = deriveKey(masterKey, 'community-data-key-wrapping');
  }

  /** A fresh data key and its wrapped form, for a community being created. */
  create(communityId: string): { key: Buffer; wrapped: Buffer } {
    const key = newDataKey();
    this.#cache.set(communityId, key);
    return { key, wrapped: seal(this.#kek, key, `community-key:${communityId}`) };
  }

  async key(communityId: string): Promise<Buffer> {
    const cached = this.#cache.get(communityId);
    if (cached) return cached;
    const wrapped = await this.#store.wrappedKey(communityId);
    if (!wrapped) throw new Error(`community ${communityId} has no data key`);
    const key = open(this.#kek, wrapped, `community-key:${communityId}`);
    this.#cache.set(communityId, key);
    return key;
  }

  forget(communityId: string): void {
    this.#cache.delete(communityId);
  }

  async sealShared(communityId: string, membershipId: string, values: SharedValues): Promise<Buffer> {
    return sealJson(await this.key(communityId), values, aad(communityId, membershipId));
  }

  async openShared(communityId: string, membershipId: string, sealed: Uint8Array): Promise<SharedValues> {
    return openJson<SharedValues>(await this.key(communityId), sealed, aad(communityId, membershipId));
  }
}

const aad = (communityId: string, membershipId: string): string =>
  `membership:${membershipId}@${communityId}`;
