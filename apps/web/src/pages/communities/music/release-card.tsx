import { Link } from 'react-router';
import { RELEASE_KIND_LABELS, type Release } from '../../../api/music.ts';
import { Artwork } from '../../../components/artwork.tsx';
import { PauseIcon, PlayIcon } from '../../../components/icons.tsx';
import { formatLength, playable } from '../../../lib/music.ts';
import { usePlayer } from '../../../player/player-context.tsx';
import { releasePath } from './music-parts.tsx';

/** "Album · 2024 · 9 tracks". */
export function releaseFacts(release: Release): string {
  const count = release.tracks.length;
  return [
    RELEASE_KIND_LABELS[release.kind],
    release.releaseDate ? release.releaseDate.slice(0, 4) : null,
    count === 0 ? 'No tracks yet' : `${count} ${count === 1 ? 'track' : 'tracks'}`,
    release.durationMs > 0 ? formatLength(release.durationMs) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A release in the grid: its cover with a play button over it, title and facts. */
export function ReleaseCard({ release }: { release: Release }) {
  const player = usePlayer();
  const ready = playable(release.tracks);
  const playingThis = player.current !== null && ready.some((t) => t.id === player.current?.id);
  const pausing = playingThis && player.playing;
  return (
    <li className="release-card">
      <Artwork url={release.artworkUrl} title={release.title} size="fill" className="release-card__cover" />
      <h4 className="release-card__title">
        <Link to={releasePath(release.communitySlug, release.id)} className="release-card__link">
          {release.title}
        </Link>
      </h4>
      <p className="release-card__meta">{releaseFacts(release)}</p>
      {ready.length > 0 ? (
        <button
          type="button"
          className={pausing ? 'release-card__play release-card__play--on' : 'release-card__play'}
          onClick={() => {
            if (playingThis) player.toggle();
            else player.playList(ready, 0);
          }}
        >
          {pausing ? <PauseIcon className="icon" /> : <PlayIcon className="icon" />}
          <span className="visually-hidden">
            {pausing ? 'Pause' : 'Play'} {release.title}
          </span>
        </button>
      ) : null}
    </li>
  );
}
