import { ApiError, api, noticeSessionLoss, toApiError } from './client.ts';
import type { Role } from './communities.ts';

/** 'tier': for subscribers of `tierId` or any higher-priced tier; others do not see it at all. */
export type PostVisibility = 'public' | 'members' | 'tier';

/** Who wrote a post or comment: their persona here, or null once they left or were erased. */
export interface Author {
  id: string;
  handle: string;
  role: Role;
  displayName?: string;
  avatarUrl?: string | null;
}

export interface Reaction {
  emoji: string;
  count: number;
  mine: boolean;
}

export interface PostImage {
  url: string;
  width: number;
  height: number;
}

export interface Post {
  id: string;
  author: Author | null;
  /** The text as written; shown only as text (in an editor, an excerpt), never as HTML. */
  body: string;
  /** Rendered and sanitised by the server; the only HTML a post brings. */
  bodyHtml: string;
  visibility: PostVisibility;
  tierId: string | null;
  image: PostImage | null;
  pinned: boolean;
  /** Only owners and moderators ever receive hidden posts. */
  hidden: boolean;
  createdAt: string;
  editedAt: string | null;
  /** Visible comments only. */
  commentCount: number;
  reactions: Reaction[];
  /** True for the author: edit and delete. */
  canEdit: boolean;
}

export interface Comment {
  id: string;
  postId: string;
  parentId: string | null;
  author: Author | null;
  body: string;
  bodyHtml: string;
  hidden: boolean;
  createdAt: string;
  editedAt: string | null;
  canEdit: boolean;
}

export interface FeedPage {
  items: Post[];
  /** Only on the first page. */
  pinned: Post[];
  nextCursor: string | null;
}

export interface Report {
  id: string;
  postId: string | null;
  commentId: string | null;
  reason: string;
  createdAt: string;
}

export interface UploadedImage extends PostImage {
  id: string;
}

export interface NewPost {
  body: string;
  visibility: PostVisibility;
  tierId?: string | null;
  imageId?: string;
}

/** Limits the server applies. */
export const POST_MAX = 10_000;
export const COMMENT_MAX = 2_000;
export const REPORT_MAX = 500;
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

const community = (slug: string) => `/api/communities/${encodeURIComponent(slug)}`;
const post = (id: string) => `/api/posts/${encodeURIComponent(id)}`;
const comment = (id: string) => `/api/comments/${encodeURIComponent(id)}`;

export const postsApi = {
  feed: (slug: string, cursor: string | null = null) =>
    api<FeedPage>('GET', `${community(slug)}/posts${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
  create: (slug: string, input: NewPost) => api<Post>('POST', `${community(slug)}/posts`, input),
  get: (id: string) => api<Post>('GET', post(id)),
  edit: (id: string, patch: { body?: string; visibility?: PostVisibility; tierId?: string | null }) =>
    api<Post>('PATCH', post(id), patch),
  pin: (id: string, pinned: boolean) => api<Post>('PATCH', post(id), { pinned }),
  remove: (id: string) => api<void>('DELETE', post(id)),
  setHidden: (id: string, hidden: boolean) => api<void>('POST', `${post(id)}/${hidden ? 'hide' : 'unhide'}`),
  report: (id: string, reason: string) =>
    api<{ reported: boolean }>('POST', `${post(id)}/report`, { reason }),
  react: (id: string, emoji: string, on: boolean) =>
    api<{ reactions: Reaction[] }>(
      on ? 'PUT' : 'DELETE',
      `${post(id)}/reactions/${encodeURIComponent(emoji)}`,
    ),

  comments: (postId: string) =>
    api<{ items: Comment[]; nextCursor: null }>('GET', `${post(postId)}/comments`),
  comment: (postId: string, input: { body: string; parentId?: string }) =>
    api<Comment>('POST', `${post(postId)}/comments`, input),
  editComment: (id: string, body: string) => api<Comment>('PATCH', comment(id), { body }),
  removeComment: (id: string) => api<void>('DELETE', comment(id)),
  setCommentHidden: (id: string, hidden: boolean) =>
    api<void>('POST', `${comment(id)}/${hidden ? 'hide' : 'unhide'}`),
  reportComment: (id: string, reason: string) =>
    api<{ reported: boolean }>('POST', `${comment(id)}/report`, { reason }),

  reports: (slug: string) => api<{ items: Report[]; nextCursor: null }>('GET', `${community(slug)}/reports`),
};

export interface Upload {
  done: Promise<UploadedImage>;
  abort: () => void;
}

/**
 * Uploads a picture for a post. XMLHttpRequest rather than fetch, because only it reports how
 * much of the body has gone out; `onProgress` gets a fraction from 0 to 1.
 */
export function uploadPicture(slug: string, file: File, onProgress: (fraction: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadedImage>((resolve, reject) => {
    xhr.open('POST', `${community(slug)}/images`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 201) {
        try {
          resolve(JSON.parse(xhr.responseText) as UploadedImage);
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', 'The server answered in a way we did not expect.'));
        }
        return;
      }
      const headers = new Headers({ 'content-type': xhr.getResponseHeader('content-type') ?? '' });
      const retryAfter = xhr.getResponseHeader('retry-after');
      if (retryAfter) headers.set('retry-after', retryAfter);
      const status = xhr.status >= 200 && xhr.status <= 599 ? xhr.status : 500;
      toApiError(new Response(xhr.responseText, { status, headers })).then(
        (error) => reject(noticeSessionLoss(error)),
        reject,
      );
    });
    xhr.addEventListener('error', () =>
      reject(
        new ApiError(
          0,
          'network_error',
          'Coterie could not be reached. Check your connection and try again.',
        ),
      ),
    );
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.')));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
