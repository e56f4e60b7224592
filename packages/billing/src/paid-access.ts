import {
  type AppContext,
  badRequest,
  type ItemType,
  type PaidAccess,
  type SellableItem,
  type SellableResolver,
  type Viewer,
} from '@coterie/platform';
import type { CommerceStore } from './commerce-store.ts';

/** Billing's side of the commerce seam: what a subscription reaches, what was bought, what is for sale. */
export class BillingPaidAccess implements PaidAccess {
  readonly #ctx: AppContext;
  readonly #store: CommerceStore;
  readonly #resolvers = new Map<ItemType, SellableResolver>();

  constructor(ctx: AppContext, store: CommerceStore) {
    this.#ctx = ctx;
    this.#store = store;
  }

  reachableTiers(communityId: string, userId: string): Promise<ReadonlySet<string>> {
    return this.#store.reachableTiers(communityId, userId, this.#ctx.clock());
  }

  tierOf(communityId: string, tierId: string): Promise<{ id: string; name: string } | null> {
    return this.#store.tierOf(communityId, tierId);
  }

  owned(userId: string, items: readonly { type: ItemType; id: string }[]): Promise<ReadonlySet<string>> {
    return this.#store.owned(userId, items);
  }

  sell(type: ItemType, resolver: SellableResolver): void {
    this.#resolvers.set(type, resolver);
  }

  /** The item as its own capability shows it to the viewer (its 404 when they cannot see it). */
  async resolve(type: ItemType, itemId: string, viewer: Viewer): Promise<SellableItem> {
    const resolver = this.#resolvers.get(type);
    if (!resolver) throw badRequest('not_for_sale', `${type}s are not sold on this instance.`);
    return resolver(itemId, viewer);
  }
}
