import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { type Post, postsApi } from '../../../api/posts.ts';
import { useAuth } from '../../../auth/auth-context.tsx';
import { useAnnounce } from '../../../components/announcer.tsx';
import { isFull } from '../../../components/community-banner.tsx';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { CommentIcon, LockIcon } from '../../../components/icons.tsx';
import { LoadMore } from '../../../components/load-more.tsx';
import { useCommunity } from '../community-context.ts';
import { PostComposer } from './composer.tsx';
import { PostCard, type PostUpdate } from './post-card.tsx';

type FeedState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | {
      status: 'ready';
      pinned: Post[];
      items: Post[];
      nextCursor: string | null;
      loadingMore: boolean;
      moreError: string | null;
    };

/** Post ids sort by time, as the server pages them: newest first. */
const newestFirst = (a: Post, b: Post) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const findPost = (state: FeedState, id: string): Post | undefined =>
  state.status === 'ready'
    ? (state.pinned.find((p) => p.id === id) ?? state.items.find((p) => p.id === id))
    : undefined;

/**
 * The community's posts: the composer for members, pinned posts first, then the newest, and
 * "Load older posts". Outsiders to a public community read its public posts.
 */
export function Feed() {
  const { community } = useCommunity();
  const member = community.myMembership !== null;
  if (community.visibility === 'private' && !member) return <MembersOnlyFeed />;
  // Joining, leaving or a new role changes what the server shows: start again.
  return (
    <FeedList
      key={`${community.slug}:${community.myMembership?.id ?? '-'}:${community.myMembership?.role ?? '-'}`}
    />
  );
}

function FeedList() {
  const { community } = useCommunity();
  const announce = useAnnounce();
  const member = community.myMembership !== null;
  const titleId = useId();
  const [state, setState] = useState<FeedState>({ status: 'loading' });
  const stateRef = useRef(state);
  stateRef.current = state;
  const [focusId, setFocusId] = useState<string | null>(null);
  const feedRef = useRef<HTMLElement>(null);

  const load = useCallback(async () => {
    try {
      const page = await postsApi.feed(community.slug);
      setState({ status: 'ready', ...page, loadingMore: false, moreError: null });
    } catch (error) {
      setState({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'The posts could not be loaded.',
      });
    }
  }, [community.slug]);

  useEffect(() => {
    void load();
  }, [load]);

  // Focus goes where the reader's attention should: a post that moved, the next one after a
  // deletion, the first of the older posts just loaded.
  useEffect(() => {
    if (focusId === null) return;
    if (focusId === 'feed') feedRef.current?.focus();
    else feedRef.current?.querySelector<HTMLElement>(`[data-post-id="${CSS.escape(focusId)}"]`)?.focus();
    setFocusId(null);
  }, [focusId]);

  const update = useCallback((id: string, change: PostUpdate) => {
    const before = findPost(stateRef.current, id);
    if (!before) return;
    const next = typeof change === 'function' ? change(before) : change;
    setState((current) => {
      if (current.status !== 'ready') return current;
      const latest = findPost(current, id);
      if (!latest) return current;
      const post = typeof change === 'function' ? change(latest) : change;
      if (post.pinned === latest.pinned) {
        const swap = (list: Post[]) => list.map((p) => (p.id === id ? post : p));
        return { ...current, pinned: swap(current.pinned), items: swap(current.items) };
      }
      // Pinned or unpinned: it moves between the two lists, in date order.
      const pinned = current.pinned.filter((p) => p.id !== id);
      const items = current.items.filter((p) => p.id !== id);
      const last = items.at(-1);
      if (post.pinned) pinned.push(post);
      // An unpinned post older than everything loaded comes back with "Load older posts".
      else if (!current.nextCursor || !last || post.id > last.id) items.push(post);
      return { ...current, pinned: pinned.sort(newestFirst), items: items.sort(newestFirst) };
    });
    if (next.pinned !== before.pinned) setFocusId(id);
  }, []);

  const remove = useCallback(
    (post: Post) => {
      const current = stateRef.current;
      if (current.status !== 'ready') return;
      const all = [...current.pinned, ...current.items];
      const index = all.findIndex((p) => p.id === post.id);
      const neighbour = all[index + 1] ?? all[index - 1];
      setState({
        ...current,
        pinned: current.pinned.filter((p) => p.id !== post.id),
        items: current.items.filter((p) => p.id !== post.id),
      });
      setFocusId(neighbour?.id ?? 'feed');
      announce('Post deleted.');
    },
    [announce],
  );

  const posted = useCallback((post: Post) => {
    setState((current) =>
      current.status === 'ready'
        ? { ...current, items: [post, ...current.items.filter((p) => p.id !== post.id)] }
        : current,
    );
  }, []);

  async function loadMore() {
    const current = stateRef.current;
    if (current.status !== 'ready' || !current.nextCursor || current.loadingMore) return;
    setState({ ...current, loadingMore: true, moreError: null });
    try {
      const page = await postsApi.feed(community.slug, current.nextCursor);
      const latest = stateRef.current;
      const known = new Set(
        latest.status === 'ready' ? [...latest.pinned, ...latest.items].map((p) => p.id) : [],
      );
      const fresh = page.items.filter((p) => !known.has(p.id));
      const firstNew = fresh[0]?.id ?? null;
      setState((now) =>
        now.status === 'ready'
          ? {
              ...now,
              items: [...now.items, ...fresh.filter((p) => !now.items.some((q) => q.id === p.id))],
              nextCursor: page.nextCursor,
              loadingMore: false,
            }
          : now,
      );
      if (firstNew) setFocusId(firstNew);
      announce(`${page.items.length} older ${page.items.length === 1 ? 'post' : 'posts'} loaded.`);
    } catch (error) {
      setState((latest) =>
        latest.status === 'ready'
          ? {
              ...latest,
              loadingMore: false,
              moreError: error instanceof ApiError ? error.message : 'Older posts could not be loaded.',
            }
          : latest,
      );
    }
  }

  const card = (post: Post) => (
    <li key={post.id} className="feed__item">
      <PostCard post={post} onChange={(change) => update(post.id, change)} onRemoved={remove} />
    </li>
  );

  return (
    <section ref={feedRef} className="feed" aria-labelledby={titleId} tabIndex={-1}>
      <h2 id={titleId} className="visually-hidden">
        Posts in {community.name}
      </h2>
      {member ? <PostComposer onPosted={posted} /> : <JoinPrompt />}

      {state.status === 'loading' ? (
        <FeedSkeleton />
      ) : state.status === 'failed' ? (
        <div className="panel muted-state">
          <StatusMessage notice={{ tone: 'error', text: state.message }} />
          <Button variant="secondary" size="sm" onClick={() => void load()}>
            Try again
          </Button>
        </div>
      ) : state.pinned.length === 0 && state.items.length === 0 ? (
        <EmptyFeed />
      ) : (
        <>
          {state.pinned.length > 0 ? (
            <ul className="feed__list" aria-label="Pinned posts">
              {state.pinned.map(card)}
            </ul>
          ) : null}
          {state.items.length > 0 ? (
            <ul className="feed__list" aria-label={state.pinned.length > 0 ? 'Latest posts' : 'Posts'}>
              {state.items.map(card)}
            </ul>
          ) : null}
          {state.nextCursor ? (
            <LoadMore label="Load older posts" busy={state.loadingMore} onLoad={loadMore} />
          ) : state.items.length + state.pinned.length > 5 ? (
            <p className="feed__end">You have reached the first post.</p>
          ) : null}
          <StatusMessage notice={state.moreError ? { tone: 'error', text: state.moreError } : null} />
        </>
      )}
    </section>
  );
}

/** Two quiet placeholders in the shape of posts, so the page does not jump when they arrive. */
function FeedSkeleton() {
  return (
    <div className="feed__loading" role="status">
      <span className="visually-hidden">Loading the posts…</span>
      {[0, 1].map((n) => (
        <div key={n} className="post post--skeleton" aria-hidden="true">
          <div className="skeleton skeleton--avatar" />
          <div className="skeleton-lines">
            <div className="skeleton skeleton--line skeleton--short" />
            <div className="skeleton skeleton--line" />
            <div className="skeleton skeleton--line skeleton--mid" />
          </div>
        </div>
      ))}
    </div>
  );
}

function EmptyFeed() {
  const { community } = useCommunity();
  const member = community.myMembership !== null;
  return (
    <div className="empty-state feed__empty">
      <CommentIcon className="icon empty-state__icon" />
      <h3 className="empty-state__title">{member ? 'Nothing posted yet' : 'No public posts yet'}</h3>
      <p className="empty-state__text">
        {member
          ? `Start the conversation: say hello, share what you are working on, or ask ${community.name} a question.`
          : `When ${community.name} shares something with everyone, it appears here.`}
      </p>
    </div>
  );
}

/** For outsiders to a public community: what they are reading, and the way in. */
function JoinPrompt() {
  const { community, openJoin } = useCommunity();
  const { state } = useAuth();
  const full = isFull(community);
  return (
    <div className="feed-join">
      <p className="feed-join__text">
        <strong>You are reading what {community.name} shares publicly.</strong>{' '}
        {full
          ? 'It is full for now, so no one new can join.'
          : 'Join to post, comment and react, and to read what members share only with each other.'}
      </p>
      {full ? null : (
        <Button size="sm" onClick={openJoin} className="feed-join__button">
          {state.status === 'authenticated' ? 'Join' : 'Log in to join'}
        </Button>
      )}
    </div>
  );
}

function MembersOnlyFeed() {
  const { community } = useCommunity();
  return (
    <section className="empty-state feed__empty" aria-labelledby="members-feed-title">
      <LockIcon className="icon empty-state__icon" />
      <h2 id="members-feed-title" className="empty-state__title">
        Posts are for members
      </h2>
      <p className="empty-state__text">
        {community.name} is private: only its members read and write its posts. Join with your invite to take
        part.
      </p>
    </section>
  );
}
