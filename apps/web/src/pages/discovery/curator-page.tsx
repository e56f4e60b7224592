import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type Curator, type CuratorProfile, discoveryApi, type Pick } from '../../api/discovery.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { ArrowIcon, PickIcon } from '../../components/icons.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { Monogram } from '../../components/wordmark.tsx';
import { useDiscovery } from '../../discovery/discovery-store.ts';
import { PickControl } from '../../discovery/pick-control.tsx';
import { TrustButton } from '../../discovery/trust-button.tsx';
import type { FlashState } from '../../lib/flash.ts';
import { formatDate } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { PlayAllButton } from '../communities/music/music-parts.tsx';
import { pickCountText } from './curator-suggestions.tsx';
import { TrackCard } from './discover-item.tsx';
import { PickNote } from './reason-list.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; message: string }
  | {
      status: 'ready';
      curator: Curator;
      picks: Pick[];
      nextCursor: string | null;
      loadingMore: boolean;
      moreError: string | null;
    };

/** /curators/:handle: a curator's public profile and picks. Anyone may read it; people logged in may trust. */
export function CuratorPage() {
  const { handle = '' } = useParams();
  const { state: auth } = useAuth();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const listRef = useRef<HTMLOListElement>(null);
  useDocumentTitle(
    load.status === 'ready'
      ? `@${load.curator.handle}, curator`
      : load.status === 'missing'
        ? 'Curator not found'
        : 'Curator',
  );

  // Trusted or not, and "is this me", depend on who is asking.
  const viewer = auth.status === 'authenticated' ? auth.me.id : auth.status;
  const fetchProfile = useCallback(async () => {
    void viewer;
    try {
      const profile: CuratorProfile = await discoveryApi.curator(handle);
      const { picks, nextCursor, ...curator } = profile;
      setLoad({ status: 'ready', curator, picks, nextCursor, loadingMore: false, moreError: null });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setLoad({ status: 'missing' });
      else
        setLoad({
          status: 'failed',
          message: error instanceof ApiError ? error.message : 'This profile could not be loaded.',
        });
    }
  }, [handle, viewer]);

  useEffect(() => {
    if (viewer === 'loading') return;
    setLoad({ status: 'loading' });
    void fetchProfile();
  }, [fetchProfile, viewer]);

  async function loadMore() {
    if (load.status !== 'ready' || !load.nextCursor || load.loadingMore) return;
    const firstNew = load.picks.length;
    setLoad({ ...load, loadingMore: true, moreError: null });
    try {
      const page = await discoveryApi.curator(handle, load.nextCursor);
      setLoad((now) =>
        now.status === 'ready'
          ? {
              ...now,
              picks: [...now.picks, ...page.picks.filter((p) => !now.picks.some((k) => k.id === p.id))],
              nextCursor: page.nextCursor,
              loadingMore: false,
            }
          : now,
      );
      requestAnimationFrame(() =>
        listRef.current?.querySelectorAll<HTMLAnchorElement>('.track-card__title a')[firstNew]?.focus(),
      );
    } catch (error) {
      setLoad((now) =>
        now.status === 'ready'
          ? {
              ...now,
              loadingMore: false,
              moreError: error instanceof ApiError ? error.message : 'More picks could not be loaded.',
            }
          : now,
      );
    }
  }

  const tracks = load.status === 'ready' ? load.picks.map((p) => p.track) : [];

  return (
    <div className="container curator-page">
      {auth.status === 'authenticated' ? (
        <Link to="/discover/micro-elite" className="back-link">
          <ArrowIcon className="icon icon--inline back-link__icon" />
          Your micro-elite
        </Link>
      ) : null}
      {load.status === 'loading' ? (
        <p className="muted-state panel" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the curator…
        </p>
      ) : load.status === 'missing' ? (
        <section className="empty-state" aria-labelledby="missing-curator-title">
          <PickIcon className="icon empty-state__icon" />
          <h1 id="missing-curator-title" className="empty-state__title">
            No curator called @{handle.replace(/^@/, '')}
          </h1>
          <p className="empty-state__text">
            The name may be mistyped, or they stopped sharing their picks. Curators choose a name for their
            picks; it is not the handle they use in communities.
          </p>
          <div className="empty-state__actions">
            <Link to="/discover/micro-elite" className="button button--primary">
              Find curators whose taste overlaps yours
            </Link>
          </div>
        </section>
      ) : load.status === 'failed' ? (
        <div className="panel muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void fetchProfile()}>
            Try again
          </Button>
        </div>
      ) : (
        <>
          <CuratorHero curator={load.curator} />
          <section className="music__section" aria-labelledby="curator-picks-title">
            <div className="discover-feed__head">
              <h2 id="curator-picks-title" className="music__section-title">
                Picks
              </h2>
              {load.picks.length > 0 ? <PlayAllButton tracks={tracks} label="Play their picks" /> : null}
            </div>
            {load.picks.length === 0 ? (
              <p className="empty-line">
                {load.curator.isYou
                  ? 'You have not picked anything yet. Press Pick on a track you love.'
                  : `No picks you can hear yet. Some may be for members of a community only.`}
              </p>
            ) : (
              <ol ref={listRef} className="track-cards" aria-label={`Picks by @${load.curator.handle}`}>
                {load.picks.map((pick, index) => (
                  <TrackCard
                    key={pick.id}
                    tracks={tracks}
                    index={index}
                    titleId={`pick-${pick.id}`}
                    actions={<PickControl track={pick.track} />}
                  >
                    {pick.note ? <PickNote note={pick.note} /> : null}
                    <p className="track-card__when">
                      Picked <time dateTime={pick.createdAt}>{formatDate(pick.createdAt)}</time>
                    </p>
                  </TrackCard>
                ))}
              </ol>
            )}
            {load.moreError ? <StatusMessage notice={{ tone: 'error', text: load.moreError }} /> : null}
            {load.nextCursor ? (
              <LoadMore label="Older picks" busy={load.loadingMore} onLoad={loadMore} />
            ) : null}
          </section>
        </>
      )}
    </div>
  );
}

function CuratorHero({ curator }: { curator: Curator }) {
  const { state: auth } = useAuth();
  const location = useLocation();
  // The count on the page follows my own picks made here (the profile was loaded before).
  const discovery = useDiscovery('me');
  const pickCount = curator.isYou && discovery.me ? discovery.me.pickCount : curator.pickCount;
  return (
    <header className="curator-hero">
      <Monogram name={curator.handle} size="lg" />
      <div className="curator-hero__body">
        <p className="eyebrow">Curator</p>
        <h1 className="curator-hero__handle">@{curator.handle}</h1>
        {curator.bio ? <p className="curator-hero__bio">{curator.bio}</p> : null}
        <p className="curator-hero__facts">{pickCountText(pickCount)}</p>
        <p className="curator-hero__note">A name for picks only, not linked to any community persona.</p>
      </div>
      <div className="curator-hero__actions">
        {auth.status !== 'authenticated' ? (
          <Link
            to="/login"
            state={
              {
                from: location.pathname,
                flash: { tone: 'info', text: `Log in to trust @${curator.handle}.` },
              } satisfies FlashState
            }
            className="button button--primary"
          >
            Log in to trust @{curator.handle}
          </Link>
        ) : curator.isYou ? (
          <>
            <span className="trust-mark">This is your public profile</span>
            <Link to="/discover/curating" className="button button--secondary button--sm">
              Edit it
            </Link>
          </>
        ) : (
          <TrustButton curator={curator} withUntrust showHandle />
        )}
      </div>
    </header>
  );
}
