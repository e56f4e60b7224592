import type { Viewer } from './context.ts';

/**
 * The seam between money and the capabilities whose content it unlocks. Billing implements it;
 * music and posts ask it, and register what they sell, without depending on billing.
 */
export type ItemType = 'track' | 'release' | 'product';

export interface Price {
  amountMinor: number;
  currency: string;
  /** The amount is the minimum; buyers may pay more. */
  payWhatYouWant: boolean;
}

/** What a purchase needs to know of a sellable thing, as the buyer may see it. */
export interface SellableItem {
  communityId: string;
  title: string;
  price: Price | null;
  /** The web path of the item: where the buyer returns once paid. */
  href: string;
}

/** Finds an item the viewer may see (throwing the owner capability's 404 otherwise). */
export type SellableResolver = (itemId: string, viewer: Viewer) => Promise<SellableItem>;

export interface PaidAccess {
  /**
   * The community's tiers the person's live subscription reaches: its own tier and every tier
   * priced at or below it in the same currency. Empty without a live subscription.
   */
  reachableTiers(communityId: string, userId: string): Promise<ReadonlySet<string>>;
  /** The tier, if it belongs to the community (for validating a `tier` visibility). */
  tierOf(communityId: string, tierId: string): Promise<{ id: string; name: string } | null>;
  /** Which of the items the person has bought and not had refunded, as `type:id` keys. */
  owned(userId: string, items: readonly { type: ItemType; id: string }[]): Promise<ReadonlySet<string>>;
  /** Registers the resolver for a kind of item, so `POST /api/purchases` can sell it. */
  sell(type: ItemType, resolver: SellableResolver): void;
}

export const itemKey = (type: ItemType, id: string): string => `${type}:${id}`;
