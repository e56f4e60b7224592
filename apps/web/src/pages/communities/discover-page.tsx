import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type Community, communitiesApi } from '../../api/communities.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { CommunityCard } from '../../components/community-card.tsx';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { ArrowIcon, PlusIcon, SmallCircleIcon } from '../../components/icons.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; items: Community[]; nextCursor: string | null };

const SEARCH_DELAY_MS = 300;

export function DiscoverPage() {
  useDocumentTitle('Communities');
  const { state } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const request = useRef(0);
  const listRef = useRef<HTMLUListElement>(null);

  const fetchFirst = useCallback(async (query: string) => {
    const id = ++request.current;
    setLoad((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    try {
      const page = await communitiesApi.list(query);
      if (id === request.current) setLoad({ status: 'ready', ...page });
    } catch (error) {
      if (id === request.current)
        setLoad({
          status: 'failed',
          message: error instanceof ApiError ? error.message : 'The communities could not be loaded.',
        });
    }
  }, []);

  useEffect(() => {
    void fetchFirst(q);
  }, [q, fetchFirst]);

  // Typing searches by itself after a short pause; the address keeps the query, so it can be shared.
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = window.setTimeout(() => {
      setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, q, setParams]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
  }

  async function loadMore() {
    if (load.status !== 'ready' || !load.nextCursor) return;
    const firstNew = load.items.length;
    setMore({ busy: true, error: null });
    try {
      const page = await communitiesApi.list(q, load.nextCursor);
      setLoad({ status: 'ready', items: [...load.items, ...page.items], nextCursor: page.nextCursor });
      setMore({ busy: false, error: null });
      // Keyboard users carry on from the first new card instead of the top of the list.
      requestAnimationFrame(() =>
        listRef.current?.querySelectorAll<HTMLAnchorElement>('.community-card__link')[firstNew]?.focus(),
      );
    } catch (error) {
      setMore({
        busy: false,
        error: error instanceof ApiError ? error.message : 'More communities could not be loaded.',
      });
    }
  }

  const signedIn = state.status === 'authenticated';
  const resultText =
    load.status !== 'ready'
      ? ''
      : load.items.length === 0
        ? q
          ? `No public community matches “${q}”.`
          : ''
        : q
          ? `${load.items.length}${load.nextCursor ? '+' : ''} ${load.items.length === 1 ? 'community matches' : 'communities match'} “${q}”.`
          : '';

  return (
    <div className="container discover">
      <header className="discover__header">
        <div className="discover__intro">
          <p className="eyebrow">Communities</p>
          <h1 className="discover__title">Find your people</h1>
          <p className="discover__lead">
            Small, branded spaces run by artists, micro-experts and groups of friends. Join under a handle of
            your choosing, and share only what you want each of them to see.
          </p>
        </div>
        <div className="discover__actions">
          <Link to="/communities/new" className="button button--primary">
            <PlusIcon className="icon icon--inline" />
            Start a community
          </Link>
          {signedIn ? (
            <Link to="/me/communities" className="button button--secondary">
              Your communities
            </Link>
          ) : null}
        </div>
      </header>

      <search className="search-landmark">
        <form className="search" onSubmit={submit}>
          <label htmlFor="community-search" className="visually-hidden">
            Search communities
          </label>
          <svg className="icon search__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
            <path d="M16 16l4.5 4.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          <input
            id="community-search"
            type="search"
            className="input search__input"
            placeholder="Search by name or tagline"
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoComplete="off"
            enterKeyHint="search"
          />
          <Button type="submit" variant="secondary" className="search__button">
            Search
          </Button>
        </form>
      </search>

      <p className="discover__result" aria-live="polite" aria-atomic="true">
        {resultText}
      </p>

      {load.status === 'loading' ? (
        <p className="discover__state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading communities…
        </p>
      ) : load.status === 'failed' ? (
        <div className="discover__state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void fetchFirst(q)}>
            Try again
          </Button>
        </div>
      ) : load.items.length === 0 ? (
        <div className="empty-state">
          <SmallCircleIcon className="icon empty-state__icon" />
          {q ? (
            <>
              <h2 className="empty-state__title">Nothing by that name yet</h2>
              <p className="empty-state__text">
                No public community matches “{q}”. Private ones never show up here: they are found by invite
                only. Perhaps this one is waiting for you to start it.
              </p>
            </>
          ) : (
            <>
              <h2 className="empty-state__title">No public communities yet</h2>
              <p className="empty-state__text">
                This server is quiet so far. Start the first community: for your music, your craft, your club
                or your team.
              </p>
            </>
          )}
          <div className="empty-state__actions">
            <Link to="/communities/new" className="button button--primary">
              Start a community
              <ArrowIcon className="icon icon--inline" />
            </Link>
            {q ? (
              <Button variant="ghost" onClick={() => setText('')}>
                Clear the search
              </Button>
            ) : null}
          </div>
        </div>
      ) : (
        <>
          <ul
            ref={listRef}
            className="community-grid"
            aria-label={q ? 'Search results' : 'Public communities'}
          >
            {load.items.map((community) => (
              <li key={community.id}>
                <CommunityCard community={community} />
              </li>
            ))}
          </ul>
          {load.nextCursor ? (
            <div className="discover__more">
              <Button
                variant="secondary"
                onClick={() => void loadMore()}
                busy={more.busy}
                busyLabel="Loading…"
              >
                Load more
              </Button>
            </div>
          ) : null}
          <StatusMessage notice={more.error ? { tone: 'error', text: more.error } : null} />
        </>
      )}
    </div>
  );
}
