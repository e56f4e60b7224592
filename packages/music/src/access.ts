import type { Access, CommunitiesCapability } from '@coterie/communities';
import { type DomainError, forbidden, notFound, type Viewer } from '@coterie/platform';
import type { Entitlement, PaidMusic } from './paid-music.ts';
import type { CommunityRef } from './views.ts';

export const MUSIC_KINDS: readonly string[] = ['artist', 'expert'];

export const trackNotFound = (): DomainError =>
  notFound('There is no such track, or you cannot hear it.', 'track_not_found');
export const releaseNotFound = (): DomainError => notFound('There is no such release.', 'release_not_found');

export interface MusicAccessResult extends Access {
  /** Owner or moderator of a community that may publish music: may upload and edit. */
  readonly isTeam: boolean;
  readonly ref: CommunityRef;
}

/** Who may hear, see and change a community's music. One place, so every route agrees. */
export class MusicAccess {
  readonly #communities: CommunitiesCapability;
  readonly paid: PaidMusic;
  constructor(communities: CommunitiesCapability, paid: PaidMusic) {
    this.#communities = communities;
    this.paid = paid;
  }

  /**
   * The community a track or release belongs to, as the viewer may see it: outsiders of a private
   * community get the same 404 as for a track that does not exist.
   */
  async ofCommunity(communityId: string, viewer: Viewer | null): Promise<MusicAccessResult> {
    let access: Access;
    try {
      access = await this.#communities.communities.accessById(communityId, viewer);
    } catch {
      throw trackNotFound();
    }
    return withTeam(access);
  }

  async bySlug(slug: string, viewer: Viewer | null): Promise<MusicAccessResult> {
    return withTeam(await this.#communities.communities.access(slug, viewer));
  }

  /**
   * Tracks still processing (or failed) are the team's; members-only tracks are members'; tier-only
   * tracks are for supporters on that tier or a higher one. Returns what the viewer owns of it.
   */
  async toTrack(
    track: {
      id: string;
      communityId: string;
      status: string;
      visibility: string;
      tierId: string | null;
      releaseId: string | null;
    },
    viewer: Viewer | null,
  ): Promise<MusicAccessResult & { entitlement: Entitlement }> {
    const access = await this.ofCommunity(track.communityId, viewer);
    if (track.status !== 'ready' && !access.isTeam) throw trackNotFound();
    if (track.visibility === 'members' && !access.membership && !viewer?.isAdmin) {
      throw forbidden(
        `This track is for members of ${access.community.name}. Join to listen.`,
        'members_only',
      );
    }
    const entitlement = await this.paid.entitlement(access, viewer, [track]);
    await this.paid.assertMayHear(track, entitlement);
    return { ...access, entitlement };
  }

  async requireTeam(slug: string, viewer: Viewer, what: string): Promise<MusicAccessResult> {
    const access = withTeam(
      await this.#communities.communities.requireRole(slug, viewer, ['owner', 'moderator'], what),
    );
    assertMusicCommunity(access);
    return access;
  }

  async requireTeamById(communityId: string, viewer: Viewer, what: string): Promise<MusicAccessResult> {
    const access = await this.ofCommunity(communityId, viewer);
    if (!access.isTeam) throw forbidden(`Only the community's owner or moderators can ${what}.`);
    return access;
  }
}

function assertMusicCommunity(access: MusicAccessResult): void {
  if (!MUSIC_KINDS.includes(access.community.kind)) {
    throw forbidden('Music is for artist and expert communities.', 'not_a_music_community');
  }
}

function withTeam(access: Access): MusicAccessResult {
  const role = access.membership?.role;
  return {
    ...access,
    isTeam: (role === 'owner' || role === 'moderator') && MUSIC_KINDS.includes(access.community.kind),
    ref: { slug: access.community.slug, name: access.community.name },
  };
}
