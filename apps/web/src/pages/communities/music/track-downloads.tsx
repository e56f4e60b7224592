import { downloadUrl, type Release, type Track } from '../../../api/music.ts';
import { DownloadIcon } from '../../../components/icons.tsx';
import { formatBytes } from '../../../lib/music.ts';
import { BuyBox } from '../purchase/buy-box.tsx';
import { useCheckoutReturn } from '../purchase/use-checkout-return.ts';

/** The original and the MP3, for whoever the server says may download (downloads non-null). */
export function TrackDownloads({ track, release }: { track: Track; release: Release | null }) {
  const downloads = track.downloads;
  if (!downloads || !(downloads.original || downloads.mp3)) return null;
  const lead = track.purchased
    ? `Yours to keep${release?.purchased ? `, with the rest of ${release.title}` : ''}: download it as often as you like.`
    : track.price && track.canEdit
      ? 'Fans download it once they have bought it; as part of the team you always can.'
      : `${track.artist} lets you keep this one.`;
  return (
    <section className="panel downloads" aria-labelledby="downloads-title">
      <div className="panel__header">
        <h3 id="downloads-title" className="panel__title">
          Download
        </h3>
        <p className="panel__lead">{lead}</p>
      </div>
      <div className="downloads__buttons">
        {downloads.original ? (
          <a
            href={downloads.original.url || downloadUrl(track.id, 'original')}
            className="button button--secondary download-button"
            download
          >
            <DownloadIcon className="icon icon--inline" />
            <span>
              Original <span className="download-button__format">{downloads.original.format}</span>
            </span>
            <span className="download-button__size">{formatBytes(downloads.original.bytes)}</span>
          </a>
        ) : null}
        {downloads.mp3 ? (
          <a
            href={downloads.mp3.url || downloadUrl(track.id, 'mp3')}
            className="button button--secondary download-button"
            download
          >
            <DownloadIcon className="icon icon--inline" />
            <span>
              <span className="download-button__format">MP3</span>
            </span>
            <span className="download-button__size">{formatBytes(downloads.mp3.bytes)}</span>
          </a>
        ) : null}
      </div>
    </section>
  );
}

/** The track's price and Buy; nothing for a free track. */
export function TrackBuyBox({
  track,
  release,
  refresh,
}: {
  track: Track;
  release: Release | null;
  refresh: () => Promise<boolean>;
}) {
  const notice = useCheckoutReturn(track.title, refresh);
  if (!track.price) return null;
  // Bought with its release: the release's page is where that purchase lives.
  const owned = track.purchased || Boolean(release?.purchased);
  return (
    <BuyBox
      itemType="track"
      itemId={track.id}
      title={track.title}
      price={track.price}
      purchased={owned}
      canEdit={track.canEdit}
      notice={notice}
      onStale={() => void refresh()}
      lead="Buy it once to download the original file and an MP3, and keep them."
    >
      <p className="buy-box__lead">
        {release?.purchased && !track.purchased
          ? `Included with ${release.title}, which you bought.`
          : 'It is yours.'}{' '}
        The downloads are below.
      </p>
    </BuyBox>
  );
}
