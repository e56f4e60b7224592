import { createHmac } from 'node:crypto';
import type { CommunitiesCapability } from '@coterie/communities';
import type { AppContext } from '@coterie/platform';
import type { FastifyPluginAsync } from 'fastify';
import { EarningsService } from './earnings-service.ts';
import type { PaymentProvider } from './providers/provider.ts';
import { SandboxProvider } from './providers/sandbox.ts';
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
  readonly routes: FastifyPluginAsync;
}

/** The sandbox's webhook secret: configured, or derived from the master key so it survives restarts. */
function sandboxSecret(ctx: AppContext): string {
  return (
    ctx.config.billing.sandboxWebhookSecret ??
    createHmac('sha256', ctx.masterKey).update('coterie sandbox webhook secret v1').digest('hex')
  );
}

export function createBilling(
  ctx: AppContext,
  deps: { communities: CommunitiesCapability },
): BillingCapability {
  const store = new BillingStore(ctx.db);
  const sandboxProvider = new SandboxProvider(sandboxSecret(ctx));
  // Stripe arrives with its adapter; until then the sandbox is the only provider.
  const provider: PaymentProvider = sandboxProvider;
  const communities = deps.communities.communities;
  const tiers = new TierService(ctx, store, communities);
  const subscriptions = new SubscriptionService(ctx, store, provider, communities);
  const earnings = new EarningsService(ctx, store, communities);
  const webhooks = new WebhookService(ctx, store, provider);
  const sandbox = provider.name === 'sandbox' ? new SandboxBank(ctx, store, sandboxProvider) : null;
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
  return { provider, tiers, subscriptions, earnings, webhooks, sandbox, routes };
}
