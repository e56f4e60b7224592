import { createHmac } from 'node:crypto';
import path from 'node:path';
import type { CommunitiesCapability } from '@coterie/communities';
import { type AppContext, type PaidAccess, ReadCache } from '@coterie/platform';
import type { BlobStore } from '@coterie/storage';
import type { FastifyPluginAsync } from 'fastify';
import { commerceRoutes } from './commerce-routes.ts';
import { CommerceStore } from './commerce-store.ts';
import { EarningsService } from './earnings-service.ts';
import { BillingPaidAccess } from './paid-access.ts';
import { ProductService } from './product-service.ts';
import type { PaymentProvider } from './providers/provider.ts';
import { SandboxProvider } from './providers/sandbox.ts';
import { stripeProviderFrom } from './providers/stripe.ts';
import { PurchaseService } from './purchase-service.ts';
import { billingRoutes } from './routes.ts';
import { SandboxBank } from './sandbox-bank.ts';
import { BillingStore } from './store.ts';
import { SubscriptionService } from './subscription-service.ts';
import { TierService } from './tier-service.ts';
import { WebhookService } from './webhook-service.ts';

export * from './ledger/index.ts';
export { SANDBOX_CARDS, SandboxProvider } from './providers/sandbox.ts';
export { SIGNATURE_HEADER, signPayload } from './providers/signature.ts';
export * as billingSchema from './schema.ts';
export { SubscriptionService } from './subscription-service.ts';
export type { TierView } from './tier-service.ts';

export interface BillingCapability {
  readonly provider: PaymentProvider;
  readonly tiers: TierService;
  readonly subscriptions: SubscriptionService;
  readonly earnings: EarningsService;
  readonly webhooks: WebhookService;
  readonly sandbox: SandboxBank | null;
  /** What subscriptions and purchases unlock, for music and posts; and where they register what they sell. */
  readonly access: PaidAccess;
  readonly products: ProductService;
  readonly purchases: PurchaseService;
  readonly routes: FastifyPluginAsync;
}

/** The sandbox's webhook secret: configured, or derived from the master key so it survives restarts. */
function sandboxSecret(ctx: AppContext): string {
  return (
    ctx.config.billing.sandboxWebhookSecret ??
    createHmac('sha256', ctx.masterKey).update('coterie sandbox webhook secret v1').digest('hex')
  );
}

/** A secret of the instance for one purpose, derived from the master key so it survives restarts. */
function derivedSecret(ctx: AppContext, purpose: string): Buffer {
  return createHmac('sha256', ctx.masterKey).update(purpose).digest();
}

export function createBilling(
  ctx: AppContext,
  deps: { communities: CommunitiesCapability; blobs: BlobStore },
): BillingCapability {
  const store = new BillingStore(ctx.db);
  const sandboxProvider = new SandboxProvider(sandboxSecret(ctx));
  const provider: PaymentProvider =
    ctx.config.billing.provider === 'stripe' ? stripeProviderFrom(ctx.config) : sandboxProvider;
  const communities = deps.communities.communities;
  const tiers = new TierService(ctx, store, communities);
  const subscriptions = new SubscriptionService(ctx, store, provider, communities);
  const earnings = new EarningsService(ctx, store, communities);
  const webhooks = new WebhookService(ctx, store, provider);
  const sandbox = provider.name === 'sandbox' ? new SandboxBank(ctx, store, sandboxProvider) : null;
  const commerce = new CommerceStore(ctx.db, new ReadCache(ctx.changes, { max: 50_000, ttlMs: 5 * 60_000 }));
  const access = new BillingPaidAccess(ctx, commerce);
  const products = new ProductService(ctx, {
    store: commerce,
    blobs: deps.blobs,
    communities,
    linkSecret: derivedSecret(ctx, 'coterie download links v1'),
  });
  access.sell('product', (id, viewer) => products.sellable(id, viewer));
  const purchases = new PurchaseService(ctx, { billing: store, store: commerce, provider, access });
  ctx.personalData.push({
    name: 'billing',
    export: async (userId) => ({
      subscriptions: (await store.subscriptionsOfUser(userId)).map((s) => ({
        id: s.id,
        communityId: s.communityId,
        tierId: s.tierId,
        status: s.status,
        currentPeriodEnd: s.currentPeriodEnd.toISOString(),
        cancelAtPeriodEnd: s.cancelAtPeriodEnd,
        createdAt: s.createdAt.toISOString(),
      })),
      payments: (await store.paymentsOfUser(userId)).map((p) => ({
        id: p.id,
        communityId: p.communityId,
        kind: p.kind,
        grossMinor: p.grossMinor,
        refundedMinor: p.refundedMinor,
        currency: p.currency,
        capturedAt: p.capturedAt.toISOString(),
      })),
      purchases: (await commerce.purchasesOfUser(userId)).map((p) => ({
        id: p.id,
        itemType: p.itemType,
        itemId: p.itemId,
        title: p.title,
        amountMinor: p.amountMinor,
        currency: p.currency,
        refunded: p.refunded,
        createdAt: p.createdAt.toISOString(),
      })),
    }),
    // Payments stay for the accounts, without the person: their user id goes with the account.
    erase: (userId) => store.cancelAllOf(userId, ctx.clock()),
  });
  const routes: FastifyPluginAsync = async (app) => {
    await app.register(
      billingRoutes({
        providerName: provider.name,
        tiers,
        subscriptions,
        earnings,
        webhooks,
        sandbox,
      }) as unknown as FastifyPluginAsync,
    );
    await app.register(
      commerceRoutes({
        products,
        purchases,
        maxProductBytes: ctx.config.billing.maxProductBytes,
        tmpDir: path.join(ctx.config.dataDir, 'tmp', 'products'),
      }) as unknown as FastifyPluginAsync,
    );
    // The sandbox sends its events through the real endpoint, as a remote provider would.
    sandbox?.connect(async (body, headers) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/payments/webhooks/sandbox',
        headers,
        payload: body,
      });
      return { status: res.statusCode, body: res.body };
    });
  };
  return { provider, tiers, subscriptions, earnings, webhooks, sandbox, access, products, purchases, routes };
}
