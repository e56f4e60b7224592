import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { musicApi, type Release, type Track } from '../../../api/music.ts';
import { useAnnounce } from '../../../components/announcer.tsx';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { ArrowIcon, PencilIcon, QueueIcon, RetryIcon, TrashIcon } from '../../../components/icons.tsx';
import { PickControl } from '../../../discovery/pick-control.tsx';
import type { FlashState } from '../../../lib/flash.ts';
import { formatDate } from '../../../lib/format.ts';
import { formatDuration, playable } from '../../../lib/music.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { usePlayer } from '../../../player/player-context.tsx';
import { Waveform } from '../../../player/waveform.tsx';
import { useCommunity } from '../community-context.ts';
import {
  CoverArt,
  musicPath,
  releasePath,
  TrackPlayButton,
  TrackStatusChip,
  useProcessingPoll,
  useReleases,
  VisibilityBadge,
} from './music-parts.tsx';
import { TrackChartPanel } from './track-chart-panel.tsx';
import { TrackBuyBox, TrackDownloads } from './track-downloads.tsx';
import { TrackDeleteDialog, TrackEditDialog } from './track-edit.tsx';
import { TrackList } from './track-list.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; track: Track };

/** /c/:slug/music/t/:trackId: one track, big, with its waveform and downloads. */
export function TrackPage() {
  const { community } = useCommunity();
  const { trackId = '' } = useParams();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const memberKey = `${community.myMembership?.id ?? '-'}:${community.myMembership?.role ?? '-'}`;
  useDocumentTitle(
    load.status === 'ready'
      ? `${load.track.title} · ${community.name}`
      : load.status === 'missing'
        ? `Track not found · ${community.name}`
        : community.name,
  );

  const fetchTrack = useCallback(async () => {
    void memberKey;
    try {
      setLoad({ status: 'ready', track: await musicApi.track(trackId) });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403))
        setLoad({ status: 'missing' });
      else
        setLoad({
          status: 'failed',
          message: error instanceof ApiError ? error.message : 'This track could not be loaded.',
        });
    }
  }, [trackId, memberKey]);

  useEffect(() => {
    setLoad({ status: 'loading' });
    void fetchTrack();
  }, [fetchTrack]);

  return (
    <div className="music-page">
      <Link to={musicPath(community.slug)} className="back-link">
        <ArrowIcon className="icon icon--inline back-link__icon" />
        All music in {community.name}
      </Link>
      {load.status === 'loading' ? (
        <p className="muted-state panel" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the track…
        </p>
      ) : load.status === 'missing' ? (
        <section className="empty-state" aria-labelledby="missing-track-title">
          <h2 id="missing-track-title" className="empty-state__title">
            This track is not here
          </h2>
          <p className="empty-state__text">
            It may have been deleted, or it is for members of {community.name} only.
          </p>
          <div className="empty-state__actions">
            <Link to={musicPath(community.slug)} className="button button--primary">
              Listen to the other tracks
            </Link>
          </div>
        </section>
      ) : load.status === 'failed' ? (
        <div className="panel muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void fetchTrack()}>
            Try again
          </Button>
        </div>
      ) : (
        <TrackDetail track={load.track} onChange={(track) => setLoad({ status: 'ready', track })} />
      )}
    </div>
  );
}

function TrackDetail({ track, onChange }: { track: Track; onChange: (track: Track) => void }) {
  const { community } = useCommunity();
  const player = usePlayer();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const [release, setRelease] = useState<Release | null>(null);
  const { releases } = useReleases(community.slug);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useProcessingPoll([track], onChange);

  useEffect(() => {
    if (!track.releaseId) {
      setRelease(null);
      return;
    }
    let cancelled = false;
    musicApi.release(track.releaseId).then(
      (found) => {
        if (!cancelled) setRelease(found);
      },
      () => {
        if (!cancelled) setRelease(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [track.releaseId]);

  // Played from here, a track on a release carries on with the rest of the release.
  const list = release ? playable(release.tracks) : [track];
  const index = Math.max(
    0,
    list.findIndex((t) => t.id === track.id),
  );
  const onStart = (seconds: number) => {
    if (list.some((t) => t.id === track.id)) player.playList(list, index, seconds);
    else player.playTrack(track, seconds);
  };

  async function retry() {
    setRetrying(true);
    setNotice(null);
    try {
      onChange(await musicApi.retryTrack(track.id));
      announce('Processing the track again.');
    } catch (error) {
      setNotice(error instanceof ApiError ? error.message : 'The track could not be retried.');
    } finally {
      setRetrying(false);
    }
  }

  return (
    <>
      <article className="music-hero" aria-labelledby="track-title">
        <CoverArt
          url={track.artworkUrl ?? release?.artworkUrl ?? null}
          title={release?.title ?? track.title}
        />
        <div className="music-hero__body">
          <p className="eyebrow">
            Track
            {release ? (
              <>
                {' '}
                · from <Link to={releasePath(community.slug, release.id)}>{release.title}</Link>
              </>
            ) : null}
          </p>
          <h2 id="track-title" className="music-hero__title">
            {track.title}
          </h2>
          <p className="music-hero__artist">{track.artist}</p>
          <p className="music-hero__facts">
            <span>{formatDuration(track.durationMs)}</span>
            <span>
              Added <time dateTime={track.createdAt}>{formatDate(track.createdAt)}</time>
            </span>
            <VisibilityBadge visibility={track.visibility} tierId={track.tierId} />
            <TrackStatusChip track={track} />
          </p>
          <div className="music-hero__actions">
            {track.status === 'ready' ? (
              <>
                <TrackPlayButton
                  tracks={list.some((t) => t.id === track.id) ? list : [track]}
                  index={list.some((t) => t.id === track.id) ? index : 0}
                  size="xl"
                />
                <Button
                  variant="secondary"
                  onClick={() => {
                    player.addToQueue(track);
                    announce(`${track.title} added to the queue.`);
                  }}
                >
                  <QueueIcon className="icon icon--inline" />
                  Add to queue
                </Button>
                <PickControl track={track} size="md" className="music-hero__pick" />
              </>
            ) : null}
            {track.canEdit ? (
              <>
                <Button variant="ghost" onClick={() => setEditing(true)}>
                  <PencilIcon className="icon icon--inline" />
                  Edit details
                </Button>
                <Button variant="danger-ghost" onClick={() => setDeleting(true)}>
                  <TrashIcon className="icon icon--inline" />
                  Delete
                </Button>
              </>
            ) : null}
          </div>
          <TrackBuyBox
            track={track}
            release={release}
            refresh={async () => {
              const fresh = await musicApi.track(track.id);
              onChange(fresh);
              return fresh.purchased;
            }}
          />
        </div>
      </article>

      {track.status === 'ready' ? (
        <section className="panel waveform-panel" aria-label="Waveform">
          <Waveform track={track} onStart={onStart} />
        </section>
      ) : track.status === 'processing' ? (
        <section className="panel processing" aria-labelledby="track-processing-title">
          <h3 id="track-processing-title" className="panel__title">
            Processing: {Math.round(track.progress)} %
          </h3>
          <progress
            className="upload__progress processing__bar"
            max={100}
            value={track.progress}
            aria-labelledby="track-processing-title"
          />
          <p className="panel__lead">
            Making the streaming copies, measuring the loudness and drawing the waveform. This page updates by
            itself.
          </p>
        </section>
      ) : (
        <section className="panel panel--danger" aria-labelledby="track-failed-title">
          <h3 id="track-failed-title" className="panel__title">
            This track could not be processed
          </h3>
          <p className="panel__lead">{track.failureReason ?? 'The audio could not be read.'}</p>
          {track.canEdit ? (
            <div className="form-actions track-failed__actions">
              <Button onClick={() => void retry()} busy={retrying} busyLabel="Retrying…">
                <RetryIcon className="icon icon--inline" />
                Try processing again
              </Button>
            </div>
          ) : null}
        </section>
      )}
      <StatusMessage notice={notice ? { tone: 'error', text: notice } : null} />

      <TrackDownloads track={track} release={release} />

      {track.status === 'ready' ? <TrackChartPanel track={track} /> : null}

      {release && release.tracks.length > 1 ? (
        <section className="music__section" aria-labelledby="release-tracks-title">
          <h3 id="release-tracks-title" className="music__section-title">
            On {release.title}
          </h3>
          <TrackList
            tracks={release.tracks}
            label={`Tracks on ${release.title}`}
            numbering="position"
            onChange={(changed) =>
              setRelease((now) =>
                now ? { ...now, tracks: now.tracks.map((t) => (t.id === changed.id ? changed : t)) } : now,
              )
            }
            onRemoved={(gone) =>
              setRelease((now) =>
                now ? { ...now, tracks: now.tracks.filter((t) => t.id !== gone.id) } : now,
              )
            }
          />
        </section>
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
            onDeleted={(gone) =>
              navigate(musicPath(community.slug), {
                replace: true,
                state: {
                  flash: { tone: 'success', text: `“${gone.title}” is deleted.` },
                } satisfies FlashState,
              })
            }
          />
        </>
      ) : null}
    </>
  );
}
