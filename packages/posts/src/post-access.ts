import type { Access, CommunitiesCapability } from '@coterie/communities';
import { notFound, type PaidAccess, type Viewer } from '@coterie/platform';
import { canSee } from './post-rules.ts';
import type { PostRow, PostsStore } from './store.ts';

export const isModerator = (access: Access): boolean =>
  access.membership?.role === 'owner' || access.membership?.role === 'moderator';

export const postNotFound = () => notFound('There is no such post, or you cannot see it.', 'post_not_found');

/**
 * A post the viewer may see, with their standing in its community. Anything else, a post of a
 * private community they are outside of, members-only or hidden, is the same 404 as no post.
 */
export async function visiblePost(
  store: PostsStore,
  communities: CommunitiesCapability,
  viewer: Viewer | null,
  postId: string,
  paid: PaidAccess,
): Promise<{ post: PostRow; access: Access }> {
  const post = await store.findPost(postId);
  if (!post) throw postNotFound();
  let access: Access;
  try {
    access = await communities.communities.accessById(post.communityId, viewer);
  } catch {
    throw postNotFound();
  }
  const reachable = await reachableTiers(paid, access, viewer);
  if (!canSee(post, access.membership !== null, reachable) || (post.hiddenAt && !isModerator(access))) {
    throw postNotFound();
  }
  return { post, access };
}

/** The tiers whose posts the viewer reads here; null for everything (the team and admins). */
export async function reachableTiers(
  paid: PaidAccess,
  access: Access,
  viewer: Viewer | null,
): Promise<ReadonlySet<string> | null> {
  if (!viewer || !access.membership) return new Set();
  if (isModerator(access) || viewer.isAdmin) return null;
  return paid.reachableTiers(access.community.id, viewer.userId);
}
