import {
  createContext,
  type FormEvent,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { COMMENT_MAX, type Comment, type Post, postsApi } from '../../../api/posts.ts';
import { useAuth } from '../../../auth/auth-context.tsx';
import { ActionMenu, type MenuItem } from '../../../components/action-menu.tsx';
import { useAnnounce } from '../../../components/announcer.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import {
  EyeIcon,
  EyeOffIcon,
  FlagIcon,
  PencilIcon,
  ReplyIcon,
  TrashIcon,
} from '../../../components/icons.tsx';
import type { FlashState } from '../../../lib/flash.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { canModerate, useCommunity } from '../community-context.ts';
import { submitOnModEnter } from './composer.tsx';
import { AuthorAvatar, AuthorLine, authorName, Prose, RelativeTime } from './post-parts.tsx';
import { ReportDialog } from './report-dialog.tsx';

/** Replies indent up to this depth; deeper ones line up under it and say whom they answer. */
const MAX_INDENT = 3;

interface Thread {
  post: Post;
  member: boolean;
  moderator: boolean;
  communityName: string;
  byId: Map<string, Comment>;
  added: (comment: Comment) => void;
  changed: (comment: Comment, countDelta?: number) => void;
  removed: (comment: Comment) => void;
}

const ThreadContext = createContext<Thread | null>(null);

function useThread(): Thread {
  const thread = useContext(ThreadContext);
  if (!thread) throw new Error('A comment is rendered outside its thread.');
  return thread;
}

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; comments: Comment[] };

/** Replies grouped under their parent; a reply whose parent is gone (deleted, hidden) stands on its own. */
function childrenByParent(comments: Comment[]): Map<string | null, Comment[]> {
  const ids = new Set(comments.map((c) => c.id));
  const children = new Map<string | null, Comment[]>();
  for (const comment of comments) {
    const key = comment.parentId && ids.has(comment.parentId) ? comment.parentId : null;
    const list = children.get(key);
    if (list) list.push(comment);
    else children.set(key, [comment]);
  }
  return children;
}

interface CommentThreadProps {
  post: Post;
  id: string;
  /** A heading over the thread, on the post's own page. */
  title?: string | null;
  /** The visible comment count changed by this much (a comment added, deleted, hidden). */
  onCountChange: (delta: number) => void;
}

/** A post's comments, threaded, with a box to add one (members) or a word on how to join in. */
export function CommentThread({ post, id, title, onCountChange }: CommentThreadProps) {
  const { community } = useCommunity();
  const announce = useAnnounce();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [focusId, setFocusId] = useState<string | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const member = community.myMembership !== null;

  // The count on the post may be older than the thread just read: bring it in line.
  const countRef = useRef({ count: post.commentCount, onCountChange });
  countRef.current = { count: post.commentCount, onCountChange };

  const fetchComments = useCallback(async () => {
    try {
      const page = await postsApi.comments(post.id);
      setLoad({ status: 'ready', comments: page.items });
      const visible = page.items.filter((c) => !c.hidden).length;
      const { count, onCountChange: report } = countRef.current;
      if (visible !== count) report(visible - count);
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'The comments could not be loaded.',
      });
    }
  }, [post.id]);

  useEffect(() => {
    void fetchComments();
  }, [fetchComments]);

  // Focus follows what just happened: the reply just written, or the thread after a deletion.
  useEffect(() => {
    if (focusId === null) return;
    if (focusId === 'thread') sectionRef.current?.focus();
    else
      sectionRef.current?.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(focusId)}"]`)?.focus();
    setFocusId(null);
  }, [focusId]);

  const comments = load.status === 'ready' ? load.comments : [];
  const children = useMemo(() => childrenByParent(comments), [comments]);
  const byId = useMemo(() => new Map(comments.map((c) => [c.id, c])), [comments]);

  const thread: Thread = {
    post,
    member,
    moderator: canModerate(community),
    communityName: community.name,
    byId,
    added: (comment) => {
      setLoad((current) =>
        current.status === 'ready' ? { status: 'ready', comments: [...current.comments, comment] } : current,
      );
      onCountChange(1);
      announce(comment.parentId ? 'Reply added.' : 'Comment added.');
      if (comment.parentId) setFocusId(comment.id);
    },
    changed: (comment, countDelta = 0) => {
      setLoad((current) =>
        current.status === 'ready'
          ? { status: 'ready', comments: current.comments.map((c) => (c.id === comment.id ? comment : c)) }
          : current,
      );
      if (countDelta !== 0) onCountChange(countDelta);
    },
    removed: (comment) => {
      setLoad((current) =>
        current.status === 'ready'
          ? { status: 'ready', comments: current.comments.filter((c) => c.id !== comment.id) }
          : current,
      );
      if (!comment.hidden) onCountChange(-1);
      announce('Comment deleted.');
      setFocusId('thread');
    },
  };

  return (
    <ThreadContext.Provider value={thread}>
      <section ref={sectionRef} id={id} className="thread" aria-label="Comments" tabIndex={-1}>
        {title ? <h2 className="thread__title">{title}</h2> : null}
        {load.status === 'loading' ? (
          <p className="muted-state thread__state" role="status">
            <span className="spinner" aria-hidden="true" /> Loading the comments…
          </p>
        ) : load.status === 'failed' ? (
          <div className="muted-state thread__state">
            <StatusMessage notice={{ tone: 'error', text: load.message }} />
            <Button variant="secondary" size="sm" onClick={() => void fetchComments()}>
              Try again
            </Button>
          </div>
        ) : comments.length === 0 && !member ? (
          <p className="thread__empty">No comments yet.</p>
        ) : (
          <CommentBranch tree={children} parent={null} depth={0} />
        )}
        {member ? (
          <CommentForm
            label="Write a comment"
            placeholder={comments.length === 0 ? 'Be the first to comment…' : 'Write a comment…'}
            submitLabel="Post comment"
            onSubmit={async (body) => thread.added(await postsApi.comment(post.id, { body }))}
          />
        ) : (
          <JoinToComment />
        )}
      </section>
    </ThreadContext.Provider>
  );
}

function JoinToComment() {
  const { community, openJoin } = useCommunity();
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'anonymous') {
    return (
      <p className="thread__join">
        <Link to="/login" state={{ from: `${location.pathname}${location.search}` } satisfies FlashState}>
          Log in
        </Link>{' '}
        and join {community.name} to comment.
      </p>
    );
  }
  return (
    <p className="thread__join">
      <button type="button" className="text-button" onClick={openJoin}>
        Join {community.name}
      </button>{' '}
      to comment and react.
    </p>
  );
}

function CommentBranch({
  tree,
  parent,
  depth,
}: {
  tree: Map<string | null, Comment[]>;
  parent: string | null;
  depth: number;
}) {
  const list = tree.get(parent);
  if (!list || list.length === 0) return null;
  const className =
    depth === 0 ? 'comments' : depth <= MAX_INDENT ? 'comments comments--nested' : 'comments comments--deep';
  return (
    <ul className={className} aria-label={depth === 0 ? undefined : 'Replies'}>
      {list.map((comment) => (
        <li key={comment.id} className="comments__item">
          <CommentItem comment={comment} depth={depth} />
          <CommentBranch tree={tree} parent={comment.id} depth={depth + 1} />
        </li>
      ))}
    </ul>
  );
}

function CommentItem({ comment, depth }: { comment: Comment; depth: number }) {
  const thread = useThread();
  const announce = useAnnounce();
  const [mode, setMode] = useState<'view' | 'edit' | 'reply'>('view');
  const [dialog, setDialog] = useState<'delete' | 'report' | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const replyRef = useRef<HTMLButtonElement>(null);
  const articleRef = useRef<HTMLElement>(null);
  const name = authorName(comment.author);
  const parent = comment.parentId ? thread.byId.get(comment.parentId) : undefined;

  async function setHidden(hidden: boolean) {
    setNotice(null);
    try {
      await postsApi.setCommentHidden(comment.id, hidden);
      thread.changed({ ...comment, hidden }, hidden ? -1 : 1);
      announce(hidden ? 'Comment hidden from members.' : 'Comment visible again.');
    } catch (error) {
      setNotice({ tone: 'error', text: error instanceof ApiError ? error.message : 'That did not work.' });
    }
  }

  const items: MenuItem[] = [];
  if (comment.canEdit)
    items.push({
      label: 'Edit',
      icon: <PencilIcon className="icon menu__icon" />,
      onSelect: () => setMode('edit'),
    });
  if (thread.moderator)
    items.push(
      comment.hidden
        ? {
            label: 'Unhide',
            icon: <EyeIcon className="icon menu__icon" />,
            onSelect: () => void setHidden(false),
          }
        : {
            label: 'Hide',
            icon: <EyeOffIcon className="icon menu__icon" />,
            onSelect: () => void setHidden(true),
          },
    );
  if (thread.member && !comment.canEdit && !thread.moderator)
    items.push({
      label: 'Report',
      icon: <FlagIcon className="icon menu__icon" />,
      onSelect: () => setDialog('report'),
    });
  if (comment.canEdit || thread.moderator)
    items.push({
      label: 'Delete',
      icon: <TrashIcon className="icon menu__icon" />,
      tone: 'danger',
      onSelect: () => setDialog('delete'),
    });

  return (
    <article
      ref={articleRef}
      className={comment.hidden ? 'comment comment--hidden' : 'comment'}
      aria-label={`Comment by ${name}`}
      tabIndex={-1}
      data-comment-id={comment.id}
    >
      <AuthorAvatar author={comment.author} size="sm" />
      <div className="comment__main">
        <header className="comment__byline">
          <AuthorLine author={comment.author} />
          <span className="comment__meta">
            <RelativeTime iso={comment.createdAt} />
            {comment.editedAt ? (
              <span className="comment__edited" title={`Edited ${formatDateTime(comment.editedAt)}`}>
                edited
              </span>
            ) : null}
            {comment.hidden ? (
              <span className="tag tag--hidden">
                <EyeOffIcon className="icon icon--inline" /> Hidden
              </span>
            ) : null}
          </span>
        </header>
        {depth > MAX_INDENT && parent ? (
          <p className="comment__reply-to">
            <ReplyIcon className="icon icon--inline" /> Replying to {authorName(parent.author)}
          </p>
        ) : null}
        {mode === 'edit' ? (
          <CommentForm
            label="Edit your comment"
            visibleLabel
            initial={comment.body}
            submitLabel="Save"
            autoFocus
            onCancel={() => {
              setMode('view');
              articleRef.current?.focus();
            }}
            onSubmit={async (body) => {
              thread.changed(await postsApi.editComment(comment.id, body));
              setMode('view');
              announce('Comment saved.');
              articleRef.current?.focus();
            }}
          />
        ) : (
          <Prose html={comment.bodyHtml} className="prose--compact comment__body" />
        )}
        {mode !== 'edit' && (thread.member || items.length > 0) ? (
          <div className="comment__actions">
            {thread.member ? (
              <button
                ref={replyRef}
                type="button"
                className="text-button comment__reply"
                aria-expanded={mode === 'reply'}
                onClick={() => setMode(mode === 'reply' ? 'view' : 'reply')}
              >
                <ReplyIcon className="icon icon--inline" />
                Reply<span className="visually-hidden"> to {name}</span>
              </button>
            ) : null}
            <ActionMenu label={`More actions for the comment by ${name}`} items={items} />
          </div>
        ) : null}
        <StatusMessage notice={notice} />
        {mode === 'reply' ? (
          <CommentForm
            label={`Reply to ${name}`}
            placeholder={`Reply to ${name}…`}
            submitLabel="Reply"
            autoFocus
            onCancel={() => {
              setMode('view');
              replyRef.current?.focus();
            }}
            onSubmit={async (body) => {
              const reply = await postsApi.comment(thread.post.id, { body, parentId: comment.id });
              setMode('view');
              thread.added(reply);
            }}
          />
        ) : null}
      </div>
      <ConfirmDialog
        open={dialog === 'delete'}
        onClose={() => setDialog(null)}
        title="Delete this comment?"
        description={
          comment.canEdit
            ? 'It disappears for everyone. Replies to it stay.'
            : `It disappears for everyone, and the deletion is noted in the audit log of ${thread.communityName}. Replies to it stay.`
        }
        confirmLabel="Delete the comment"
        busyLabel="Deleting…"
        onConfirm={async () => {
          await postsApi.removeComment(comment.id);
          setDialog(null);
          thread.removed(comment);
        }}
      />
      <ReportDialog
        open={dialog === 'report'}
        onClose={() => setDialog(null)}
        kind="comment"
        targetId={comment.id}
        communityName={thread.communityName}
        onReported={() => {
          setDialog(null);
          setNotice({
            tone: 'success',
            text: `Thank you. The moderators of ${thread.communityName} will take a look.`,
          });
        }}
      />
    </article>
  );
}

interface CommentFormProps {
  label: string;
  /** Show the label above the box (editing), rather than only to assistive technology. */
  visibleLabel?: boolean;
  placeholder?: string;
  initial?: string;
  submitLabel: string;
  autoFocus?: boolean;
  onCancel?: () => void;
  /** Sends the text; a thrown error is shown under the box, which keeps the text. */
  onSubmit: (body: string) => Promise<void>;
}

function CommentForm({
  label,
  visibleLabel,
  placeholder,
  initial = '',
  submitLabel,
  autoFocus,
  onCancel,
  onSubmit,
}: CommentFormProps) {
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useAutoFocus(textRef, autoFocus);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body.trim() === '') {
      setError('Write something first.');
      textRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(body);
      setBody('');
      setBusy(false);
    } catch (failure) {
      setBusy(false);
      setError(failure instanceof ApiError ? failure.message : 'That did not go through. Please try again.');
      textRef.current?.focus();
    }
  }

  const errorId = `${id}-error`;
  return (
    <form
      className={onCancel ? 'comment-form comment-form--inline' : 'comment-form'}
      onSubmit={submit}
      noValidate
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel && !busy) {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <label htmlFor={`${id}-body`} className={visibleLabel ? 'field__label' : 'visually-hidden'}>
        {label}
      </label>
      <textarea
        ref={textRef}
        id={`${id}-body`}
        className="input comment-form__text"
        placeholder={placeholder}
        value={body}
        rows={1}
        maxLength={COMMENT_MAX}
        onChange={(event) => {
          setBody(event.target.value);
          if (error) setError(null);
        }}
        onKeyDown={submitOnModEnter}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      <div className="comment-form__buttons">
        {onCancel ? (
          <Button variant="ghost" size="sm" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" size="sm" busy={busy} busyLabel="Sending…">
          {submitLabel}
        </Button>
      </div>
      {error ? (
        <p className="field__error comment-form__error" id={errorId} role="alert">
          <span aria-hidden="true" className="field__error-icon">
            !
          </span>
          {error}
        </p>
      ) : null}
    </form>
  );
}

function useAutoFocus(ref: RefObject<HTMLTextAreaElement | null>, enabled: boolean | undefined): void {
  useEffect(() => {
    const text = ref.current;
    if (!enabled || !text) return;
    text.focus();
    text.setSelectionRange(text.value.length, text.value.length);
  }, [ref, enabled]);
}
