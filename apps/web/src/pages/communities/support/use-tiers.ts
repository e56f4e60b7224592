import { useCallback, useEffect, useState } from 'react';
import { billingApi, type Tier } from '../../../api/billing.ts';

/**
 * The community's tiers, for the frame (whether to show Support) and the pages under it. Null
 * until they arrive, or when they cannot be read: a community without tiers is the common case,
 * and a failure here must not hide the rest of the community.
 */
export function useTiers(
  slug: string | null,
  viewer: string,
): { tiers: Tier[] | null; reload: () => Promise<void> } {
  // Kept with the slug they belong to, so another community's tiers never show for a moment.
  const [loaded, setLoaded] = useState<{ slug: string; items: Tier[] | null } | null>(null);

  const reload = useCallback(async () => {
    if (!slug) return;
    try {
      const { items } = await billingApi.tiers(slug);
      setLoaded({ slug, items });
    } catch {
      setLoaded({ slug, items: null });
    }
  }, [slug]);

  useEffect(() => {
    // Owners also see archived tiers and counts: ask again when who is looking changes, keeping
    // the old list meanwhile so the Support tab does not blink.
    void viewer;
    void reload();
  }, [reload, viewer]);

  return { tiers: loaded && loaded.slug === slug ? loaded.items : null, reload };
}

/** Tiers a fan may choose, in the owner's order. */
export const offeredTiers = (tiers: readonly Tier[]): Tier[] =>
  tiers.filter((t) => !t.archived).sort((a, b) => a.position - b.position);
