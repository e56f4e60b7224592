import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { musicApi, type Release, type Track } from '../../../api/music.ts';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { MusicIcon, PlusIcon, UploadIcon } from '../../../components/icons.tsx';
import { LoadMore } from '../../../components/load-more.tsx';
import type { FlashState } from '../../../lib/flash.ts';
import { canManageMusic, formatLength, hasMusic } from '../../../lib/music.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCommunity } from '../community-context.ts';
import { PlayAllButton, releasePath, uploadPath, useProcessingPoll } from './music-parts.tsx';
import { ReleaseCard } from './release-card.tsx';
import { ReleaseFormDialog } from './release-form.tsx';
import { TrackList } from './track-list.tsx';

type TracksState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | {
      status: 'ready';
      tracks: Track[];
      nextCursor: string | null;
      loadingMore: boolean;
      moreError: string | null;
    };

/** /c/:slug/music: the community's releases, then every track, newest first. */
export function MusicTab() {
  const { community } = useCommunity();
  useDocumentTitle(`Music · ${community.name}`);
  if (!hasMusic(community)) {
    return (
      <section className="empty-state" aria-labelledby="no-music-title">
        <MusicIcon className="icon empty-state__icon" />
        <h2 id="no-music-title" className="empty-state__title">
          No music here
        </h2>
        <p className="empty-state__text">Music is for artist and expert communities.</p>
      </section>
    );
  }
  // Joining, leaving or a new role changes what the server shows: start again.
  return <MusicLibrary key={`${community.slug}:${community.myMembership?.role ?? '-'}`} />;
}

function MusicLibrary() {
  const { community } = useCommunity();
  const navigate = useNavigate();
  const editor = canManageMusic(community);
  const [releases, setReleases] = useState<Release[] | null>(null);
  const [releasesError, setReleasesError] = useState<string | null>(null);
  const [state, setState] = useState<TracksState>({ status: 'loading' });
  const stateRef = useRef(state);
  stateRef.current = state;
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    const [tracks, list] = await Promise.allSettled([
      musicApi.tracks(community.slug),
      musicApi.releases(community.slug),
    ]);
    if (tracks.status === 'fulfilled')
      setState({ status: 'ready', ...tracks.value, loadingMore: false, moreError: null });
    else
      setState({
        status: 'failed',
        message:
          tracks.reason instanceof ApiError ? tracks.reason.message : 'The tracks could not be loaded.',
      });
    if (list.status === 'fulfilled') {
      setReleases(list.value.releases);
      setReleasesError(null);
    } else {
      setReleases([]);
      setReleasesError(
        list.reason instanceof ApiError ? list.reason.message : 'The releases could not be loaded.',
      );
    }
  }, [community.slug]);

  useEffect(() => {
    void load();
  }, [load]);

  const replace = useCallback((track: Track) => {
    setState((now) =>
      now.status === 'ready'
        ? { ...now, tracks: now.tracks.map((t) => (t.id === track.id ? track : t)) }
        : now,
    );
    // A track that moved to another release, or out of one: the grid's counts follow.
    setReleases((list) =>
      list
        ? list.map((release) => {
            const had = release.tracks.some((t) => t.id === track.id);
            const has = track.releaseId === release.id;
            if (!had && !has) return release;
            const tracks = has
              ? had
                ? release.tracks.map((t) => (t.id === track.id ? track : t))
                : [...release.tracks, track]
              : release.tracks.filter((t) => t.id !== track.id);
            return { ...release, tracks };
          })
        : list,
    );
  }, []);

  const remove = useCallback((track: Track) => {
    setState((now) =>
      now.status === 'ready' ? { ...now, tracks: now.tracks.filter((t) => t.id !== track.id) } : now,
    );
    setReleases((list) =>
      list
        ? list.map((release) => ({ ...release, tracks: release.tracks.filter((t) => t.id !== track.id) }))
        : list,
    );
  }, []);

  useProcessingPoll(state.status === 'ready' ? state.tracks : [], replace);

  async function loadMore() {
    const now = stateRef.current;
    if (now.status !== 'ready' || !now.nextCursor || now.loadingMore) return;
    setState({ ...now, loadingMore: true, moreError: null });
    try {
      const page = await musicApi.tracks(community.slug, now.nextCursor);
      setState((latest) =>
        latest.status === 'ready'
          ? {
              ...latest,
              tracks: [
                ...latest.tracks,
                ...page.tracks.filter((t) => !latest.tracks.some((k) => k.id === t.id)),
              ],
              nextCursor: page.nextCursor,
              loadingMore: false,
            }
          : latest,
      );
    } catch (error) {
      setState((latest) =>
        latest.status === 'ready'
          ? {
              ...latest,
              loadingMore: false,
              moreError: error instanceof ApiError ? error.message : 'More tracks could not be loaded.',
            }
          : latest,
      );
    }
  }

  const tracks = state.status === 'ready' ? state.tracks : [];
  const ready = tracks.filter((t) => t.status === 'ready');
  const total = ready.reduce((sum, t) => sum + (t.durationMs ?? 0), 0);
  const empty = state.status === 'ready' && tracks.length === 0 && (releases?.length ?? 0) === 0;

  return (
    <div className="music">
      <header className="music__head">
        <div className="music__intro">
          <h2 className="music__title">Music</h2>
          <p className="music__lead">
            {state.status !== 'ready'
              ? `Songs and recordings from ${community.name}.`
              : ready.length === 0
                ? `Songs and recordings from ${community.name}, streamed right here.`
                : `${ready.length} ${ready.length === 1 ? 'track' : 'tracks'}${state.nextCursor ? ' so far' : ''}, ${formatLength(total)} of listening. Press play and keep browsing: the music follows you.`}
          </p>
        </div>
        <div className="music__actions">
          {ready.length > 0 ? <PlayAllButton tracks={ready} label="Play all" /> : null}
          {editor ? (
            <>
              <Link to={uploadPath(community.slug)} className="button button--secondary">
                <UploadIcon className="icon icon--inline" />
                Upload a track
              </Link>
              <Button variant="secondary" onClick={() => setCreating(true)}>
                <PlusIcon className="icon icon--inline" />
                New release
              </Button>
            </>
          ) : null}
        </div>
      </header>

      {state.status === 'loading' ? (
        <MusicSkeleton />
      ) : state.status === 'failed' ? (
        <div className="panel muted-state">
          <StatusMessage notice={{ tone: 'error', text: state.message }} />
          <Button variant="secondary" size="sm" onClick={() => void load()}>
            Try again
          </Button>
        </div>
      ) : empty ? (
        editor ? (
          <section className="empty-state music-empty" aria-labelledby="music-empty-title">
            <span className="music-empty__disc" aria-hidden="true" />
            <h3 id="music-empty-title" className="empty-state__title">
              Your first track starts here
            </h3>
            <p className="empty-state__text">
              Upload a master in any common format: WAV, FLAC, AIFF, MP3 and more. A minute later your
              listeners hear it, streamed at an even loudness, in a player that keeps going while they read
              the posts.
            </p>
            <div className="empty-state__actions">
              <Link to={uploadPath(community.slug)} className="button button--primary button--lg">
                <UploadIcon className="icon icon--inline" />
                Upload your first track
              </Link>
            </div>
          </section>
        ) : (
          <section className="empty-state music-empty" aria-labelledby="music-empty-title">
            <span className="music-empty__disc" aria-hidden="true" />
            <h3 id="music-empty-title" className="empty-state__title">
              No music yet
            </h3>
            <p className="empty-state__text">When {community.name} shares a track, it plays right here.</p>
          </section>
        )
      ) : (
        <>
          {releases && releases.length > 0 ? (
            <section className="music__section" aria-labelledby="releases-title">
              <h3 id="releases-title" className="music__section-title">
                Releases
              </h3>
              <ul className="release-grid">
                {releases.map((release) => (
                  <ReleaseCard key={release.id} release={release} />
                ))}
              </ul>
            </section>
          ) : null}
          <StatusMessage notice={releasesError ? { tone: 'error', text: releasesError } : null} />

          <section className="music__section" aria-labelledby="tracks-title">
            <h3 id="tracks-title" className="music__section-title">
              Tracks
            </h3>
            {tracks.length === 0 ? (
              <p className="empty-line">
                No tracks yet.{' '}
                {editor ? <Link to={uploadPath(community.slug)}>Upload the first one</Link> : null}
              </p>
            ) : (
              <TrackList
                tracks={tracks}
                label={`Tracks from ${community.name}`}
                releases={releases}
                onChange={replace}
                onRemoved={remove}
              />
            )}
            {state.moreError ? <StatusMessage notice={{ tone: 'error', text: state.moreError }} /> : null}
            {state.nextCursor ? (
              <LoadMore label="Load older tracks" busy={state.loadingMore} onLoad={loadMore} />
            ) : null}
          </section>
        </>
      )}

      {editor ? (
        <ReleaseFormDialog
          slug={community.slug}
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(release) => {
            setCreating(false);
            navigate(releasePath(community.slug, release.id), {
              state: {
                flash: {
                  tone: 'success',
                  text: `“${release.title}” is created. Add artwork and tracks to it.`,
                },
              } satisfies FlashState,
            });
          }}
        />
      ) : null}
    </div>
  );
}

function MusicSkeleton() {
  return (
    <div className="music-skeleton" role="status">
      <span className="visually-hidden">Loading the music…</span>
      {[0, 1, 2, 3].map((i) => (
        <span key={i} className="music-skeleton__row" aria-hidden="true" />
      ))}
    </div>
  );
}
