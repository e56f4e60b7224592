import type { CommunitiesCapability } from '@coterie/communities';
import { type AppContext, forbidden, newId, notFound, type PaidAccess, type Viewer } from '@coterie/platform';
import { isModerator, visiblePost } from './post-access.ts';
import { cleanBody } from './post-rules.ts';
import type { PostsStore } from './store.ts';

export interface ReportView {
  id: string;
  postId: string | null;
  commentId: string | null;
  reason: string;
  createdAt: string;
}

/** Reports from members, and hiding by the owner and moderators, every action audited. */
export class PostModeration {
  readonly #ctx: AppContext;
  readonly #store: PostsStore;
  readonly #communities: CommunitiesCapability;

  readonly #paid: PaidAccess;

  constructor(ctx: AppContext, store: PostsStore, communities: CommunitiesCapability, paid: PaidAccess) {
    this.#ctx = ctx;
    this.#store = store;
    this.#communities = communities;
    this.#paid = paid;
  }

  #visiblePost(viewer: Viewer | null, postId: string) {
    return visiblePost(this.#store, this.#communities, viewer, postId, this.#paid);
  }

  async report(
    viewer: Viewer,
    target: { postId?: string; commentId?: string },
    reason: string,
  ): Promise<void> {
    const postId = target.postId ?? (await this.#store.findComment(target.commentId!))?.postId;
    // A comment's report names its post too, so moderators can open it in context.
    if (!postId) throw notFound('There is no such comment.', 'comment_not_found');
    const { post, access } = await this.#visiblePost(viewer, postId);
    if (!access.membership) throw forbidden('Only members can report.', 'not_a_member');
    await this.#store.insertReport({
      id: newId('rep'),
      communityId: post.communityId,
      postId,
      commentId: target.commentId ?? null,
      reporterId: access.membership.id,
      reason: cleanBody(reason, 500, 'reason'),
      createdAt: this.#ctx.clock(),
    });
  }

  async reports(viewer: Viewer, slug: string): Promise<ReportView[]> {
    const access = await this.#communities.communities.requireRole(
      slug,
      viewer,
      ['owner', 'moderator'],
      'see reports',
    );
    return (await this.#store.openReports(access.community.id)).map((r) => ({
      id: r.id,
      postId: r.postId,
      commentId: r.commentId,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** Hide or unhide a post or comment; either way its open reports are settled and it is audited. */
  async setHidden(
    viewer: Viewer,
    target: { postId?: string; commentId?: string },
    hidden: boolean,
  ): Promise<void> {
    const comment = target.commentId ? await this.#store.findComment(target.commentId) : null;
    if (target.commentId && !comment) throw notFound('There is no such comment.', 'comment_not_found');
    const { access } = await this.#visiblePost(viewer, target.postId ?? comment!.postId);
    if (!isModerator(access)) throw forbidden('Only the owner and moderators can hide content.');
    const hiddenAt = hidden ? this.#ctx.clock() : null;
    if (comment) await this.#store.updateComment(comment.id, { hiddenAt });
    else await this.#store.updatePost(target.postId!, { hiddenAt });
    await this.#store.resolveReports(target, this.#ctx.clock());
    const kind = comment ? 'comment' : 'post';
    await this.#communities.audit.record(
      access.community.id,
      access.membership!,
      `${kind}.${hidden ? 'hidden' : 'unhidden'}`,
      null,
      target,
    );
  }
}
