import {
  badRequest,
  checkSalePrice,
  forbidden,
  itemKey,
  type PaidAccess,
  type Price,
  type SellableItem,
  type Viewer,
} from '@coterie/platform';
import type { MusicAccessResult } from './access.ts';
import type { ReleaseRow, TrackWithArtwork } from './store.ts';

/** What a viewer gets of priced and tier-only music: which tracks they may hear, and which they own. */
export interface Entitlement {
  /** Tier ids the viewer reaches in this community; null = everything (the team, an admin). */
  tiers: ReadonlySet<string> | null;
  /** `track:id` and `release:id` keys the viewer bought. */
  owned: ReadonlySet<string>;
}

export const EVERYTHING: Entitlement = { tiers: null, owned: new Set() };

interface Priced {
  priceMinor: number | null;
  priceCurrency: string | null;
  payWhatYouWant: boolean;
}

export function priceOf(row: Priced): Price | null {
  return row.priceMinor === null || row.priceCurrency === null
    ? null
    : { amountMinor: row.priceMinor, currency: row.priceCurrency, payWhatYouWant: row.payWhatYouWant };
}

/** A price as set by the artist (null: not for sale) → the columns that store it. */
export function priceColumns(
  price: { amountMinor: number; currency: string; payWhatYouWant?: boolean } | null,
): Priced {
  if (price === null) return { priceMinor: null, priceCurrency: null, payWhatYouWant: false };
  const checked = checkSalePrice(price);
  return {
    priceMinor: checked.amountMinor,
    priceCurrency: checked.currency,
    payWhatYouWant: checked.payWhatYouWant,
  };
}

export function mayHear(track: { visibility: string; tierId: string | null }, e: Entitlement): boolean {
  if (track.visibility !== 'tier' || e.tiers === null) return true;
  return track.tierId !== null && e.tiers.has(track.tierId);
}

/** Downloads open for the team, for buyers of the track or its release, and for free downloadable tracks. */
export function mayDownload(row: TrackWithArtwork, e: Entitlement, isTeam: boolean): boolean {
  if (isTeam) return true;
  if (e.owned.has(itemKey('track', row.id))) return true;
  if (row.releaseId && e.owned.has(itemKey('release', row.releaseId))) return true;
  return row.downloadable && row.priceMinor === null;
}

export function purchased(row: TrackWithArtwork, e: Entitlement): boolean {
  return (
    e.owned.has(itemKey('track', row.id)) ||
    (row.releaseId !== null && e.owned.has(itemKey('release', row.releaseId)))
  );
}

/** Music's side of the commerce seam. */
export class PaidMusic {
  readonly #paid: PaidAccess;

  constructor(paid: PaidAccess) {
    this.#paid = paid;
  }

  /** The viewer's entitlement in one community, for the tracks (and releases) about to be shown. */
  async entitlement(
    access: MusicAccessResult,
    viewer: Viewer | null,
    items: readonly { id: string; releaseId: string | null }[],
  ): Promise<Entitlement> {
    if (!viewer) return { tiers: new Set(), owned: new Set() };
    const all = access.isTeam || viewer.isAdmin;
    const tiers = all ? null : await this.#paid.reachableTiers(access.community.id, viewer.userId);
    const wanted = items.flatMap((t) => [
      { type: 'track' as const, id: t.id },
      ...(t.releaseId ? [{ type: 'release' as const, id: t.releaseId }] : []),
    ]);
    return { tiers, owned: await this.#paid.owned(viewer.userId, wanted) };
  }

  /** What the viewer bought among tracks of any communities (tier filtering is the caller's). */
  async ownedBy(
    viewer: Viewer | null,
    items: readonly { id: string; releaseId: string | null }[],
  ): Promise<Entitlement> {
    if (!viewer) return { tiers: new Set(), owned: new Set() };
    const wanted = items.flatMap((t) => [
      { type: 'track' as const, id: t.id },
      ...(t.releaseId ? [{ type: 'release' as const, id: t.releaseId }] : []),
    ]);
    return { tiers: null, owned: await this.#paid.owned(viewer.userId, wanted) };
  }

  /** Refuses a tier-only track to someone below its tier, naming what would open it. */
  async assertMayHear(
    track: { visibility: string; tierId: string | null; communityId: string },
    e: Entitlement,
  ): Promise<void> {
    if (mayHear(track, e)) return;
    const tier = track.tierId ? await this.#paid.tierOf(track.communityId, track.tierId) : null;
    throw forbidden(
      tier
        ? `This track is for supporters on ${tier.name} or a higher tier.`
        : 'This track is for the community’s team.',
      'tier_required',
    );
  }

  /** A tier visibility needs a tier of the track's own community. */
  async checkTier(communityId: string, tierId: string | null | undefined): Promise<string> {
    if (!tierId) throw badRequest('validation_failed', 'A tier-only track needs a tierId.');
    const tier = await this.#paid.tierOf(communityId, tierId);
    if (!tier) throw badRequest('tier_not_found', 'That tier is not one of this community’s.');
    return tier.id;
  }

  register(
    resolveTrack: (
      id: string,
      viewer: Viewer,
    ) => Promise<{ row: TrackWithArtwork; access: MusicAccessResult }>,
    resolveRelease: (id: string, viewer: Viewer) => Promise<{ row: ReleaseRow; access: MusicAccessResult }>,
  ): void {
    this.#paid.sell('track', async (id, viewer): Promise<SellableItem> => {
      const { row, access } = await resolveTrack(id, viewer);
      return {
        communityId: row.communityId,
        title: `${row.title}, a track by ${row.artist}`,
        price: row.status === 'ready' ? priceOf(row) : null,
        href: `/c/${encodeURIComponent(access.community.slug)}/music/t/${encodeURIComponent(row.id)}`,
      };
    });
    this.#paid.sell('release', async (id, viewer): Promise<SellableItem> => {
      const { row, access } = await resolveRelease(id, viewer);
      return {
        communityId: row.communityId,
        title: `${row.title} (${row.kind === 'ep' ? 'EP' : row.kind}) · ${access.community.name}`,
        price: priceOf(row),
        href: `/c/${encodeURIComponent(access.community.slug)}/music/r/${encodeURIComponent(row.id)}`,
      };
    });
  }
}
