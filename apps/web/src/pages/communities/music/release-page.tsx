import { type ChangeEvent, useCallback, useEffect, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import {
  ARTWORK_MAX_BYTES,
  ARTWORK_TYPES,
  musicApi,
  RELEASE_KIND_LABELS,
  type Release,
  type Track,
} from '../../../api/music.ts';
import { useAnnounce } from '../../../components/announcer.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { ArrowIcon, PencilIcon, PictureIcon, TrashIcon, UploadIcon } from '../../../components/icons.tsx';
import type { FlashState } from '../../../lib/flash.ts';
import { formatDate } from '../../../lib/format.ts';
import { formatLength } from '../../../lib/music.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { usePlayer } from '../../../player/player-context.tsx';
import { useCommunity } from '../community-context.ts';
import { CoverArt, musicPath, PlayAllButton, uploadPath, useProcessingPoll } from './music-parts.tsx';
import { ReleaseBuyBox } from './release-buy-box.tsx';
import { ReleaseFormDialog } from './release-form.tsx';
import { TrackList } from './track-list.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; release: Release };

/** /c/:slug/music/r/:releaseId: a release, its tracks in order, its story and credits. */
export function ReleasePage() {
  const { community } = useCommunity();
  const { releaseId = '' } = useParams();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const memberKey = `${community.myMembership?.id ?? '-'}:${community.myMembership?.role ?? '-'}`;
  useDocumentTitle(
    load.status === 'ready'
      ? `${load.release.title} · ${community.name}`
      : load.status === 'missing'
        ? `Release not found · ${community.name}`
        : community.name,
  );

  const fetchRelease = useCallback(async () => {
    void memberKey;
    try {
      setLoad({ status: 'ready', release: await musicApi.release(releaseId) });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403))
        setLoad({ status: 'missing' });
      else
        setLoad({
          status: 'failed',
          message: error instanceof ApiError ? error.message : 'This release could not be loaded.',
        });
    }
  }, [releaseId, memberKey]);

  useEffect(() => {
    setLoad({ status: 'loading' });
    void fetchRelease();
  }, [fetchRelease]);

  return (
    <div className="music-page">
      <Link to={musicPath(community.slug)} className="back-link">
        <ArrowIcon className="icon icon--inline back-link__icon" />
        All music in {community.name}
      </Link>
      {load.status === 'loading' ? (
        <p className="muted-state panel" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the release…
        </p>
      ) : load.status === 'missing' ? (
        <section className="empty-state" aria-labelledby="missing-release-title">
          <h2 id="missing-release-title" className="empty-state__title">
            This release is not here
          </h2>
          <p className="empty-state__text">It may have been deleted.</p>
          <div className="empty-state__actions">
            <Link to={musicPath(community.slug)} className="button button--primary">
              See the other music
            </Link>
          </div>
        </section>
      ) : load.status === 'failed' ? (
        <div className="panel muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void fetchRelease()}>
            Try again
          </Button>
        </div>
      ) : (
        <ReleaseDetail release={load.release} onChange={(release) => setLoad({ status: 'ready', release })} />
      )}
    </div>
  );
}

function ReleaseDetail({ release, onChange }: { release: Release; onChange: (release: Release) => void }) {
  const { community } = useCommunity();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const player = usePlayer();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [reordering, setReordering] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const replaceTrack = useCallback(
    (track: Track) => {
      onChange({
        ...release,
        tracks:
          track.releaseId === release.id
            ? release.tracks.map((t) => (t.id === track.id ? track : t))
            : release.tracks.filter((t) => t.id !== track.id),
      });
      player.updateTrack(track);
    },
    [release, onChange, player],
  );

  useProcessingPoll(release.tracks, replaceTrack);

  async function move(index: number, delta: -1 | 1) {
    const order = release.tracks.map((t) => t.id);
    const target = index + delta;
    const moved = order[index];
    if (!moved || target < 0 || target >= order.length) return;
    order.splice(index, 1);
    order.splice(target, 0, moved);
    const before = release;
    const byId = new Map(release.tracks.map((t) => [t.id, t]));
    // Shown at once; the server's answer (with the new positions) replaces it.
    onChange({
      ...release,
      tracks: order.map((id, i) => ({ ...(byId.get(id) as Track), position: i + 1 })),
    });
    setReordering(true);
    setNotice(null);
    try {
      const saved = await musicApi.editRelease(release.id, { trackIds: order });
      onChange(saved);
      const title = byId.get(moved)?.title ?? 'The track';
      announce(`${title} moved to number ${target + 1}.`);
      // Focus follows the moved track's button, so pressing again keeps moving it.
      requestAnimationFrame(() => {
        const row = document.querySelector<HTMLElement>(`[data-track-id="${CSS.escape(moved)}"]`);
        const buttons = row?.querySelectorAll<HTMLButtonElement>('.track-row__order button');
        const button = buttons?.[delta < 0 ? 0 : 1];
        (button && !button.disabled ? button : buttons?.[delta < 0 ? 1 : 0])?.focus();
      });
    } catch (error) {
      onChange(before);
      setNotice({
        tone: 'error',
        text: error instanceof ApiError ? error.message : 'The new order could not be saved.',
      });
    } finally {
      setReordering(false);
    }
  }

  const count = release.tracks.length;
  const facts = [
    count === 0 ? 'No tracks yet' : `${count} ${count === 1 ? 'track' : 'tracks'}`,
    release.durationMs > 0 ? formatLength(release.durationMs) : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <>
      <article className="music-hero music-hero--release" aria-labelledby="release-title">
        <div className="music-hero__cover">
          <CoverArt url={release.artworkUrl} title={release.title} />
          {release.canEdit ? <ArtworkControls release={release} onChange={onChange} /> : null}
        </div>
        <div className="music-hero__body">
          <p className="eyebrow">{RELEASE_KIND_LABELS[release.kind]}</p>
          <h2 id="release-title" className="music-hero__title">
            {release.title}
          </h2>
          <p className="music-hero__artist">{community.name}</p>
          <p className="music-hero__facts">
            <span>{facts}</span>
            {release.releaseDate ? (
              <span>
                Released{' '}
                <time dateTime={release.releaseDate}>{formatDate(`${release.releaseDate}T12:00:00`)}</time>
              </span>
            ) : null}
          </p>
          <div className="music-hero__actions">
            <PlayAllButton tracks={release.tracks} label="Play" />
            {release.canEdit ? (
              <>
                <Link
                  to={`${uploadPath(community.slug)}?release=${encodeURIComponent(release.id)}`}
                  className="button button--secondary"
                >
                  <UploadIcon className="icon icon--inline" />
                  Add a track
                </Link>
                <Button variant="ghost" onClick={() => setEditing(true)}>
                  <PencilIcon className="icon icon--inline" />
                  Edit release
                </Button>
                <Button variant="danger-ghost" onClick={() => setDeleting(true)}>
                  <TrashIcon className="icon icon--inline" />
                  Delete
                </Button>
              </>
            ) : null}
          </div>
          <ReleaseBuyBox
            release={release}
            refresh={async () => {
              const fresh = await musicApi.release(release.id);
              onChange(fresh);
              return fresh.purchased;
            }}
          />
        </div>
      </article>

      <section className="music__section" aria-labelledby="release-tracks-title">
        <div className="music__section-head">
          <h3 id="release-tracks-title" className="music__section-title">
            Tracks
          </h3>
          {release.canEdit && release.tracks.length > 1 ? (
            <p className="music__section-hint">Use the arrows to change the order.</p>
          ) : null}
        </div>
        <StatusMessage notice={notice} />
        {release.tracks.length === 0 ? (
          <p className="empty-line">
            No tracks on this release yet.{' '}
            {release.canEdit ? (
              <>
                <Link to={`${uploadPath(community.slug)}?release=${encodeURIComponent(release.id)}`}>
                  Upload one
                </Link>
                , or choose this release in a track's details.
              </>
            ) : null}
          </p>
        ) : (
          <TrackList
            tracks={release.tracks}
            label={`Tracks on ${release.title}`}
            numbering="position"
            onChange={replaceTrack}
            onRemoved={(gone) =>
              onChange({ ...release, tracks: release.tracks.filter((t) => t.id !== gone.id) })
            }
            reorder={
              release.canEdit && release.tracks.length > 1
                ? { move: (i, d) => void move(i, d), busy: reordering }
                : undefined
            }
          />
        )}
      </section>

      {release.description || release.credits ? (
        <div className="release-notes">
          {release.description ? (
            <section className="panel release-notes__panel" aria-labelledby="release-about-title">
              <h3 id="release-about-title" className="panel__title">
                About this {release.kind === 'ep' ? 'EP' : release.kind}
              </h3>
              <p className="release-notes__text">{release.description}</p>
            </section>
          ) : null}
          {release.credits ? (
            <section className="panel release-notes__panel" aria-labelledby="release-credits-title">
              <h3 id="release-credits-title" className="panel__title">
                Credits
              </h3>
              <p className="release-notes__text release-notes__text--credits">{release.credits}</p>
            </section>
          ) : null}
        </div>
      ) : null}

      {release.canEdit ? (
        <>
          <ReleaseFormDialog
            slug={community.slug}
            release={release}
            open={editing}
            onClose={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              onChange(saved);
              announce('Release saved.');
            }}
          />
          <ConfirmDialog
            open={deleting}
            onClose={() => setDeleting(false)}
            title={`Delete “${release.title}”?`}
            description="The release, its artwork and its words go. Its tracks stay in Music, on no release."
            confirmLabel="Delete the release"
            busyLabel="Deleting…"
            onConfirm={async () => {
              await musicApi.removeRelease(release.id);
              setDeleting(false);
              navigate(musicPath(community.slug), {
                replace: true,
                state: {
                  flash: {
                    tone: 'success',
                    text: `“${release.title}” is deleted; its tracks are still in Music.`,
                  },
                } satisfies FlashState,
              });
            }}
          />
        </>
      ) : null}
    </>
  );
}

/** Upload, replace or remove a release's cover. */
function ArtworkControls({ release, onChange }: { release: Release; onChange: (release: Release) => void }) {
  const id = useId();
  const [busy, setBusy] = useState<'upload' | 'remove' | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.type && !ARTWORK_TYPES.includes(file.type)) {
      setNotice({
        tone: 'error',
        text: 'That file is not a picture Coterie can use. Choose a JPEG, PNG, WebP, GIF or AVIF.',
      });
      return;
    }
    if (file.size > ARTWORK_MAX_BYTES) {
      setNotice({ tone: 'error', text: 'That picture is larger than 10 MB. Choose a smaller one.' });
      return;
    }
    setBusy('upload');
    setNotice(null);
    try {
      onChange(await musicApi.uploadArtwork(release.id, file));
      setNotice({ tone: 'success', text: 'New artwork saved.' });
    } catch (error) {
      setNotice({
        tone: 'error',
        text: error instanceof ApiError ? error.message : 'The artwork could not be uploaded.',
      });
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    setBusy('remove');
    setNotice(null);
    try {
      onChange(await musicApi.removeArtwork(release.id));
      setNotice({ tone: 'success', text: 'The artwork is removed.' });
    } catch (error) {
      setNotice({
        tone: 'error',
        text: error instanceof ApiError ? error.message : 'The artwork could not be removed.',
      });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="artwork-controls">
      <div className="artwork-controls__buttons">
        <span className="file-button">
          <input
            id={id}
            type="file"
            accept={ARTWORK_TYPES.join(',')}
            className="file-button__input"
            onChange={(event) => void choose(event)}
            disabled={busy !== null}
            aria-describedby={`${id}-hint`}
          />
          <label htmlFor={id} className="button button--secondary button--sm">
            {busy === 'upload' ? (
              <span className="spinner" aria-hidden="true" />
            ) : (
              <PictureIcon className="icon icon--inline" />
            )}
            {busy === 'upload' ? 'Uploading…' : release.artworkUrl ? 'Replace' : 'Add artwork'}
            {busy === null && release.artworkUrl ? (
              <span className="visually-hidden"> the artwork</span>
            ) : null}
          </label>
        </span>
        {release.artworkUrl ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => void remove()}
            busy={busy === 'remove'}
            busyLabel="Removing…"
            disabled={busy !== null}
          >
            Remove<span className="visually-hidden"> the artwork</span>
          </Button>
        ) : null}
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        Square, at least 1400 × 1400 pixels; up to 10 MB.
      </p>
      <StatusMessage notice={notice} />
    </div>
  );
}
