import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { type Post, postsApi } from '../../../api/posts.ts';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { ArrowIcon } from '../../../components/icons.tsx';
import type { FlashState } from '../../../lib/flash.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { CommunityAside } from '../community-about.tsx';
import { useCommunity } from '../community-context.ts';
import { PostCard, type PostUpdate } from './post-card.tsx';
import { excerpt } from './post-parts.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; post: Post };

/** /c/:slug/p/:postId: one post with its whole thread, at an address that can be shared. */
export function PostPage() {
  const { community } = useCommunity();
  const { postId = '' } = useParams();
  const navigate = useNavigate();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const base = `/c/${community.slug}`;
  const memberKey = `${community.myMembership?.id ?? '-'}:${community.myMembership?.role ?? '-'}`;
  useDocumentTitle(
    load.status === 'ready'
      ? `${excerpt(load.post.body, 60)} · ${community.name}`
      : load.status === 'missing'
        ? `Post not found · ${community.name}`
        : community.name,
  );

  const fetchPost = useCallback(async () => {
    void memberKey;
    try {
      const post = await postsApi.get(postId);
      setLoad({ status: 'ready', post });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setLoad({ status: 'missing' });
      else
        setLoad({
          status: 'failed',
          message: error instanceof ApiError ? error.message : 'This post could not be loaded.',
        });
    }
  }, [postId, memberKey]);

  useEffect(() => {
    setLoad({ status: 'loading' });
    void fetchPost();
  }, [fetchPost]);

  const change = useCallback((update: PostUpdate) => {
    setLoad((current) =>
      current.status === 'ready'
        ? { status: 'ready', post: typeof update === 'function' ? update(current.post) : update }
        : current,
    );
  }, []);

  return (
    <div className="community-home">
      <div className="community-home__main">
        <Link to={base} className="back-link">
          <ArrowIcon className="icon icon--inline back-link__icon" />
          All posts in {community.name}
        </Link>
        {load.status === 'loading' ? (
          <p className="muted-state panel" role="status">
            <span className="spinner" aria-hidden="true" /> Loading the post…
          </p>
        ) : load.status === 'missing' ? (
          <section className="empty-state" aria-labelledby="missing-post-title">
            <h2 id="missing-post-title" className="empty-state__title">
              This post is not here
            </h2>
            <p className="empty-state__text">
              It may have been deleted or hidden, or it is for members of {community.name} only.
            </p>
            <div className="empty-state__actions">
              <Link to={base} className="button button--primary">
                See the other posts
              </Link>
            </div>
          </section>
        ) : load.status === 'failed' ? (
          <div className="panel muted-state">
            <StatusMessage notice={{ tone: 'error', text: load.message }} />
            <Button variant="secondary" size="sm" onClick={() => void fetchPost()}>
              Try again
            </Button>
          </div>
        ) : (
          <PostCard
            post={load.post}
            standalone
            onChange={change}
            onRemoved={() =>
              navigate(base, {
                replace: true,
                state: { flash: { tone: 'success', text: 'The post is deleted.' } } satisfies FlashState,
              })
            }
          />
        )}
      </div>
      <CommunityAside />
    </div>
  );
}
