import { api } from './client.ts';

/** A monthly membership tier; money is always in integer minor units of `currency`. */
export interface Tier {
  id: string;
  name: string;
  priceMinor: number;
  currency: string;
  perks: string;
  position: number;
  archived: boolean;
  /** Owners and moderators only: live subscriptions on this tier. */
  subscribers?: number;
}

export interface TierInput {
  name: string;
  priceMinor: number;
  currency: string;
  perks?: string;
}

export type TierPatch = Partial<Omit<TierInput, 'currency'>> & { position?: number; archived?: boolean };

export type SubscriptionStatus = 'active' | 'past_due' | 'canceled';

export interface Subscription {
  id: string;
  status: SubscriptionStatus;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  tier: Tier;
  community: { slug: string; name: string };
}

export interface CheckoutStarted {
  checkoutId: string;
  /** Where the browser goes to pay: the sandbox's own page, or a provider's. */
  checkoutUrl: string;
}

export type CheckoutStatus = 'open' | 'completed' | 'declined' | 'expired';

export interface SandboxCheckout {
  id: string;
  kind: string;
  title: string;
  amountMinor: number;
  currency: string;
  status: CheckoutStatus;
  returnUrl: string;
}

export interface EarningsPeriod {
  /** YYYY-MM, UTC. */
  month: string;
  currency: string;
  grossMinor: number;
  artistShareMinor: number;
  platformShareMinor: number;
  refundsMinor: number;
  netPayableMinor: number;
  paidOutMinor: number;
  activeSubscribers: number;
}

export interface Earnings {
  /** The artist's share in basis points (8000 = 80 %). */
  artistShareBps: number;
  /** Newest month first. */
  periods: EarningsPeriod[];
  balances: { currency: string; owedMinor: number }[];
}

/** The sandbox's two test cards, as its checkout page lists them. */
export const TEST_CARDS = [
  { number: '4242 4242 4242 4242', outcome: 'Payment succeeds' },
  { number: '4000 0000 0000 0002', outcome: 'Card is declined' },
] as const;

const community = (slug: string) => `/api/communities/${encodeURIComponent(slug)}`;
const checkout = (id: string) => `/api/payments/sandbox/checkout/${encodeURIComponent(id)}`;

export const billingApi = {
  tiers: (slug: string) => api<{ items: Tier[] }>('GET', `${community(slug)}/tiers`),
  createTier: (slug: string, input: TierInput) => api<Tier>('POST', `${community(slug)}/tiers`, input),
  updateTier: (id: string, patch: TierPatch) =>
    api<Tier>('PATCH', `/api/tiers/${encodeURIComponent(id)}`, patch),

  subscribe: (slug: string, tierId: string) =>
    api<CheckoutStarted>('POST', `${community(slug)}/subscriptions`, { tierId }),
  mine: (slug: string) =>
    api<{ subscription: Subscription | null }>('GET', `${community(slug)}/subscriptions/mine`),
  cancel: (slug: string) => api<Subscription>('DELETE', `${community(slug)}/subscriptions/mine`),
  resume: (slug: string) => api<Subscription>('POST', `${community(slug)}/subscriptions/mine/resume`),
  allMine: () => api<{ items: Subscription[] }>('GET', '/api/me/subscriptions'),

  checkout: (id: string) => api<SandboxCheckout>('GET', checkout(id)),
  pay: (id: string, cardNumber: string) =>
    api<{ status: 'completed'; returnUrl: string }>('POST', `${checkout(id)}/pay`, { cardNumber }),

  earnings: (slug: string) => api<Earnings>('GET', `${community(slug)}/earnings`),
};

/** A plain link, not a fetch: the browser downloads the attachment itself. */
export const earningsCsvUrl = (slug: string) => `${community(slug)}/earnings.csv`;
