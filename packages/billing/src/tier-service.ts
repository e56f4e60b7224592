import type { CommunityService } from '@coterie/communities';
import {
  type AppContext,
  assertCurrency,
  badRequest,
  checkPrice,
  newId,
  notFound,
  type Viewer,
} from '@coterie/platform';
import type { BillingStore, TierRow } from './store.ts';

export interface TierView {
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

export function tierView(row: TierRow, subscribers?: number): TierView {
  return {
    id: row.id,
    name: row.name,
    priceMinor: row.priceMinor,
    currency: row.currency,
    perks: row.perks,
    position: row.position,
    archived: row.archivedAt !== null,
    ...(subscribers === undefined ? {} : { subscribers }),
  };
}

export const tierNotFound = () => notFound('There is no such tier.', 'tier_not_found');

/** Membership tiers: a monthly price and perks; the owner edits them, archived ones keep their subscribers. */
export class TierService {
  readonly #ctx: AppContext;
  readonly #store: BillingStore;
  readonly #communities: CommunityService;

  constructor(ctx: AppContext, store: BillingStore, communities: CommunityService) {
    this.#ctx = ctx;
    this.#store = store;
    this.#communities = communities;
  }

  async list(viewer: Viewer | null, slug: string): Promise<{ items: TierView[] }> {
    const { community, membership } = await this.#communities.access(slug, viewer);
    const team = membership?.role === 'owner' || membership?.role === 'moderator';
    const rows = await this.#store.tiersOf(community.id, team);
    const counts = team ? await this.#store.activeSubscriberCounts(community.id) : null;
    return { items: rows.map((r) => tierView(r, counts ? (counts.get(r.id) ?? 0) : undefined)) };
  }

  async create(viewer: Viewer, slug: string, input: TierInput): Promise<TierView> {
    const { community } = await this.#communities.requireRole(slug, viewer, ['owner'], 'create tiers');
    const name = cleanName(input.name);
    assertCurrency(input.currency);
    checkPrice(input.priceMinor, 'priceMinor');
    const existing = await this.#store.tiersOf(community.id, false);
    if (existing.length > 0 && existing.some((t) => t.currency !== input.currency)) {
      throw badRequest('currency_mismatch', `This community's tiers are priced in ${existing[0]?.currency}.`);
    }
    const row = await this.#store.insertTier({
      id: newId('tir'),
      communityId: community.id,
      name,
      priceMinor: input.priceMinor,
      currency: input.currency,
      perks: (input.perks ?? '').trim(),
      position: await this.#store.nextTierPosition(community.id),
    });
    return tierView(row, 0);
  }

  async update(
    viewer: Viewer,
    tierId: string,
    patch: Partial<TierInput> & { position?: number; archived?: boolean },
  ): Promise<TierView> {
    const { tier, community } = await this.#ownTier(viewer, tierId);
    const now = this.#ctx.clock();
    if (patch.currency !== undefined && patch.currency !== tier.currency) {
      throw badRequest('currency_fixed', 'A tier keeps its currency; create a new tier for another one.');
    }
    if (patch.priceMinor !== undefined) checkPrice(patch.priceMinor, 'priceMinor');
    const row = await this.#store.updateTier(tier.id, {
      ...(patch.name === undefined ? {} : { name: cleanName(patch.name) }),
      ...(patch.priceMinor === undefined ? {} : { priceMinor: patch.priceMinor }),
      ...(patch.perks === undefined ? {} : { perks: patch.perks.trim() }),
      ...(patch.position === undefined ? {} : { position: patch.position }),
      ...(patch.archived === undefined
        ? {}
        : { archivedAt: patch.archived ? (tier.archivedAt ?? now) : null }),
      updatedAt: now,
    });
    if (!row) throw tierNotFound();
    const counts = await this.#store.activeSubscriberCounts(community.id);
    return tierView(row, counts.get(row.id) ?? 0);
  }

  async #ownTier(
    viewer: Viewer,
    tierId: string,
  ): Promise<{ tier: TierRow; community: { id: string; slug: string } }> {
    const tier = await this.#store.tier(tierId);
    if (!tier) throw tierNotFound();
    const { community } = await this.#communities.accessById(tier.communityId, viewer);
    await this.#communities.requireRole(community.slug, viewer, ['owner'], 'edit tiers');
    return { tier, community };
  }
}

function cleanName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean === '') throw badRequest('validation_failed', 'name must not be blank.');
  return clean;
}
