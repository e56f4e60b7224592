import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useOutletContext } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { musicApi, type Release, type Track, type TrackVisibility } from '../../../api/music.ts';
import { Artwork } from '../../../components/artwork.tsx';
import { LockIcon, PauseIcon, PlayIcon } from '../../../components/icons.tsx';
import { playable } from '../../../lib/music.ts';
import { usePlayer } from '../../../player/player-context.tsx';
import type { CommunityContext } from '../community-context.ts';
import { type AudienceValue, gateTiers, TIER_PREFIX, TierBadge } from '../purchase/tier-access.tsx';

export const musicPath = (slug: string) => `/c/${encodeURIComponent(slug)}/music`;
export const releasePath = (slug: string, id: string) => `${musicPath(slug)}/r/${encodeURIComponent(id)}`;
export const uploadPath = (slug: string) => `${musicPath(slug)}/upload`;

export const TRACK_VISIBILITY_CHOICES: { value: 'public' | 'members'; label: string; text: string }[] = [
  {
    value: 'public',
    label: 'Everyone',
    text: 'Anyone who can see the community can listen, members or not.',
  },
  {
    value: 'members',
    label: 'Members only',
    text: 'Only members hear it. Outsiders do not see it in the list.',
  },
];

/** Everyone, members, then each tier "and up", cheapest first: who may hear a track. */
export function useTrackAudienceChoices(): { value: AudienceValue; label: string; text: string }[] {
  const tiers = useOutletContext<CommunityContext | undefined>()?.tiers ?? null;
  return [
    ...TRACK_VISIBILITY_CHOICES,
    ...gateTiers(tiers).map((tier) => ({
      value: `${TIER_PREFIX}${tier.id}` as AudienceValue,
      label: `Tier: ${tier.name} and up`,
      text: `Only subscribers of ${tier.name} or a dearer tier hear it; others do not see it.`,
    })),
  ];
}

/** "Members only" or the tier's name, with a lock: shown on every track that outsiders cannot hear. */
export function VisibilityBadge({
  visibility,
  tierId = null,
}: {
  visibility: TrackVisibility;
  tierId?: string | null;
}) {
  // Read softly: a badge drawn outside a community page has no tiers to name.
  const tiers = useOutletContext<CommunityContext | undefined>()?.tiers ?? null;
  if (visibility === 'tier') return <TierBadge tiers={tiers} tierId={tierId} className="track-badge" />;
  if (visibility !== 'members') return null;
  return (
    <span className="badge badge--small track-badge">
      <LockIcon className="icon icon--inline" />
      Members only
    </span>
  );
}

/** Where a track is in its processing, for editors: nothing once it is ready. */
export function TrackStatusChip({ track }: { track: Track }) {
  if (track.status === 'ready') return null;
  if (track.status === 'failed') {
    return <span className="status-chip status-chip--failed">Failed</span>;
  }
  return (
    <span className="status-chip status-chip--processing">
      <span className="status-chip__dot" aria-hidden="true" />
      Processing {Math.round(track.progress)} %
    </span>
  );
}

/** Three bars that dance while this track plays (and stand still when motion is reduced). */
export function NowPlayingBars({ playing }: { playing: boolean }) {
  return (
    <span className={playing ? 'eq eq--playing' : 'eq'} aria-hidden="true">
      <span />
      <span />
      <span />
    </span>
  );
}

/**
 * Play or pause one track of a list: it plays the list from that track, so the next one follows.
 * Pressed again while it plays, it pauses.
 */
export function TrackPlayButton({
  tracks,
  index,
  className,
  children,
  size = 'md',
}: {
  tracks: Track[];
  index: number;
  className?: string;
  children?: ReactNode;
  size?: 'md' | 'lg' | 'xl';
}) {
  const player = usePlayer();
  const track = tracks[index];
  if (!track) return null;
  const current = player.current?.id === track.id;
  const playing = current && player.playing;
  const ready = track.status === 'ready';
  const label = playing ? `Pause ${track.title}` : `Play ${track.title}`;
  const classes = [
    'play-button',
    `play-button--${size}`,
    current ? 'play-button--current' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      className={classes}
      disabled={!ready}
      aria-label={ready ? label : `${track.title} is not ready to play yet`}
      onClick={() => {
        if (current) player.toggle();
        else player.playList(tracks, index);
      }}
    >
      {children}
      {playing ? (
        <PauseIcon className="icon play-button__icon" />
      ) : (
        <PlayIcon className="icon play-button__icon" />
      )}
    </button>
  );
}

/** Plays a whole list (a release, the community's tracks), or pauses it if it is what plays. */
export function PlayAllButton({ tracks, label }: { tracks: Track[]; label: string }) {
  const player = usePlayer();
  const ready = playable(tracks);
  const playingThis = player.current !== null && ready.some((t) => t.id === player.current?.id);
  const pausing = playingThis && player.playing;
  return (
    <button
      type="button"
      className="button button--primary play-all"
      disabled={ready.length === 0}
      onClick={() => {
        if (playingThis) player.toggle();
        else player.playList(ready, 0);
      }}
    >
      {pausing ? <PauseIcon className="icon icon--inline" /> : <PlayIcon className="icon icon--inline" />}
      {pausing ? 'Pause' : playingThis ? 'Resume' : label}
    </button>
  );
}

/**
 * Asks the server again, about once a second, for every track still processing, and hands each
 * fresh copy back; stops by itself when none is left.
 */
export function useProcessingPoll(
  tracks: Track[],
  onUpdate: (track: Track) => void,
  intervalMs = 1000,
): void {
  const processing = tracks
    .filter((t) => t.status === 'processing')
    .map((t) => t.id)
    .join(',');
  const onUpdateRef = useRef(onUpdate);
  onUpdateRef.current = onUpdate;

  useEffect(() => {
    if (!processing) return;
    const ids = processing.split(',');
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const tick = async () => {
      await Promise.all(
        ids.map(async (id) => {
          try {
            const fresh = await musicApi.track(id);
            if (!cancelled) onUpdateRef.current(fresh);
          } catch {
            // One missed poll changes nothing: the next one asks again.
          }
        }),
      );
      if (!cancelled) timer = setTimeout(() => void tick(), intervalMs);
    };
    timer = setTimeout(() => void tick(), intervalMs);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [processing, intervalMs]);
}

/** The community's releases, for the "Release" select of the upload and edit forms. */
export function useReleases(slug: string): { releases: Release[] | null; error: string | null } {
  const [releases, setReleases] = useState<Release[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    musicApi.releases(slug).then(
      (answer) => {
        if (!cancelled) setReleases(answer.releases);
      },
      (failure: unknown) => {
        if (!cancelled) {
          setReleases([]);
          setError(failure instanceof ApiError ? failure.message : 'The releases could not be loaded.');
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [slug]);
  return { releases, error };
}

/** A select of the community's releases, with "Not on a release" first. */
export function ReleaseSelect({
  releases,
  value,
  onChange,
  disabled,
}: {
  releases: Release[] | null;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Release<span className="field__optional"> (optional)</span>
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        The album, EP or single it belongs to; it goes at the end of the release.
      </p>
      <select
        id={id}
        className="input select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled || releases === null}
        aria-describedby={`${id}-hint`}
      >
        <option value="">Not on a release</option>
        {(releases ?? []).map((release) => (
          <option key={release.id} value={release.id}>
            {release.title}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The big square cover of a release or track page. */
export function CoverArt({ url, title }: { url: string | null; title: string }) {
  return <Artwork url={url} title={title} size="lg" className="cover-art" />;
}
