import { useEffect, useState } from 'react';
import { communitiesApi } from '../api/communities.ts';

/** Community colours the player has seen, by slug: the bar takes the colour of what plays. */
const accents = new Map<string, string>();

/** The community pages tell the player their colour as they load, so the bar never flashes another. */
export function rememberAccent(slug: string, color: string): void {
  accents.set(slug, color);
}

/** A community's accent colour: remembered, or asked for once. Undefined until known. */
export function useCommunityAccent(slug: string): string | undefined {
  const [color, setColor] = useState(() => accents.get(slug));
  useEffect(() => {
    const known = accents.get(slug);
    setColor(known);
    if (known) return;
    let cancelled = false;
    communitiesApi.get(slug).then(
      (community) => {
        accents.set(slug, community.accentColor);
        if (!cancelled) setColor(community.accentColor);
      },
      () => {
        // The default colour will do.
      },
    );
    return () => {
      cancelled = true;
    };
  }, [slug]);
  return color;
}
