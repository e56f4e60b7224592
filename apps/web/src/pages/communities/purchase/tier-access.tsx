import type { Tier } from '../../../api/billing.ts';
import { LockIcon } from '../../../components/icons.tsx';
import { offeredTiers } from '../support/use-tiers.ts';

/** "tier:<id>" in a select or radio group stands for visibility 'tier' with that tier. */
export const TIER_PREFIX = 'tier:';

export type AudienceValue = 'public' | 'members' | `tier:${string}`;

export function toAudience(visibility: string, tierId: string | null | undefined): AudienceValue {
  if (visibility === 'tier' && tierId) return `${TIER_PREFIX}${tierId}`;
  return visibility === 'members' ? 'members' : 'public';
}

/** The other way: what the API takes for one choice. */
export function fromAudience(value: AudienceValue): {
  visibility: 'public' | 'members' | 'tier';
  tierId: string | null;
} {
  if (value.startsWith(TIER_PREFIX)) return { visibility: 'tier', tierId: value.slice(TIER_PREFIX.length) };
  return { visibility: value === 'members' ? 'members' : 'public', tierId: null };
}

/**
 * The tiers content can be kept for, cheapest first: "Supporter and up" means that tier and every
 * dearer one, so the order of the choices follows the price, not the owner's display order.
 */
export const gateTiers = (tiers: readonly Tier[] | null): Tier[] =>
  offeredTiers(tiers ?? []).sort((a, b) => a.priceMinor - b.priceMinor);

export const tierName = (tiers: readonly Tier[] | null, tierId: string | null | undefined): string | null =>
  (tierId ? tiers?.find((t) => t.id === tierId)?.name : null) ?? null;

/**
 * The name of the tier a post or track is kept for. Only people at that tier or above (and the
 * team) ever receive tier content, so whoever sees the badge may also read which tier it is.
 */
export function TierBadge({
  tiers,
  tierId,
  className,
}: {
  tiers: readonly Tier[] | null;
  tierId: string | null | undefined;
  className?: string;
}) {
  if (!tierId) return null;
  const name = tierName(tiers, tierId) ?? 'Subscribers';
  return (
    <span className={['tier-badge', className ?? ''].filter(Boolean).join(' ')}>
      <LockIcon className="icon icon--inline" />
      <span className="visually-hidden">For the tier </span>
      {name}
    </span>
  );
}
