import { type RefObject, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import type { Pick } from '../../api/discovery.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { discoveryStore, useDiscovery } from '../../discovery/discovery-store.ts';
import { PickControl } from '../../discovery/pick-control.tsx';
import { formatDate } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { CuratorProfilePanel } from './curator-profile-panel.tsx';
import { TrackCard } from './discover-item.tsx';
import { PickNote } from './reason-list.tsx';

/** /discover/curating: my curator profile, and every track I picked, to edit or remove. */
export function CuratingPage() {
  useDocumentTitle('Your picks');
  return (
    <div className="panel-stack">
      <CuratorProfilePanel />
      <MyPicks />
    </div>
  );
}

function MyPicks() {
  const discovery = useDiscovery('picks', 'me');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const picks = discovery.picks;
  const tracks = (picks ?? []).map((p) => p.track);

  async function loadMore() {
    setMore({ busy: true, error: null });
    try {
      await discoveryStore.loadMorePicks();
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({
        busy: false,
        error: error instanceof ApiError ? error.message : 'More could not be loaded.',
      });
    }
  }

  return (
    <section className="music__section" aria-labelledby="my-picks-title">
      <div>
        <h2 id="my-picks-title" ref={headingRef} tabIndex={-1} className="music__section-title">
          Your picks
        </h2>
        <p className="music__section-hint">
          {discovery.me
            ? 'Public on your curator profile, with your notes. Press Picked to edit a note.'
            : 'Private until you share them with a curator profile above. Press Picked to edit a note.'}
        </p>
      </div>
      {picks === null ? (
        discovery.loadError ? (
          <StatusMessage notice={{ tone: 'error', text: discovery.loadError }} />
        ) : (
          <p className="muted-state" role="status">
            <span className="spinner" aria-hidden="true" /> Loading your picks…
          </p>
        )
      ) : picks.length === 0 ? (
        <p className="empty-line">
          No picks yet. Press <strong>Pick</strong> on a track you love: on{' '}
          <Link to="/discover">Discover</Link>, on a track’s page, or in the player.
        </p>
      ) : (
        <ol className="track-cards" aria-label="Your picks">
          {picks.map((pick, index) => (
            <TrackCard
              key={pick.id}
              tracks={tracks}
              index={index}
              titleId={`my-pick-${pick.id}`}
              actions={
                <>
                  <PickControl track={pick.track} />
                  <RemovePick pick={pick} headingRef={headingRef} />
                </>
              }
            >
              {pick.note ? <PickNote note={pick.note} /> : null}
              <p className="track-card__when">
                Picked <time dateTime={pick.createdAt}>{formatDate(pick.createdAt)}</time>
              </p>
            </TrackCard>
          ))}
        </ol>
      )}
      {more.error ? <StatusMessage notice={{ tone: 'error', text: more.error }} /> : null}
      {discovery.picksCursor ? <LoadMore label="Older picks" busy={more.busy} onLoad={loadMore} /> : null}
    </section>
  );
}

/** Removes a pick at once (picking it again is one press away), and moves focus on to the next one. */
function RemovePick({ pick, headingRef }: { pick: Pick; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const announce = useAnnounce();
  const ref = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    const row = ref.current?.closest('li');
    const next =
      row?.nextElementSibling?.querySelector<HTMLElement>('.track-card__title a') ??
      row?.previousElementSibling?.querySelector<HTMLElement>('.track-card__title a') ??
      null;
    setBusy(true);
    setError(null);
    try {
      await discoveryStore.unpick(pick);
      announce(`${pick.track.title} is no longer one of your picks.`);
      requestAnimationFrame(() => (next ?? headingRef.current)?.focus());
    } catch (failure) {
      setBusy(false);
      setError(failure instanceof ApiError ? failure.message : 'The pick could not be removed.');
    }
  }

  return (
    <>
      <Button
        ref={ref}
        variant="danger-ghost"
        size="sm"
        onClick={() => void remove()}
        busy={busy}
        busyLabel="Removing…"
        aria-label={`Remove your pick of ${pick.track.title}`}
      >
        Remove
      </Button>
      {error ? (
        <span className="trust-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
