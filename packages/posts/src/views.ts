import type { SharedValues } from '../../communities/src/rules.ts';
import type { CommentRow, PostRow, ReactionCount } from './store.ts';

/** An author as the feed shows them: their persona, with a name or picture only if they shared it. */
export interface AuthorView {
  id: string;
  handle: string;
  role: string;
  displayName?: string;
  avatarUrl?: string | null;
}

export interface PostView {
  id: string;
  author: AuthorView | null;
  body: string;
  bodyHtml: string;
  visibility: string;
  tierId: string | null;
  image: { url: string; width: number; height: number } | null;
  pinned: boolean;
  hidden: boolean;
  createdAt: string;
  editedAt: string | null;
  commentCount: number;
  reactions: ReactionCount[];
  canEdit: boolean;
}

export interface CommentView {
  id: string;
  postId: string;
  parentId: string | null;
  author: AuthorView | null;
  body: string;
  bodyHtml: string;
  hidden: boolean;
  createdAt: string;
  editedAt: string | null;
  canEdit: boolean;
}

export function authorView(
  author: { id: string; handle: string; role: string },
  shared: SharedValues,
): AuthorView {
  const view: AuthorView = { id: author.id, handle: author.handle, role: author.role };
  if (typeof shared.displayName === 'string') view.displayName = shared.displayName;
  if ('avatarUrl' in shared) view.avatarUrl = (shared.avatarUrl as string | null) ?? null;
  return view;
}

export function postView(
  post: PostRow,
  author: AuthorView | null,
  extra: {
    commentCount: number;
    reactions: ReactionCount[];
    canEdit: boolean;
    image: { id: string; width: number; height: number } | null;
  },
): PostView {
  const { image, ...counts } = extra;
  return {
    id: post.id,
    author,
    body: post.body,
    bodyHtml: post.bodyHtml,
    visibility: post.visibility,
    tierId: post.tierId,
    image: image ? { url: `/api/media/${image.id}`, width: image.width, height: image.height } : null,
    pinned: post.pinned,
    hidden: post.hiddenAt !== null,
    createdAt: post.createdAt.toISOString(),
    editedAt: post.editedAt?.toISOString() ?? null,
    ...counts,
  };
}

export function commentView(comment: CommentRow, author: AuthorView | null, canEdit: boolean): CommentView {
  return {
    id: comment.id,
    postId: comment.postId,
    parentId: comment.parentId,
    author,
    body: comment.body,
    bodyHtml: comment.bodyHtml,
    hidden: comment.hiddenAt !== null,
    createdAt: comment.createdAt.toISOString(),
    editedAt: comment.editedAt?.toISOString() ?? null,
    canEdit,
  };
}
