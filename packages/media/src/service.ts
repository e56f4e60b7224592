import type { CommunitiesCapability } from '@coterie/communities';
import { type AppContext, DomainError, newId, notFound, type Viewer } from '@coterie/platform';
import { processImage } from './image-processing.ts';
import type { Purpose } from './image-rules.ts';
import type { MediaRow, MediaStore } from './store.ts';

export interface ImageView {
  id: string;
  url: string;
  width: number;
  height: number;
}

const imageView = (row: MediaRow): ImageView => ({
  id: row.id,
  url: `/api/media/${row.id}`,
  width: row.width,
  height: row.height,
});
const mediaNotFound = () => notFound('There is no such image, or you cannot see it.', 'media_not_found');

/**
 * Who may see a post's picture: exactly who may see the post (set by the posts capability), or
 * 'unattached' for a picture no post uses yet.
 */
export type PostPictureAccess = (
  viewer: Viewer | null,
  mediaId: string,
) => Promise<'visible' | 'public' | 'hidden' | 'unattached'>;

/** Community images: logos, banners and pictures in posts, re-encoded and access-checked. */
export class MediaService {
  readonly #ctx: AppContext;
  readonly #store: MediaStore;
  readonly #communities: CommunitiesCapability;
  #postPictureAccess: PostPictureAccess | null = null;

  setPostPictureAccess(check: PostPictureAccess): void {
    this.#postPictureAccess = check;
  }

  constructor(ctx: AppContext, store: MediaStore, communities: CommunitiesCapability) {
    this.#ctx = ctx;
    this.#store = store;
    this.#communities = communities;
  }

  async setBranding(viewer: Viewer, slug: string, purpose: 'logo' | 'banner', upload: Buffer | null) {
    const { community, membership } = await this.#communities.communities.requireRole(
      slug,
      viewer,
      ['owner'],
      'change its branding',
    );
    const image = upload ? await this.#save(community.id, membership.id, purpose, upload) : null;
    const { view, replaced } = await this.#communities.communities.setImage(
      viewer,
      slug,
      purpose === 'logo' ? 'logoId' : 'bannerId',
      image?.id ?? null,
    );
    if (replaced) await this.#store.delete(community.id, replaced);
    return view;
  }

  async uploadForPost(viewer: Viewer, slug: string, upload: Buffer): Promise<ImageView> {
    const { community, membership } = await this.#communities.communities.requireRole(
      slug,
      viewer,
      ['owner', 'moderator', 'member'],
      'add pictures',
    );
    return imageView(await this.#save(community.id, membership.id, 'post', upload));
  }

  /** Release artwork for the music capability, which checks who may set it. */
  async saveArtwork(communityId: string, uploaderId: string, upload: Buffer): Promise<ImageView> {
    return imageView(await this.#save(communityId, uploaderId, 'artwork', upload));
  }

  async deleteImage(communityId: string, id: string): Promise<void> {
    await this.#store.delete(communityId, id);
  }

  /** An image as its community's visibility allows: private communities' images for members only. */
  async read(
    viewer: Viewer | null,
    id: string,
    invite?: string,
  ): Promise<{ row: MediaRow; isPublic: boolean }> {
    const row = await this.#store.find(id);
    if (!row) throw mediaNotFound();
    // An invite opens the community's branding to its holder, never its members' pictures.
    const branding = row.purpose === 'logo' || row.purpose === 'banner';
    try {
      const { community, membership } = await this.#communities.communities.accessById(
        row.communityId,
        viewer,
        branding ? invite : undefined,
      );
      if (row.purpose !== 'post') return { row, isPublic: community.visibility === 'public' };
      const access = this.#postPictureAccess ? await this.#postPictureAccess(viewer, row.id) : 'hidden';
      // A picture uploaded but not yet posted is for its community's members only.
      if (access === 'hidden' || (access === 'unattached' && !membership)) throw mediaNotFound();
      // Cacheable by anyone only when the post itself is public in a public community.
      return { row, isPublic: access === 'public' && community.visibility === 'public' };
    } catch {
      throw mediaNotFound();
    }
  }

  /** For posts: the image must be a post picture of the same community. */
  async imageForPost(communityId: string, id: string): Promise<ImageView> {
    const row = await this.#store.find(id);
    if (!row || row.communityId !== communityId || row.purpose !== 'post') {
      throw new DomainError(
        400,
        'validation_failed',
        'imageId must be a picture uploaded to this community.',
        {
          details: [{ field: 'imageId', message: 'not a picture of this community' }],
        },
      );
    }
    return imageView(row);
  }

  async #save(communityId: string, uploaderId: string, purpose: Purpose, upload: Buffer): Promise<MediaRow> {
    const image = await processImage(upload, purpose);
    return this.#store.insert({
      id: newId('med'),
      communityId,
      uploaderId,
      purpose,
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      bytes: image.data.length,
      sha256: image.sha256,
      data: image.data,
      createdAt: this.#ctx.clock(),
    });
  }
}
