import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type DiscoverItem, discoveryApi } from '../../api/discovery.ts';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { CompassIcon, TrustIcon } from '../../components/icons.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useDiscovery } from '../../discovery/discovery-store.ts';
import { MICRO_ELITE_PATH } from '../../discovery/trust-button.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { PlayAllButton } from '../communities/music/music-parts.tsx';
import { CuratorSuggestions } from './curator-suggestions.tsx';
import { DiscoverItemCard } from './discover-item.tsx';

type Feed =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | {
      status: 'ready';
      items: DiscoverItem[];
      nextCursor: string | null;
      trusting: number;
      /** Whom I trusted when this list was ranked: when that changes, a fresh list is offered. */
      rankedFor: string | null;
      loadingMore: boolean;
      moreError: string | null;
    };

/** /discover: tracks ranked from what my micro-elite picked and played, each with its reasons. */
export function DiscoverFeed() {
  useDocumentTitle('Discover');
  const discovery = useDiscovery('trust');
  const trustKey = discovery.trust
    ? discovery.trust.curators
        .map((c) => c.id)
        .sort()
        .join(',')
    : null;
  const trustKeyRef = useRef(trustKey);
  trustKeyRef.current = trustKey;
  const [feed, setFeed] = useState<Feed>({ status: 'loading' });
  const listRef = useRef<HTMLOListElement>(null);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const id = ++generation.current;
    const rankedFor = trustKeyRef.current;
    try {
      const page = await discoveryApi.discover();
      if (id === generation.current)
        setFeed({ status: 'ready', ...page, rankedFor, loadingMore: false, moreError: null });
    } catch (error) {
      if (id === generation.current)
        setFeed({
          status: 'failed',
          message: error instanceof ApiError ? error.message : 'Discover could not be loaded.',
        });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // The first list may arrive before the trust list: it was ranked for the micro-elite of then.
  useEffect(() => {
    if (trustKey !== null)
      setFeed((now) =>
        now.status === 'ready' && now.rankedFor === null ? { ...now, rankedFor: trustKey } : now,
      );
  }, [trustKey]);

  async function loadMore() {
    if (feed.status !== 'ready' || !feed.nextCursor || feed.loadingMore) return;
    const firstNew = feed.items.length;
    const id = generation.current;
    setFeed({ ...feed, loadingMore: true, moreError: null });
    try {
      const page = await discoveryApi.discover(feed.nextCursor);
      if (id !== generation.current) return;
      setFeed((now) =>
        now.status === 'ready'
          ? {
              ...now,
              items: [
                ...now.items,
                ...page.items.filter((item) => !now.items.some((k) => k.track.id === item.track.id)),
              ],
              nextCursor: page.nextCursor,
              loadingMore: false,
            }
          : now,
      );
      // Keyboard users carry on from the first new track, not from the top.
      requestAnimationFrame(() =>
        listRef.current?.querySelectorAll<HTMLAnchorElement>('.track-card__title a')[firstNew]?.focus(),
      );
    } catch (error) {
      setFeed((now) =>
        now.status === 'ready'
          ? {
              ...now,
              loadingMore: false,
              moreError: error instanceof ApiError ? error.message : 'More tracks could not be loaded.',
            }
          : now,
      );
    }
  }

  if (feed.status === 'loading') {
    return (
      <div className="music-skeleton" role="status">
        <span className="visually-hidden">Loading your discoveries…</span>
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className="music-skeleton__row music-skeleton__row--tall" aria-hidden="true" />
        ))}
      </div>
    );
  }
  if (feed.status === 'failed') {
    return (
      <div className="panel muted-state">
        <StatusMessage notice={{ tone: 'error', text: feed.message }} />
        <Button variant="secondary" size="sm" onClick={() => void load()}>
          Try again
        </Button>
      </div>
    );
  }

  const tracks = feed.items.map((item) => item.track);
  const changed = trustKey !== null && feed.rankedFor !== null && trustKey !== feed.rankedFor;

  return (
    <div className="discover-feed">
      {feed.trusting === 0 ? <FindMicroElite /> : null}
      {changed ? (
        <div className="notice notice--info discover-feed__changed">
          <span className="notice__icon" aria-hidden="true">
            i
          </span>
          <span>Your micro-elite changed. The list below was ranked before.</span>
          <Button variant="secondary" size="sm" onClick={() => void load()}>
            Show the new list
          </Button>
        </div>
      ) : null}

      <section className="music__section" aria-labelledby="for-you-title">
        <div className="discover-feed__head">
          <div>
            <h2 id="for-you-title" className="music__section-title">
              For you
            </h2>
            <p className="music__section-hint">
              {feed.trusting === 0
                ? 'New music you can hear, until you trust a few curators.'
                : `From the picks and plays of the ${feed.trusting} ${feed.trusting === 1 ? 'curator' : 'curators'} you trust (and the people they trust), with the well-known discounted.`}
            </p>
          </div>
          {tracks.length > 0 ? <PlayAllButton tracks={tracks} label="Play all" /> : null}
        </div>
        {feed.items.length === 0 ? (
          <div className="empty-state">
            <CompassIcon className="icon empty-state__icon" />
            <h3 className="empty-state__title">Nothing to discover yet</h3>
            <p className="empty-state__text">
              {feed.trusting === 0
                ? 'Trust a curator or two, or join a community with music: what they pick and play lands here.'
                : 'The people you trust have not picked or played anything you have not heard. Check back soon.'}
            </p>
            <div className="empty-state__actions">
              <Link to="/communities" className="button button--secondary">
                Find communities
              </Link>
            </div>
          </div>
        ) : (
          <ol ref={listRef} className="track-cards" aria-label="Tracks for you">
            {feed.items.map((item, index) => (
              <DiscoverItemCard key={item.track.id} tracks={tracks} index={index} reasons={item.reasons} />
            ))}
          </ol>
        )}
        {feed.moreError ? <StatusMessage notice={{ tone: 'error', text: feed.moreError }} /> : null}
        {feed.nextCursor ? <LoadMore label="More for you" busy={feed.loadingMore} onLoad={loadMore} /> : null}
      </section>
    </div>
  );
}

/** For someone who trusts nobody yet: what a micro-elite is, and people to start it with. */
function FindMicroElite() {
  return (
    <section className="panel find-elite" aria-labelledby="find-elite-title">
      <div className="find-elite__head">
        <TrustIcon className="icon find-elite__icon" />
        <div>
          <h2 id="find-elite-title" className="panel__title">
            Find your micro-elite
          </h2>
          <p className="panel__lead">
            Trust a handful of curators whose ears you like: their picks, and what they play, shape this page.
            No follower counts, no charts; you can change your mind at any time.
          </p>
        </div>
      </div>
      <CuratorSuggestions emptyText="Nobody here shares their picks yet. Be the first: pick tracks you love and open your curator profile." />
      <p className="find-elite__more">
        <Link to={MICRO_ELITE_PATH}>Your micro-elite</Link> ·{' '}
        <Link to="/discover/curating">Share your own picks</Link>
      </p>
    </section>
  );
}
