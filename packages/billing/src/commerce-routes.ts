import { badRequest, receiveUpload } from '@coterie/platform';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DownloadLink,
  PaymentList,
  Product,
  ProductList,
  ProductPatch,
  PurchaseInput,
  PurchaseList,
  Receipt,
  TokenParam,
} from './commerce-schemas.ts';
import type { ProductInput, ProductService } from './product-service.ts';
import type { PurchaseService } from './purchase-service.ts';
import { CheckoutStarted, IdParam, SlugParam } from './schemas.ts';

const tags = ['billing'];

export interface CommerceRouteDeps {
  products: ProductService;
  purchases: PurchaseService;
  maxProductBytes: number;
  tmpDir: string;
}

/** `Guide – été.pdf` as a Content-Disposition that old and new clients both read. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function productFields(fields: Readonly<Record<string, string>>): ProductInput {
  const amount = Number(fields.priceMinor);
  if (fields.priceMinor === undefined || !Number.isSafeInteger(amount)) {
    throw badRequest('validation_failed', 'priceMinor must be a whole number of minor units.', [
      { field: 'priceMinor', message: 'must be an integer' },
    ]);
  }
  if (!fields.currency) {
    throw badRequest('validation_failed', 'currency is required (e.g. EUR).', [
      { field: 'currency', message: 'is required' },
    ]);
  }
  const pwyw = fields.payWhatYouWant;
  if (pwyw !== undefined && pwyw !== 'true' && pwyw !== 'false') {
    throw badRequest('validation_failed', 'payWhatYouWant must be "true" or "false".', [
      { field: 'payWhatYouWant', message: 'must be true or false' },
    ]);
  }
  return {
    title: fields.title ?? '',
    ...(fields.description === undefined ? {} : { description: fields.description }),
    price: { amountMinor: amount, currency: fields.currency, payWhatYouWant: pwyw === 'true' },
  };
}

/** Purchases, digital products, their download links, and a buyer's purchases and receipts. */
export function commerceRoutes(d: CommerceRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: d.maxProductBytes, files: 1 } });

    app.post(
      '/api/purchases',
      {
        schema: {
          tags,
          summary: 'Buy a track, a release or a product: a checkout with the configured provider',
          body: PurchaseInput,
          response: { 201: CheckoutStarted },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await d.purchases.buy(await request.requireViewer(), request.body)),
    );
    app.get(
      '/api/me/purchases',
      { schema: { tags, summary: 'What I bought, newest first', response: { 200: PurchaseList } } },
      async (request) => d.purchases.mine(await request.requireViewer()),
    );
    app.get(
      '/api/me/payments',
      { schema: { tags, summary: 'Everything I paid: my receipts', response: { 200: PaymentList } } },
      async (request) => d.purchases.payments(await request.requireViewer()),
    );
    app.get(
      '/api/me/payments/:id',
      { schema: { tags, summary: 'One receipt', params: IdParam, response: { 200: Receipt } } },
      async (request) => d.purchases.receipt(await request.requireViewer(), request.params.id),
    );

    app.post(
      '/api/communities/:slug/products',
      {
        schema: {
          tags,
          summary:
            'Owner or moderator: sell a file (multipart: title, description, priceMinor, currency, payWhatYouWant, then the PDF, EPUB, video or zip in "file")',
          params: SlugParam,
          response: { 201: Product },
        },
      },
      async (request, reply) => {
        const viewer = await request.requireViewer();
        await d.products.authorizeCreate(viewer, request.params.slug);
        const upload = await receiveUpload(request, {
          maxBytes: d.maxProductBytes,
          tmpDir: d.tmpDir,
          noun: 'Products',
          attachment: 'the file',
        });
        try {
          const product = await d.products.create(
            viewer,
            request.params.slug,
            productFields(upload.fields),
            upload.file,
          );
          return reply.code(201).send(product);
        } finally {
          await upload.file.discard();
        }
      },
    );
    app.get(
      '/api/communities/:slug/products',
      {
        schema: {
          tags,
          summary: 'A community’s products (archived ones for its team only)',
          params: SlugParam,
          response: { 200: ProductList },
        },
      },
      async (request) => d.products.list(await request.viewer(), request.params.slug),
    );
    app.get(
      '/api/products/:id',
      { schema: { tags, summary: 'A product page', params: IdParam, response: { 200: Product } } },
      async (request) => d.products.get(await request.viewer(), request.params.id),
    );
    app.patch(
      '/api/products/:id',
      {
        schema: {
          tags,
          summary: 'Owner or moderator: edit, reprice or archive a product',
          params: IdParam,
          body: ProductPatch,
          response: { 200: Product },
        },
      },
      async (request) => d.products.update(await request.requireViewer(), request.params.id, request.body),
    );
    app.post(
      '/api/products/:id/download-link',
      {
        schema: {
          tags,
          summary: 'Buyer or team: an expiring download link, valid only for the person who asked',
          params: IdParam,
          response: { 200: DownloadLink },
        },
      },
      async (request) => d.products.downloadLink(await request.requireViewer(), request.params.id),
    );
    app.get(
      '/api/downloads/:token',
      {
        schema: {
          tags,
          summary:
            'The file behind a download link (the signed-in person it was made for, before it expires)',
          params: TokenParam,
        },
      },
      async (request, reply) => {
        const { file, body } = await d.products.download(await request.requireViewer(), request.params.token);
        return reply
          .header('content-type', file.contentType)
          .header('content-length', String(file.bytes))
          .header('content-disposition', attachment(file.name))
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .send(body);
      },
    );
  };
}
