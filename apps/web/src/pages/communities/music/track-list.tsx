import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { musicApi, type Release, type Track } from '../../../api/music.ts';
import { ActionMenu, type MenuItem } from '../../../components/action-menu.tsx';
import { useAnnounce } from '../../../components/announcer.tsx';
import { Button } from '../../../components/feedback.tsx';
import {
  ChevronDownIcon,
  ChevronUpIcon,
  PencilIcon,
  PickIcon,
  QueueIcon,
  RetryIcon,
  TrashIcon,
} from '../../../components/icons.tsx';
import { myPickOf, useDiscovery } from '../../../discovery/discovery-store.ts';
import { PickDialog } from '../../../discovery/pick-control.tsx';
import { formatPrice } from '../../../lib/money.ts';
import { formatDuration, spokenDuration } from '../../../lib/music.ts';
import { trackPath } from '../../../player/player-bar.tsx';
import { usePlayer } from '../../../player/player-context.tsx';
import { NowPlayingBars, TrackPlayButton, TrackStatusChip, VisibilityBadge } from './music-parts.tsx';
import { TrackDeleteDialog, TrackEditDialog } from './track-edit.tsx';

interface TrackListProps {
  tracks: Track[];
  /** The list's name for assistive technology: "Tracks", "Tracks on Salt Roads". */
  label: string;
  /** For the release name under each title (left out on a release's own page). */
  releases?: Release[] | null;
  /** Release pages number by position on the release; elsewhere, by place in the list. */
  numbering?: 'index' | 'position';
  onChange: (track: Track) => void;
  onRemoved: (track: Track) => void;
  /** Move up and Move down buttons, for editors of a release. */
  reorder?: { move: (index: number, delta: -1 | 1) => void; busy: boolean } | undefined;
}

/** Tracks as rows: play, title, release, badges, length, and a menu (queue; edit and delete for editors). */
export function TrackList({
  tracks,
  label,
  releases,
  numbering = 'index',
  onChange,
  onRemoved,
  reorder,
}: TrackListProps) {
  return (
    <ol className="track-list" aria-label={label}>
      {tracks.map((track, index) => (
        <TrackRow
          key={track.id}
          tracks={tracks}
          index={index}
          number={numbering === 'position' ? (track.position ?? index + 1) : index + 1}
          release={releases?.find((r) => r.id === track.releaseId) ?? null}
          onChange={onChange}
          onRemoved={onRemoved}
          reorder={reorder}
          releases={releases ?? null}
        />
      ))}
    </ol>
  );
}

function TrackRow({
  tracks,
  index,
  number,
  release,
  releases,
  onChange,
  onRemoved,
  reorder,
}: {
  tracks: Track[];
  index: number;
  number: number;
  release: Release | null;
  releases: Release[] | null;
  onChange: (track: Track) => void;
  onRemoved: (track: Track) => void;
  reorder: TrackListProps['reorder'];
}) {
  const player = usePlayer();
  const announce = useAnnounce();
  const track = tracks[index] as Track;
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const discovery = useDiscovery('picks');
  const current = player.current?.id === track.id;
  const ready = track.status === 'ready';

  const items: MenuItem[] = [];
  if (ready) {
    items.push({
      label: 'Add to queue',
      icon: <QueueIcon className="icon menu__icon" />,
      onSelect: () => {
        player.addToQueue(track);
        announce(`${track.title} added to the queue.`);
      },
    });
    if (discovery.userId) {
      items.push({
        label: myPickOf(discovery, track.id) ? 'Edit your pick…' : 'Pick…',
        icon: <PickIcon className="icon menu__icon" />,
        onSelect: () => setPicking(true),
      });
    }
  }
  if (track.canEdit) {
    items.push(
      {
        label: 'Edit details',
        icon: <PencilIcon className="icon menu__icon" />,
        onSelect: () => setEditing(true),
      },
      {
        label: 'Delete',
        icon: <TrashIcon className="icon menu__icon" />,
        tone: 'danger',
        onSelect: () => setDeleting(true),
      },
    );
  }

  async function retry() {
    setRetrying(true);
    setRetryError(null);
    try {
      onChange(await musicApi.retryTrack(track.id));
      announce(`Processing ${track.title} again.`);
    } catch (error) {
      setRetryError(error instanceof ApiError ? error.message : 'The track could not be retried.');
    } finally {
      setRetrying(false);
    }
  }

  const classes = [
    'track-row',
    current ? 'track-row--current' : '',
    ready ? '' : `track-row--${track.status}`,
    reorder ? 'track-row--reorder' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <li className={classes} data-track-id={track.id}>
      <TrackPlayButton tracks={tracks} index={index} className="track-row__play">
        <span className="track-row__number" aria-hidden="true">
          {current ? <NowPlayingBars playing={player.playing} /> : number}
        </span>
      </TrackPlayButton>
      <div className="track-row__main">
        <Link to={trackPath(track)} className="track-row__title">
          {track.title}
        </Link>
        <span className="track-row__meta">
          {release ? <span className="track-row__release">{release.title}</span> : null}
          <VisibilityBadge visibility={track.visibility} tierId={track.tierId} />
          {track.price ? (
            <span className={track.purchased ? 'price-chip price-chip--owned' : 'price-chip'}>
              {track.purchased ? 'Purchased' : formatPrice(track.price)}
            </span>
          ) : null}
          <TrackStatusChip track={track} />
        </span>
        {track.status === 'processing' ? (
          <progress
            className="track-row__progress"
            max={100}
            value={track.progress}
            aria-label={`Processing ${track.title}`}
          />
        ) : null}
        {track.status === 'failed' && track.canEdit ? (
          <div className="track-row__failure">
            <p>{track.failureReason ?? 'The audio could not be processed.'}</p>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => void retry()}
              busy={retrying}
              busyLabel="Retrying…"
            >
              <RetryIcon className="icon icon--inline" />
              Try again
            </Button>
            {retryError ? (
              <p className="field__error" role="alert">
                {retryError}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      <span className="track-row__duration">
        {track.durationMs !== null ? (
          <>
            <span aria-hidden="true">{formatDuration(track.durationMs)}</span>
            <span className="visually-hidden">{spokenDuration(track.durationMs / 1000)}</span>
          </>
        ) : null}
      </span>
      {reorder ? (
        <span className="track-row__order">
          <button
            type="button"
            className="icon-button"
            onClick={() => reorder.move(index, -1)}
            disabled={reorder.busy || index === 0}
          >
            <ChevronUpIcon className="icon" />
            <span className="visually-hidden">Move {track.title} up</span>
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => reorder.move(index, 1)}
            disabled={reorder.busy || index === tracks.length - 1}
          >
            <ChevronDownIcon className="icon" />
            <span className="visually-hidden">Move {track.title} down</span>
          </button>
        </span>
      ) : null}
      <ActionMenu label={`More for ${track.title}`} items={items} className="track-row__menu" />
      {discovery.userId && ready ? (
        <PickDialog track={track} open={picking} onClose={() => setPicking(false)} />
      ) : null}
      {track.canEdit ? (
        <>
          <TrackEditDialog
            track={track}
            releases={releases}
            open={editing}
            onClose={() => setEditing(false)}
            onSaved={(saved) => {
              onChange(saved);
              announce('Track saved.');
            }}
          />
          <TrackDeleteDialog
            track={track}
            open={deleting}
            onClose={() => setDeleting(false)}
            onDeleted={(gone) => {
              onRemoved(gone);
              announce(`${gone.title} deleted.`);
            }}
          />
        </>
      ) : null}
    </li>
  );
}
