import { ApiError, api, noticeSessionLoss, toApiError } from './client.ts';
import type { Price } from './purchases.ts';

export type ProductKind = 'pdf' | 'epub' | 'video' | 'zip';

/** A digital product: one file sold once, downloaded through expiring links. */
export interface Product {
  id: string;
  communitySlug: string;
  communityName: string;
  title: string;
  description: string;
  price: Price;
  file: { name: string; bytes: number; kind: ProductKind; contentType: string };
  purchased: boolean;
  canEdit: boolean;
  archived: boolean;
  createdAt: string;
  /** Owners and moderators only. */
  sales?: number;
}

export interface NewProduct {
  title: string;
  description: string;
  priceMinor: number;
  currency: string;
  payWhatYouWant: boolean;
  file: File;
}

export interface ProductPatch {
  title?: string;
  description?: string;
  priceMinor?: number;
  payWhatYouWant?: boolean;
  archived?: boolean;
}

export const PRODUCT_TITLE_MAX = 200;
export const PRODUCT_DESCRIPTION_MAX = 5_000;
/** What the file picker offers: the four kinds the server sells. */
export const PRODUCT_ACCEPT = '.pdf,.epub,.zip,video/*,application/pdf,application/epub+zip,application/zip';

const community = (slug: string) => `/api/communities/${encodeURIComponent(slug)}`;
const product = (id: string) => `/api/products/${encodeURIComponent(id)}`;

export const productsApi = {
  list: (slug: string) => api<{ products: Product[] }>('GET', `${community(slug)}/products`),
  get: (id: string) => api<Product>('GET', product(id)),
  edit: (id: string, patch: ProductPatch) => api<Product>('PATCH', product(id), patch),
  downloadLink: (id: string) =>
    // An empty JSON body: the route validates one, and a bodiless POST fails that check.
    api<{ url: string; expiresAt: string }>('POST', `${product(id)}/download-link`, {}),
};

/**
 * Asks for a fresh, buyer-bound link and sends the browser to it: the link expires, so it is
 * fetched at the moment of the click rather than rendered into the page.
 */
export async function downloadProduct(id: string): Promise<void> {
  const { url } = await productsApi.downloadLink(id);
  window.location.assign(url);
}

export interface ProductUpload {
  done: Promise<Product>;
  abort: () => void;
}

/**
 * Uploads a product. XMLHttpRequest rather than fetch, because only it reports how much of the
 * body has gone out. The text fields go first and the file last, so the server can refuse a bad
 * price before a large video has streamed in.
 */
export function uploadProduct(
  slug: string,
  input: NewProduct,
  onProgress: (loaded: number, total: number) => void,
): ProductUpload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Product>((resolve, reject) => {
    xhr.open('POST', `${community(slug)}/products`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as Product);
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', 'The server answered in a way we did not expect.'));
        }
        return;
      }
      const headers = new Headers({ 'content-type': xhr.getResponseHeader('content-type') ?? '' });
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
    form.append('title', input.title);
    form.append('description', input.description);
    form.append('priceMinor', String(input.priceMinor));
    form.append('currency', input.currency);
    form.append('payWhatYouWant', input.payWhatYouWant ? 'true' : 'false');
    form.append('file', input.file);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
