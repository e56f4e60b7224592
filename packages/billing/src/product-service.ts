import type { Readable } from 'node:stream';
import type { Access, CommunityService } from '@coterie/communities';
import {
  type AppContext,
  badRequest,
  checkSalePrice,
  DomainError,
  forbidden,
  itemKey,
  newId,
  notFound,
  type Price,
  type ReceivedFile,
  type SellableItem,
  type Viewer,
} from '@coterie/platform';
import type { BlobStore } from '@coterie/storage';
import type { CommerceStore, ProductRow } from './commerce-store.ts';
import { readDownload, signDownload } from './download-links.ts';
import { detectProductFile, productFileName } from './product-files.ts';
import type { ProductFile } from './schema.ts';

/** Long enough to start a download on a slow line, short enough that a leaked link soon dies. */
export const DOWNLOAD_LINK_SECONDS = 15 * 60;
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 5000;

export interface ProductView {
  id: string;
  communitySlug: string;
  communityName: string;
  title: string;
  description: string;
  price: Price;
  file: { name: string; bytes: number; kind: ProductFile['kind']; contentType: string };
  purchased: boolean;
  canEdit: boolean;
  archived: boolean;
  createdAt: string;
  /** Owners and moderators only. */
  sales?: number;
}

export interface ProductInput {
  title: string;
  description?: string;
  price: { amountMinor: number; currency: string; payWhatYouWant?: boolean };
}

export interface ProductPatch {
  title?: string;
  description?: string;
  priceMinor?: number;
  payWhatYouWant?: boolean;
  archived?: boolean;
}

const productNotFound = () => notFound('There is no such product.', 'product_not_found');
const isTeam = (access: Access) =>
  access.membership?.role === 'owner' || access.membership?.role === 'moderator';

function cleanText(value: string, field: string, max: number, required: boolean): string {
  const cleaned = value.replace(/\r\n?/g, '\n').trim();
  if (required && cleaned === '') throw badRequest('validation_failed', `${field} must not be empty.`);
  if ([...cleaned].length > max)
    throw badRequest('validation_failed', `${field} must be at most ${max} characters.`);
  return cleaned;
}

/** Digital products: a file, a price, a page; buyers download through expiring links made for them. */
export class ProductService {
  readonly #ctx: AppContext;
  readonly #store: CommerceStore;
  readonly #blobs: BlobStore;
  readonly #communities: CommunityService;
  readonly #linkSecret: Buffer;

  constructor(
    ctx: AppContext,
    deps: { store: CommerceStore; blobs: BlobStore; communities: CommunityService; linkSecret: Buffer },
  ) {
    this.#ctx = ctx;
    this.#store = deps.store;
    this.#blobs = deps.blobs;
    this.#communities = deps.communities;
    this.#linkSecret = deps.linkSecret;
  }

  /** Checked before a byte of the upload is read. */
  async authorizeCreate(viewer: Viewer, slug: string): Promise<void> {
    await this.#communities.requireRole(slug, viewer, ['owner', 'moderator'], 'sell products');
  }

  async create(viewer: Viewer, slug: string, input: ProductInput, file: ReceivedFile): Promise<ProductView> {
    const access = await this.#communities.requireRole(slug, viewer, ['owner', 'moderator'], 'sell products');
    const title = cleanText(input.title, 'title', TITLE_MAX, true);
    const description = cleanText(input.description ?? '', 'description', DESCRIPTION_MAX, false);
    const price = checkSalePrice(input.price);
    const detected = await detectProductFile(file.path);
    if (!detected) {
      throw new DomainError(
        415,
        'unsupported_file',
        'Products can be a PDF, an EPUB, a video (MP4, WebM, MOV, MKV) or a zip archive.',
      );
    }
    const key = `products/${access.community.id}/${file.sha256}.${detected.extension}`;
    await this.#blobs.putFile(key, file.path, detected.contentType);
    const now = this.#ctx.clock();
    const row = await this.#store.insertProduct({
      id: newId('prd'),
      communityId: access.community.id,
      title,
      description,
      priceMinor: price.amountMinor,
      currency: price.currency,
      payWhatYouWant: price.payWhatYouWant,
      file: {
        key,
        bytes: file.bytes,
        sha256: file.sha256,
        contentType: detected.contentType,
        name: productFileName(file.filename, title, detected.extension),
        kind: detected.kind,
      },
      createdBy: viewer.userId,
      createdAt: now,
      updatedAt: now,
    });
    return this.#view(row, access, false, 0);
  }

  async list(viewer: Viewer | null, slug: string): Promise<{ products: ProductView[] }> {
    const access = await this.#communities.access(slug, viewer);
    const team = isTeam(access);
    const rows = await this.#store.productsOf(access.community.id, team);
    const owned = viewer
      ? await this.#store.owned(
          viewer.userId,
          rows.map((r) => ({ type: 'product' as const, id: r.id })),
        )
      : new Set<string>();
    const sales = team ? await this.#store.productSales(access.community.id) : null;
    return {
      products: rows.map((r) =>
        this.#view(r, access, owned.has(itemKey('product', r.id)), sales?.get(r.id) ?? 0),
      ),
    };
  }

  async get(viewer: Viewer | null, id: string): Promise<ProductView> {
    const { row, access } = await this.#visible(viewer, id);
    const owned = viewer ? await this.#store.owned(viewer.userId, [{ type: 'product', id }]) : new Set();
    const sales = isTeam(access) ? (await this.#store.productSales(access.community.id)).get(id) : 0;
    return this.#view(row, access, owned.size > 0, sales ?? 0);
  }

  async update(viewer: Viewer, id: string, patch: ProductPatch): Promise<ProductView> {
    const { row, access } = await this.#visible(viewer, id);
    if (!isTeam(access)) throw forbidden("Only the community's owner or moderators can edit products.");
    const changes: Partial<ProductRow> = { updatedAt: this.#ctx.clock() };
    if (patch.title !== undefined) changes.title = cleanText(patch.title, 'title', TITLE_MAX, true);
    if (patch.description !== undefined)
      changes.description = cleanText(patch.description, 'description', DESCRIPTION_MAX, false);
    if (patch.priceMinor !== undefined || patch.payWhatYouWant !== undefined) {
      const price = checkSalePrice({
        amountMinor: patch.priceMinor ?? row.priceMinor,
        currency: row.currency,
        payWhatYouWant: patch.payWhatYouWant ?? row.payWhatYouWant,
      });
      changes.priceMinor = price.amountMinor;
      changes.payWhatYouWant = price.payWhatYouWant;
    }
    if (patch.archived !== undefined) changes.archivedAt = patch.archived ? this.#ctx.clock() : null;
    const updated = await this.#store.updateProduct(id, changes);
    if (!updated) throw productNotFound();
    const sales = (await this.#store.productSales(access.community.id)).get(id) ?? 0;
    return this.#view(updated, access, false, sales);
  }

  /** A link for this buyer (or the team), valid for a quarter of an hour. */
  async downloadLink(viewer: Viewer, id: string): Promise<{ url: string; expiresAt: string }> {
    const { access } = await this.#visible(viewer, id);
    if (!isTeam(access)) {
      const owned = await this.#store.owned(viewer.userId, [{ type: 'product', id }]);
      if (owned.size === 0) throw forbidden('Buy this product to download it.', 'not_purchased');
    }
    const expires = Math.floor(this.#ctx.clock().getTime() / 1000) + DOWNLOAD_LINK_SECONDS;
    const token = signDownload(this.#linkSecret, { productId: id, userId: viewer.userId, expires });
    return { url: `/api/downloads/${token}`, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** The file behind a link, for the person it was made for, while it lasts and while they own it. */
  async download(viewer: Viewer, token: string): Promise<{ file: ProductFile; body: Readable }> {
    const grant = readDownload(this.#linkSecret, token);
    if (!grant) throw notFound('This download link is not valid.', 'link_not_found');
    if (grant.userId !== viewer.userId) {
      throw forbidden('This download link was made for someone else.', 'not_your_link');
    }
    if (grant.expires * 1000 <= this.#ctx.clock().getTime()) {
      throw new DomainError(410, 'link_expired', 'This download link has expired; ask for a new one.');
    }
    const { row, access } = await this.#visible(viewer, grant.productId);
    if (!isTeam(access)) {
      const owned = await this.#store.owned(viewer.userId, [{ type: 'product', id: row.id }]);
      if (owned.size === 0) throw forbidden('This purchase was refunded.', 'not_purchased');
    }
    return { file: row.file, body: await this.#blobs.read(row.file.key) };
  }

  /** What `POST /api/purchases` sells: archived products are no longer for sale. */
  async sellable(itemId: string, viewer: Viewer): Promise<SellableItem> {
    const { row, access } = await this.#visible(viewer, itemId);
    return {
      communityId: row.communityId,
      title: `${row.title} · ${access.community.name}`,
      price: row.archivedAt
        ? null
        : { amountMinor: row.priceMinor, currency: row.currency, payWhatYouWant: row.payWhatYouWant },
      href: `/c/${encodeURIComponent(access.community.slug)}/shop/${encodeURIComponent(row.id)}`,
    };
  }

  async #visible(viewer: Viewer | null, id: string): Promise<{ row: ProductRow; access: Access }> {
    const row = await this.#store.product(id);
    if (!row) throw productNotFound();
    const access = await this.#communities.accessById(row.communityId, viewer).catch(() => {
      throw productNotFound();
    });
    if (row.archivedAt && !isTeam(access)) {
      // Buyers keep their page (and downloads) of an archived product; others no longer see it.
      const owned = viewer ? await this.#store.owned(viewer.userId, [{ type: 'product', id }]) : new Set();
      if (owned.size === 0) throw productNotFound();
    }
    return { row, access };
  }

  #view(row: ProductRow, access: Access, purchased: boolean, sales: number): ProductView {
    const team = isTeam(access);
    return {
      id: row.id,
      communitySlug: access.community.slug,
      communityName: access.community.name,
      title: row.title,
      description: row.description,
      price: { amountMinor: row.priceMinor, currency: row.currency, payWhatYouWant: row.payWhatYouWant },
      file: {
        name: row.file.name,
        bytes: row.file.bytes,
        kind: row.file.kind,
        contentType: row.file.contentType,
      },
      purchased,
      canEdit: team,
      archived: row.archivedAt !== null,
      createdAt: row.createdAt.toISOString(),
      ...(team ? { sales } : {}),
    };
  }
}
