import type { CommunityService } from '@coterie/communities';
import {
  type AppContext,
  badRequest,
  conflict,
  forbidden,
  newId,
  notFound,
  type Viewer,
} from '@coterie/platform';
import type { PaymentProvider } from './providers/provider.ts';
import type { BillingStore, SubscriptionRow } from './store.ts';
import { type TierView, tierNotFound, tierView } from './tier-service.ts';

const CHECKOUT_MINUTES = 60;

export interface CheckoutStarted {
  checkoutId: string;
  checkoutUrl: string;
}

export interface SubscriptionView {
  id: string;
  status: SubscriptionRow['status'];
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  tier: TierView;
  community: { slug: string; name: string };
}

/** Subscribing to a tier (through the provider's checkout), changing tier, cancelling at period end. */
export class SubscriptionService {
  readonly #ctx: AppContext;
  readonly #store: BillingStore;
  readonly #provider: PaymentProvider;
  readonly #communities: CommunityService;

  constructor(
    ctx: AppContext,
    store: BillingStore,
    provider: PaymentProvider,
    communities: CommunityService,
  ) {
    this.#ctx = ctx;
    this.#store = store;
    this.#provider = provider;
    this.#communities = communities;
  }

  /** A checkout for the tier; the subscription exists once the provider says it was paid. */
  async subscribe(viewer: Viewer, slug: string, tierId: string): Promise<CheckoutStarted> {
    const { community, membership } = await this.#communities.access(slug, viewer);
    if (!membership) throw forbidden('Join the community before choosing a tier.', 'not_a_member');
    const tier = await this.#store.tier(tierId);
    if (!tier || tier.communityId !== community.id) throw tierNotFound();
    if (tier.archivedAt) throw badRequest('tier_archived', 'That tier is no longer offered.');
    const live = await this.#store.liveSubscription(community.id, viewer.userId);
    if (live && live.tierId === tier.id && live.status === 'active') {
      throw conflict('already_subscribed', `You are already subscribed to ${tier.name}.`);
    }
    const now = this.#ctx.clock();
    const checkout = await this.#store.insertCheckout({
      id: newId('chk'),
      communityId: community.id,
      userId: viewer.userId,
      provider: this.#provider.name,
      kind: 'subscription',
      tierId: tier.id,
      amountMinor: tier.priceMinor,
      currency: tier.currency,
      expiresAt: new Date(now.getTime() + CHECKOUT_MINUTES * 60_000),
    });
    const base = `/c/${encodeURIComponent(community.slug)}`;
    const { url } = await this.#provider.createCheckout({
      checkoutId: checkout.id,
      kind: 'subscription',
      amountMinor: tier.priceMinor,
      currency: tier.currency,
      title: `${tier.name}, ${community.name} (monthly)`,
      successUrl: `${base}/support?checkout=${checkout.id}`,
      cancelUrl: `${base}/support`,
    });
    return { checkoutId: checkout.id, checkoutUrl: url };
  }

  /** Stops renewal; access lasts until the period paid for ends. */
  async cancel(viewer: Viewer, slug: string): Promise<SubscriptionView> {
    const { community } = await this.#communities.access(slug, viewer);
    const live = await this.#store.liveSubscription(community.id, viewer.userId);
    if (!live) throw notFound('You have no subscription here.', 'no_subscription');
    const row = await this.#store.updateSubscription(live.id, {
      cancelAtPeriodEnd: true,
      updatedAt: this.#ctx.clock(),
    });
    return this.#view(row, community);
  }

  /** Changed my mind: keep renewing (nothing is charged until the period ends anyway). */
  async resume(viewer: Viewer, slug: string): Promise<SubscriptionView> {
    const { community } = await this.#communities.access(slug, viewer);
    const live = await this.#store.liveSubscription(community.id, viewer.userId);
    if (!live) throw notFound('You have no subscription here.', 'no_subscription');
    const row = await this.#store.updateSubscription(live.id, {
      cancelAtPeriodEnd: false,
      updatedAt: this.#ctx.clock(),
    });
    return this.#view(row, community);
  }

  async mine(viewer: Viewer, slug: string): Promise<SubscriptionView | null> {
    const { community } = await this.#communities.access(slug, viewer);
    const live = await this.#store.liveSubscription(community.id, viewer.userId);
    return live ? this.#view(live, community) : null;
  }

  async allOfMine(viewer: Viewer): Promise<SubscriptionView[]> {
    const rows = await this.#store.subscriptionsOfUser(viewer.userId);
    const views: SubscriptionView[] = [];
    for (const row of rows) {
      const { community } = await this.#communities
        .accessById(row.communityId, viewer)
        .catch(() => ({ community: null }));
      if (community) views.push(await this.#view(row, community));
    }
    return views;
  }

  /** Access follows the state: active, or past due (the grace while the provider retries), until the period ends. */
  async hasLiveSubscription(communityId: string, userId: string, now: Date): Promise<SubscriptionRow | null> {
    const live = await this.#store.liveSubscription(communityId, userId);
    return live && live.currentPeriodEnd > now ? live : null;
  }

  async #view(row: SubscriptionRow, community: { slug: string; name: string }): Promise<SubscriptionView> {
    const tier = await this.#store.tier(row.tierId);
    if (!tier) throw tierNotFound();
    return {
      id: row.id,
      status: row.status,
      currentPeriodEnd: row.currentPeriodEnd.toISOString(),
      cancelAtPeriodEnd: row.cancelAtPeriodEnd,
      tier: tierView(tier),
      community: { slug: community.slug, name: community.name },
    };
  }
}
