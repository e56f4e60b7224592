import type { CheckoutStarted } from './billing.ts';
import { api } from './client.ts';

/** What a track, release or product costs; with payWhatYouWant, amountMinor is the least a buyer pays. */
export interface Price {
  amountMinor: number;
  currency: string;
  payWhatYouWant: boolean;
}

export type PurchaseItemType = 'track' | 'release' | 'product';

export interface Purchase {
  id: string;
  itemType: PurchaseItemType;
  itemId: string;
  title: string;
  community: { slug: string; name: string };
  amountMinor: number;
  currency: string;
  refunded: boolean;
  createdAt: string;
  paymentId: string;
  /** The web path of what was bought. */
  href: string;
}

export type PaymentKind = 'subscription' | 'purchase';

export interface Payment {
  id: string;
  kind: PaymentKind;
  description: string;
  community: { slug: string; name: string };
  grossMinor: number;
  refundedMinor: number;
  currency: string;
  capturedAt: string;
}

/** One payment as a receipt: who paid, through what, and how it was split. */
export interface Receipt extends Payment {
  provider: string;
  chargeRef: string;
  artistShareMinor: number;
  platformShareMinor: number;
  buyer: { displayName: string; email: string };
}

export const purchasesApi = {
  buy: (itemType: PurchaseItemType, itemId: string, amountMinor: number) =>
    api<CheckoutStarted>('POST', '/api/purchases', { itemType, itemId, amountMinor }),
  mine: () => api<{ purchases: Purchase[] }>('GET', '/api/me/purchases'),
  payments: () => api<{ payments: Payment[] }>('GET', '/api/me/payments'),
  receipt: (id: string) => api<Receipt>('GET', `/api/me/payments/${encodeURIComponent(id)}`),
};

/**
 * The item's own title. Purchases and payments carry the checkout's title, which ends in
 * " · Community" for the payment page; lists that name the community beside it drop the echo.
 */
export function withoutCommunity(title: string, communityName: string): string {
  const suffix = ` · ${communityName}`;
  return title.endsWith(suffix) && title.length > suffix.length ? title.slice(0, -suffix.length) : title;
}
