import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { type Post, postsApi } from '../../../api/posts.ts';
import { ActionMenu, type MenuItem } from '../../../components/action-menu.tsx';
import { useAnnounce } from '../../../components/announcer.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { type Notice, StatusMessage } from '../../../components/feedback.tsx';
import {
  CommentIcon,
  EyeIcon,
  EyeOffIcon,
  FlagIcon,
  LockIcon,
  PencilIcon,
  PinIcon,
  TrashIcon,
} from '../../../components/icons.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { canModerate, useCommunity } from '../community-context.ts';
import { TierBadge } from '../purchase/tier-access.tsx';
import { CommentThread } from './comments.tsx';
import { PostEditor } from './post-editor.tsx';
import { AuthorAvatar, AuthorLine, authorName, Prose, RelativeTime } from './post-parts.tsx';
import { Reactions } from './reactions.tsx';
import { ReportDialog } from './report-dialog.tsx';

const commentsLabel = (count: number) =>
  count === 0 ? 'Comment' : `${count} ${count === 1 ? 'comment' : 'comments'}`;

/** A new version of a post, or how to make one from the latest (so quick changes never undo each other). */
export type PostUpdate = Post | ((current: Post) => Post);

interface PostCardProps {
  post: Post;
  onChange: (update: PostUpdate) => void;
  onRemoved: (post: Post) => void;
  /** The post's own page: the thread is open and stays open. */
  standalone?: boolean;
}

/** One post: who wrote it and when, the text and picture, reactions, and its thread. */
export function PostCard({ post, onChange, onRemoved, standalone = false }: PostCardProps) {
  const { community, tiers } = useCommunity();
  const announce = useAnnounce();
  const member = community.myMembership !== null;
  const moderator = canModerate(community);
  const [editing, setEditing] = useState(false);
  const [threadOpen, setThreadOpen] = useState(standalone);
  const [dialog, setDialog] = useState<'delete' | 'report' | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const articleRef = useRef<HTMLElement>(null);
  const threadId = useId();
  const name = authorName(post.author);
  const link = `/c/${community.slug}/p/${post.id}`;

  async function act(run: () => Promise<PostUpdate>, done: string) {
    setNotice(null);
    try {
      onChange(await run());
      announce(done);
    } catch (error) {
      setNotice({ tone: 'error', text: error instanceof ApiError ? error.message : 'That did not work.' });
    }
  }

  const items: MenuItem[] = [];
  if (post.canEdit)
    items.push({
      label: 'Edit',
      icon: <PencilIcon className="icon menu__icon" />,
      onSelect: () => setEditing(true),
    });
  if (moderator) {
    items.push({
      label: post.pinned ? 'Unpin' : 'Pin to the top',
      icon: <PinIcon className="icon menu__icon" />,
      onSelect: () =>
        void act(
          () => postsApi.pin(post.id, !post.pinned),
          post.pinned ? 'Post unpinned.' : 'Post pinned to the top of the feed.',
        ),
    });
    items.push(
      post.hidden
        ? {
            label: 'Unhide',
            icon: <EyeIcon className="icon menu__icon" />,
            onSelect: () =>
              void act(async () => {
                await postsApi.setHidden(post.id, false);
                return (current: Post) => ({ ...current, hidden: false });
              }, 'Post visible to members again.'),
          }
        : {
            label: 'Hide from members',
            icon: <EyeOffIcon className="icon menu__icon" />,
            onSelect: () =>
              void act(async () => {
                await postsApi.setHidden(post.id, true);
                return (current: Post) => ({ ...current, hidden: true });
              }, 'Post hidden. Only the owner and moderators see it now.'),
          },
    );
  }
  // Owners and moderators act on a post themselves; reporting is how members ask them to.
  if (member && !post.canEdit && !moderator)
    items.push({
      label: 'Report',
      icon: <FlagIcon className="icon menu__icon" />,
      onSelect: () => setDialog('report'),
    });
  if (post.canEdit || moderator)
    items.push({
      label: 'Delete',
      icon: <TrashIcon className="icon menu__icon" />,
      tone: 'danger',
      onSelect: () => setDialog('delete'),
    });

  const classes = ['post', post.pinned ? 'post--pinned' : '', post.hidden ? 'post--hidden' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <article
      ref={articleRef}
      className={classes}
      aria-label={`Post by ${name}`}
      tabIndex={-1}
      data-post-id={post.id}
    >
      {post.pinned || post.hidden ? (
        <p className="post__flags">
          {post.pinned ? (
            <span className="post__flag">
              <PinIcon className="icon icon--inline" /> Pinned
            </span>
          ) : null}
          {post.hidden ? (
            <span className="post__flag post__flag--hidden">
              <EyeOffIcon className="icon icon--inline" /> Hidden from members
            </span>
          ) : null}
        </p>
      ) : null}
      <header className="post__header">
        <AuthorAvatar author={post.author} size="md" />
        <div className="post__byline">
          <AuthorLine author={post.author} />
          <p className="post__meta">
            <Link to={link} className="post__time">
              <RelativeTime iso={post.createdAt} />
            </Link>
            {post.editedAt ? (
              <span className="post__edited" title={`Edited ${formatDateTime(post.editedAt)}`}>
                edited
              </span>
            ) : null}
            {post.visibility === 'members' ? (
              <span className="tag">
                <LockIcon className="icon icon--inline" /> Members only
              </span>
            ) : post.visibility === 'tier' ? (
              <TierBadge tiers={tiers} tierId={post.tierId} className="tag" />
            ) : null}
          </p>
        </div>
        <ActionMenu label={`More actions for the post by ${name}`} items={items} className="post__menu" />
      </header>

      {editing ? (
        <PostEditor
          post={post}
          onCancel={() => {
            setEditing(false);
            articleRef.current?.focus();
          }}
          onSaved={(saved) => {
            onChange(saved);
            setEditing(false);
            announce('Post saved.');
            articleRef.current?.focus();
          }}
        />
      ) : (
        <Prose html={post.bodyHtml} className="post__body" />
      )}

      {post.image ? (
        <figure className="post__picture">
          <img
            ref={(img) => {
              // A narrow picture keeps its own width; set through the CSSOM, never a style attribute.
              img?.style.setProperty('--picture-width', `${post.image?.width ?? 0}px`);
            }}
            src={post.image.url}
            width={post.image.width}
            height={post.image.height}
            alt={`Attached to the post by ${name}`}
            loading="lazy"
            decoding="async"
          />
        </figure>
      ) : null}

      <StatusMessage notice={notice} />

      <footer className="post__footer">
        <Reactions
          postId={post.id}
          reactions={post.reactions}
          canReact={member}
          onChange={(reactions) => onChange((current) => ({ ...current, reactions }))}
        />
        {standalone ? null : (
          <button
            type="button"
            className="post__comments-toggle"
            aria-expanded={threadOpen}
            aria-controls={threadOpen ? threadId : undefined}
            onClick={() => setThreadOpen((open) => !open)}
          >
            <CommentIcon className="icon icon--inline" />
            {commentsLabel(post.commentCount)}
          </button>
        )}
      </footer>

      {threadOpen ? (
        <CommentThread
          post={post}
          id={threadId}
          title={
            standalone
              ? post.commentCount === 0
                ? 'No comments yet'
                : `${post.commentCount} ${post.commentCount === 1 ? 'comment' : 'comments'}`
              : null
          }
          onCountChange={(delta) =>
            onChange((current) => ({ ...current, commentCount: Math.max(0, current.commentCount + delta) }))
          }
        />
      ) : null}

      <ConfirmDialog
        open={dialog === 'delete'}
        onClose={() => setDialog(null)}
        title="Delete this post?"
        description={
          post.canEdit
            ? 'The post, its picture, its comments and its reactions disappear for everyone. This cannot be undone.'
            : `The post by ${name}, with its comments and reactions, disappears for everyone, and the deletion is noted in the audit log.`
        }
        confirmLabel="Delete the post"
        busyLabel="Deleting…"
        onConfirm={async () => {
          await postsApi.remove(post.id);
          setDialog(null);
          onRemoved(post);
        }}
      />
      <ReportDialog
        open={dialog === 'report'}
        onClose={() => setDialog(null)}
        kind="post"
        targetId={post.id}
        communityName={community.name}
        onReported={() => {
          setDialog(null);
          setNotice({
            tone: 'success',
            text: `Thank you. The moderators of ${community.name} will take a look.`,
          });
        }}
      />
    </article>
  );
}
