import type { Access, CommunitiesCapability } from '@coterie/communities';
import type { MediaService } from '@coterie/media';
import {
  type AppContext,
  badRequest,
  forbidden,
  newId,
  notFound,
  type PaidAccess,
  ReadCache,
  type Viewer,
} from '@coterie/platform';
import { isModerator, reachableTiers, visiblePost } from './post-access.ts';
import {
  COMMENT_MAX,
  checkEmoji,
  cleanBody,
  POST_MAX,
  type PostVisibility,
  renderBody,
} from './post-rules.ts';
import type {
  AuthorRow,
  CommentRow,
  FeedFilter,
  FeedRow,
  PostRow,
  PostsStore,
  ReactionCount,
} from './store.ts';
import {
  type AuthorView,
  authorView,
  type CommentView,
  commentView,
  type PostView,
  postView,
} from './views.ts';

const PAGE = 20;

/** Posts, threaded comments, reactions and their moderation, inside the communities' rules. */
export class PostsService {
  readonly #ctx: AppContext;
  readonly #store: PostsStore;
  readonly #communities: CommunitiesCapability;
  readonly #media: MediaService;
  readonly #paid: PaidAccess;
  readonly #pages: ReadCache<FeedPage>;
  readonly #answers: ReadCache<FeedAnswer>;

  constructor(
    ctx: AppContext,
    store: PostsStore,
    communities: CommunitiesCapability,
    media: MediaService,
    paid: PaidAccess,
  ) {
    this.#ctx = ctx;
    this.#store = store;
    this.#communities = communities;
    this.#media = media;
    this.#paid = paid;
    this.#pages = new ReadCache(ctx.changes, { max: 2_000, ttlMs: 5 * 60_000 });
    // Bounded by bytes as much as by count: each kept answer is serialized once, some 20 KB.
    this.#answers = new ReadCache(ctx.changes, { max: 2_000, ttlMs: 5 * 60_000 });
  }

  async feed(viewer: Viewer | null, slug: string, cursor?: string): Promise<FeedAnswer> {
    const access = await this.#communities.communities.access(slug, viewer);
    const filter = {
      communityId: access.community.id,
      includeMembersOnly: access.membership !== null,
      includeHidden: isModerator(access),
      viewerMemberId: access.membership?.id ?? null,
      tierIds: await reachableTiers(this.#paid, access, viewer),
    };
    // Everyone who may read the same posts shares one page; only "mine" and "can edit" are theirs.
    const pageKey = `${filter.communityId} ${audienceOf(filter)} ${cursor ?? ''}`;
    const page = await this.#pages.get(
      pageKey,
      () => this.#loadPage(access, filter, cursor),
      () => [`c:${filter.communityId}`],
    );
    const memberId = filter.viewerMemberId;
    // The answer itself is kept (per reader: "mine" and "can edit" are theirs), so a page read
    // again is the same object, which the route serializes once (see `sharedJson`).
    return this.#answers.get(
      `${pageKey} ${memberId ?? '-'}`,
      async () => {
        const mine = memberId
          ? await this.#store.reactedBy(
              memberId,
              [...page.items, ...page.pinned].map((e) => e.post.id),
            )
          : NOTHING_MINE;
        const view = (entry: PageEntry) => entryView(entry, memberId, mine);
        return { items: page.items.map(view), pinned: page.pinned.map(view), nextCursor: page.nextCursor };
      },
      () => [`c:${filter.communityId}`],
    );
  }

  async #loadPage(access: Access, filter: FeedFilter, cursor: string | undefined): Promise<FeedPage> {
    const rows = await this.#store.feed(filter, {
      pinned: false,
      limit: PAGE + 1,
      ...(cursor ? { cursor } : {}),
    });
    const pinned =
      cursor || access.community.pinnedCount === 0
        ? []
        : await this.#store.feed(filter, { pinned: true, limit: PAGE });
    const page = rows.slice(0, PAGE);
    const authors = new Map<string, Promise<AuthorView>>();
    const entry = async (row: FeedRow): Promise<PageEntry> => ({
      ...row,
      author: await this.#author(access.community.id, row.author, authors),
    });
    return {
      items: await Promise.all(page.map(entry)),
      pinned: await Promise.all(pinned.map(entry)),
      nextCursor: rows.length > PAGE ? (page.at(-1)?.post.id ?? null) : null,
    };
  }

  async create(
    viewer: Viewer,
    slug: string,
    input: { body: string; visibility: PostVisibility; tierId?: string | null; imageId?: string },
  ): Promise<PostView> {
    const access = await this.#communities.communities.requireRole(
      slug,
      viewer,
      ['owner', 'moderator', 'member'],
      'post here',
    );
    const post = await this.#store.insertPost({
      id: newId('pst'),
      communityId: access.community.id,
      authorId: access.membership.id,
      ...withHtml(cleanBody(input.body, POST_MAX)),
      visibility: input.visibility,
      tierId: await this.#tierFor(access.community.id, input.visibility, input.tierId),
      imageId: input.imageId ? (await this.#media.imageForPost(access.community.id, input.imageId)).id : null,
      createdAt: this.#ctx.clock(),
    });
    return this.#one(post, access);
  }

  async get(viewer: Viewer | null, postId: string): Promise<PostView> {
    const { post, access } = await this.#visiblePost(viewer, postId);
    return this.#one(post, access);
  }

  async update(
    viewer: Viewer,
    postId: string,
    patch: { body?: string; visibility?: PostVisibility; tierId?: string | null; pinned?: boolean },
  ): Promise<PostView> {
    const { post, access } = await this.#visiblePost(viewer, postId);
    const mine = post.authorId !== null && post.authorId === access.membership?.id;
    const changes: Partial<PostRow> = {};
    if (patch.body !== undefined || patch.visibility !== undefined) {
      if (!mine) throw forbidden('Only the author can edit a post.');
      if (patch.body !== undefined) Object.assign(changes, withHtml(cleanBody(patch.body, POST_MAX)));
      if (patch.visibility !== undefined) {
        changes.visibility = patch.visibility;
        changes.tierId = await this.#tierFor(
          post.communityId,
          patch.visibility,
          patch.tierId === undefined ? post.tierId : patch.tierId,
        );
      }
      changes.editedAt = this.#ctx.clock();
    }
    if (patch.pinned !== undefined) {
      if (!isModerator(access)) throw forbidden('Only the owner and moderators can pin posts.');
      changes.pinned = patch.pinned;
      await this.#communities.audit.record(
        access.community.id,
        access.membership!,
        patch.pinned ? 'post.pinned' : 'post.unpinned',
        null,
        { postId },
      );
    }
    return this.#one(await this.#store.updatePost(post.id, changes), access);
  }

  async remove(viewer: Viewer, postId: string): Promise<void> {
    const { post, access } = await this.#visiblePost(viewer, postId);
    const mine = post.authorId !== null && post.authorId === access.membership?.id;
    if (!mine && !isModerator(access)) throw forbidden('Only the author or a moderator can delete a post.');
    await this.#store.deletePost(post.id);
    if (!mine)
      await this.#communities.audit.record(access.community.id, access.membership!, 'post.deleted', null, {
        postId,
      });
  }

  async comments(viewer: Viewer | null, postId: string): Promise<CommentView[]> {
    const { access } = await this.#visiblePost(viewer, postId);
    const rows = await this.#store.comments(postId, isModerator(access));
    const authors = new Map<string, Promise<AuthorView>>();
    return Promise.all(
      rows.map(async ({ comment, author }) =>
        commentView(
          comment,
          await this.#author(access.community.id, author, authors),
          author !== null && author.id === access.membership?.id,
        ),
      ),
    );
  }

  async comment(
    viewer: Viewer,
    postId: string,
    input: { body: string; parentId?: string },
  ): Promise<CommentView> {
    const { post, access } = await this.#visiblePost(viewer, postId);
    if (!access.membership) throw forbidden('Only members can comment.', 'not_a_member');
    if (input.parentId !== undefined) {
      const parent = await this.#store.findComment(input.parentId);
      if (!parent || parent.postId !== post.id) {
        throw badRequest('validation_failed', 'parentId must be a comment on the same post.', [
          { field: 'parentId', message: 'not a comment on this post' },
        ]);
      }
    }
    const comment = await this.#store.insertComment({
      id: newId('cmt'),
      communityId: post.communityId,
      postId: post.id,
      parentId: input.parentId ?? null,
      authorId: access.membership.id,
      ...withHtml(cleanBody(input.body, COMMENT_MAX)),
      createdAt: this.#ctx.clock(),
    });
    return commentView(comment, await this.#author(post.communityId, toAuthor(access), new Map()), true);
  }

  async editComment(viewer: Viewer, commentId: string, body: string): Promise<CommentView> {
    const { comment, access } = await this.#ownComment(viewer, commentId, 'edit');
    const updated = await this.#store.updateComment(comment.id, {
      ...withHtml(cleanBody(body, COMMENT_MAX)),
      editedAt: this.#ctx.clock(),
    });
    return commentView(updated, await this.#author(comment.communityId, toAuthor(access), new Map()), true);
  }

  async deleteComment(viewer: Viewer, commentId: string): Promise<void> {
    const { comment, access, mine } = await this.#ownComment(viewer, commentId, 'delete', true);
    await this.#store.deleteComment(comment.id);
    if (!mine)
      await this.#communities.audit.record(access.community.id, access.membership!, 'comment.deleted', null, {
        commentId,
      });
  }

  async react(viewer: Viewer, postId: string, emoji: string, on: boolean): Promise<ReactionCount[]> {
    const { post, access } = await this.#visiblePost(viewer, postId);
    if (!access.membership) throw forbidden('Only members can react.', 'not_a_member');
    const checked = checkEmoji(emoji);
    if (on)
      await this.#store.react({
        communityId: post.communityId,
        postId: post.id,
        memberId: access.membership.id,
        emoji: checked,
        createdAt: this.#ctx.clock(),
      });
    else await this.#store.unreact(post.id, access.membership.id, checked);
    return this.#store.reactionCounts(post.id, access.membership.id);
  }

  /** Who may see a post picture: whoever may see its post. */
  async pictureAccess(
    viewer: Viewer | null,
    mediaId: string,
  ): Promise<'visible' | 'public' | 'hidden' | 'unattached'> {
    const post = await this.#store.postWithImage(mediaId);
    if (!post) return 'unattached';
    try {
      await this.#visiblePost(viewer, post.id);
    } catch {
      return 'hidden';
    }
    return post.visibility === 'public' && post.hiddenAt === null ? 'public' : 'visible';
  }

  async exportFor(userId: string): Promise<unknown> {
    const { posts, comments, reactions } = await this.#store.authoredBy(
      await this.#communities.memberships.memberIdsOf(userId),
    );
    return {
      posts: posts.map((p) => ({
        id: p.id,
        body: p.body,
        visibility: p.visibility,
        createdAt: p.createdAt.toISOString(),
        editedAt: p.editedAt?.toISOString() ?? null,
      })),
      comments: comments.map((c) => ({
        id: c.id,
        postId: c.postId,
        parentId: c.parentId,
        body: c.body,
        createdAt: c.createdAt.toISOString(),
      })),
      reactions: reactions.map((r) => ({
        postId: r.postId,
        emoji: r.emoji,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }

  /** "Delete my posts" removes them; otherwise they stay, signed by nobody, when the personas go. */
  async eraseFor(userId: string, keepPostsAnonymised: boolean): Promise<void> {
    if (!keepPostsAnonymised)
      await this.#store.deleteAuthoredBy(await this.#communities.memberships.memberIdsOf(userId));
  }

  #visiblePost(viewer: Viewer | null, postId: string): Promise<{ post: PostRow; access: Access }> {
    return visiblePost(this.#store, this.#communities, viewer, postId, this.#paid);
  }

  async #ownComment(
    viewer: Viewer,
    commentId: string,
    what: string,
    moderatorsToo = false,
  ): Promise<{ comment: CommentRow; access: Access; mine: boolean }> {
    const comment = await this.#store.findComment(commentId);
    if (!comment) throw notFound('There is no such comment.', 'comment_not_found');
    const { access } = await this.#visiblePost(viewer, comment.postId);
    const mine = comment.authorId !== null && comment.authorId === access.membership?.id;
    if (!mine && !(moderatorsToo && isModerator(access)))
      throw forbidden(`Only the author can ${what} a comment.`);
    return { comment, access, mine };
  }

  async #one(post: PostRow, access: Access): Promise<PostView> {
    const row = await this.#store.onePost(post.id);
    const memberId = access.membership?.id ?? null;
    const author = await this.#author(post.communityId, row?.author ?? null, new Map());
    const mine = memberId ? await this.#store.reactedBy(memberId, [post.id]) : NOTHING_MINE;
    return entryView(
      {
        post,
        author,
        commentCount: row?.commentCount ?? 0,
        reactions: row?.reactions ?? [],
        image: row?.image ?? null,
      },
      memberId,
      mine,
    );
  }

  #author(
    communityId: string,
    author: AuthorRow | null,
    cache: Map<string, Promise<AuthorView>>,
  ): Promise<AuthorView> | null {
    if (!author) return null;
    let view = cache.get(author.id);
    if (!view) {
      view = this.#communities.keys
        .openShared(communityId, author.id, author.sharedData)
        .then((shared) => authorView(author, shared));
      cache.set(author.id, view);
    }
    return view;
  }

  /** A tier post names a tier of its own community; other visibilities carry none. */
  async #tierFor(
    communityId: string,
    visibility: PostVisibility,
    tierId: string | null | undefined,
  ): Promise<string | null> {
    if (visibility !== 'tier') return null;
    if (!tierId) throw badRequest('validation_failed', 'A tier-only post needs a tierId.');
    const tier = await this.#paid.tierOf(communityId, tierId);
    if (!tier) throw badRequest('tier_not_found', 'That tier is not one of this community’s.');
    return tier.id;
  }
}

/** A feed page as every viewer of the same audience sees it, authors already unsealed. */
interface PageEntry extends Omit<FeedRow, 'author'> {
  author: AuthorView | null;
}

/** Shared between readers and requests: never changed once made. */
export interface FeedAnswer {
  readonly items: readonly PostView[];
  readonly pinned: readonly PostView[];
  readonly nextCursor: string | null;
}

interface FeedPage {
  items: PageEntry[];
  pinned: PageEntry[];
  nextCursor: string | null;
}

const NOTHING_MINE: ReadonlySet<string> = new Set();

/** Who reads the same posts: the public, or members reaching the same tiers, hidden posts or not. */
function audienceOf(filter: FeedFilter): string {
  if (!filter.includeMembersOnly) return 'public';
  const tiers = filter.tierIds === null ? '*' : [...filter.tierIds].sort().join(',');
  return `members:${filter.includeHidden ? 'hidden' : 'visible'}:${tiers}`;
}

function entryView(entry: PageEntry, memberId: string | null, mine: ReadonlySet<string>): PostView {
  return postView(entry.post, entry.author, {
    commentCount: entry.commentCount,
    reactions: entry.reactions.map((r) => ({ ...r, mine: mine.has(`${entry.post.id} ${r.emoji}`) })),
    canEdit: entry.author !== null && memberId !== null && entry.author.id === memberId,
    image: entry.image,
  });
}

function withHtml(body: string): { body: string; bodyHtml: string } {
  return { body, bodyHtml: renderBody(body) };
}

function toAuthor(access: Access): AuthorRow | null {
  const m = access.membership;
  return m ? { id: m.id, handle: m.handle, role: m.role, sharedData: m.sharedData } : null;
}
