import type { Release } from '../../../api/music.ts';
import { BuyBox } from '../purchase/buy-box.tsx';
import { useCheckoutReturn } from '../purchase/use-checkout-return.ts';

/** The release's price and Buy; nothing for a release that is not for sale. */
export function ReleaseBuyBox({ release, refresh }: { release: Release; refresh: () => Promise<boolean> }) {
  const notice = useCheckoutReturn(release.title, refresh);
  if (!release.price) return null;
  const count = release.tracks.length;
  return (
    <BuyBox
      itemType="release"
      itemId={release.id}
      title={release.title}
      price={release.price}
      purchased={release.purchased}
      canEdit={release.canEdit}
      notice={notice}
      onStale={() => void refresh()}
      lead={`Buy it once to download ${count === 1 ? 'its track' : `all ${count} tracks`} (original files and MP3s) and keep them.`}
    >
      <p className="buy-box__lead">
        It is yours. Each track's page has its downloads: open one from the list below.
      </p>
    </BuyBox>
  );
}
