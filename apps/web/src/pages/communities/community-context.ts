import { useOutletContext } from 'react-router';
import type { Tier } from '../../api/billing.ts';
import type { Community, Role } from '../../api/communities.ts';
import type { Product } from '../../api/products.ts';

/** What the community's frame hands to its tabs. */
export interface CommunityContext {
  community: Community;
  /** After a change the server answered with the new community (PATCH, transfer). */
  setCommunity: (community: Community) => void;
  /** Asks the server again: after a join, a removal, a change of role. */
  reload: () => Promise<void>;
  /** Opens the join dialog (or the login page, when logged out). */
  openJoin: () => void;
  /** Its membership tiers (archived ones too, for the owner); null while loading or unreadable. */
  tiers: Tier[] | null;
  /** After a tier was created or changed, so the Support tab and pages follow. */
  reloadTiers: () => Promise<void>;
  /** Its digital products (archived ones too, for the team); null while loading or unreadable. */
  products: Product[] | null;
  /** After a product was uploaded or changed, so the Shop tab and pages follow. */
  reloadProducts: () => Promise<void>;
}

export function useCommunity(): CommunityContext {
  return useOutletContext<CommunityContext>();
}

export const roleOf = (community: Community): Role | null => community.myMembership?.role ?? null;
export const canModerate = (community: Community): boolean =>
  roleOf(community) === 'owner' || roleOf(community) === 'moderator';
export const isOwner = (community: Community): boolean => roleOf(community) === 'owner';
