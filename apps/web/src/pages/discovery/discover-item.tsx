import { type ReactNode, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Reason } from '../../api/discovery.ts';
import type { Track } from '../../api/music.ts';
import { Artwork } from '../../components/artwork.tsx';
import { trusts, useDiscovery } from '../../discovery/discovery-store.ts';
import { PickControl } from '../../discovery/pick-control.tsx';
import { TrustButton } from '../../discovery/trust-button.tsx';
import { useAccent } from '../../lib/accent.ts';
import { formatDuration, spokenDuration } from '../../lib/music.ts';
import { useCommunityAccent } from '../../player/community-accent.ts';
import { trackPath } from '../../player/player-bar.tsx';
import { usePlayer } from '../../player/player-context.tsx';
import { NowPlayingBars, TrackPlayButton } from '../communities/music/music-parts.tsx';
import { curatorsNamed, ReasonList } from './reason-list.tsx';

/**
 * One track in a list of discoveries (the Discover page, a curator's picks): its cover in its
 * community's colour with a play button on it, title, artist and community, then whatever the list
 * has to say about it, and the actions. Play starts the whole list from here.
 */
export function TrackCard({
  tracks,
  index,
  children,
  actions,
  titleId,
}: {
  tracks: Track[];
  index: number;
  children?: ReactNode;
  actions?: ReactNode;
  titleId?: string;
}) {
  const track = tracks[index] as Track;
  const ref = useRef<HTMLLIElement>(null);
  useAccent(ref, useCommunityAccent(track.communitySlug));
  const player = usePlayer();
  const current = player.current?.id === track.id;
  return (
    <li
      ref={ref}
      className={current ? 'track-card track-card--current themed' : 'track-card themed'}
      data-track-id={track.id}
    >
      <div className="track-card__cover">
        <Artwork url={track.artworkUrl} title={track.title} size="md" />
        <TrackPlayButton tracks={tracks} index={index} size="lg" className="track-card__play" />
      </div>
      <div className="track-card__body">
        <h3 id={titleId} className="track-card__title">
          {current ? <NowPlayingBars playing={player.playing} /> : null}
          <Link to={trackPath(track)}>{track.title}</Link>
        </h3>
        <p className="track-card__by">
          {/* A community named after its artist says it once, as the link. */}
          {track.artist.trim().toLowerCase() === track.communityName.trim().toLowerCase() ? null : (
            <>
              <span>{track.artist}</span>
              <span aria-hidden="true">·</span>
              <span className="visually-hidden">, in </span>
            </>
          )}
          <Link to={`/c/${encodeURIComponent(track.communitySlug)}`} className="track-card__community">
            {track.communityName}
          </Link>
          {track.durationMs !== null ? (
            <span className="track-card__duration">
              <span aria-hidden="true">{formatDuration(track.durationMs)}</span>
              <span className="visually-hidden">, {spokenDuration(track.durationMs / 1000)}</span>
            </span>
          ) : null}
        </p>
        {children}
        {actions ? <div className="track-card__actions">{actions}</div> : null}
      </div>
    </li>
  );
}

/** A Discover item: the reasons it is here, Pick, and Trust for the curators named who are not trusted yet. */
export function DiscoverItemCard({
  tracks,
  index,
  reasons,
}: {
  tracks: Track[];
  index: number;
  reasons: Reason[];
}) {
  const track = tracks[index] as Track;
  const discovery = useDiscovery('trust');
  // Curators trusted from this card stay here (as "You trust @…"), so focus has somewhere to land.
  const [trustedHere, setTrustedHere] = useState<ReadonlySet<string>>(new Set());
  const offer = curatorsNamed(reasons).filter(
    (c) => trusts(discovery, c.id) === false || trustedHere.has(c.id),
  );
  return (
    <TrackCard
      tracks={tracks}
      index={index}
      titleId={`discover-${track.id}`}
      actions={
        <>
          <PickControl track={track} />
          {offer.map((curator) => (
            <TrustButton
              key={curator.id}
              curator={curator}
              showHandle
              onChange={(now) =>
                setTrustedHere((set) => {
                  const next = new Set(set);
                  if (now) next.add(curator.id);
                  else next.delete(curator.id);
                  return next;
                })
              }
            />
          ))}
        </>
      }
    >
      <ReasonList reasons={reasons} label={`Why ${track.title} is here`} />
    </TrackCard>
  );
}
