import { notFound, OPTIONAL_BODY } from '@coterie/platform';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { EarningsService } from './earnings-service.ts';
import type { SandboxBank } from './sandbox-bank.ts';
import {
  AmountInput,
  CheckoutStarted,
  Earnings,
  IdParam,
  MySubscription,
  PayInput,
  PayoutInput,
  PayResult,
  ProviderParam,
  RenewInput,
  SandboxCheckout,
  SlugParam,
  SubscribeInput,
  Subscription,
  SubscriptionList,
  Tier,
  TierInput,
  TierList,
  TierPatch,
  WebhookAck,
} from './schemas.ts';
import type { SubscriptionService } from './subscription-service.ts';
import type { TierService } from './tier-service.ts';
import type { WebhookService } from './webhook-service.ts';

const tags = ['billing'];

export interface BillingRouteDeps {
  providerName: string;
  tiers: TierService;
  subscriptions: SubscriptionService;
  earnings: EarningsService;
  webhooks: WebhookService;
  sandbox: SandboxBank | null;
}

export function billingRoutes(d: BillingRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/communities/:slug/tiers',
      {
        schema: {
          tags,
          summary: 'Membership tiers, cheapest first by position',
          params: SlugParam,
          response: { 200: TierList },
        },
      },
      async (request) => d.tiers.list(await request.viewer(), request.params.slug),
    );
    app.post(
      '/api/communities/:slug/tiers',
      {
        schema: {
          tags,
          summary: 'Owner: a new tier',
          params: SlugParam,
          body: TierInput,
          response: { 201: Tier },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await d.tiers.create(await request.requireViewer(), request.params.slug, request.body)),
    );
    app.patch(
      '/api/tiers/:id',
      {
        schema: {
          tags,
          summary: 'Owner: rename, reprice, reorder or archive a tier',
          params: IdParam,
          body: TierPatch,
          response: { 200: Tier },
        },
      },
      async (request) => d.tiers.update(await request.requireViewer(), request.params.id, request.body),
    );

    app.post(
      '/api/communities/:slug/subscriptions',
      {
        schema: {
          tags,
          summary: 'Subscribe to (or change to) a tier: a checkout with the configured provider',
          params: SlugParam,
          body: SubscribeInput,
          response: { 201: CheckoutStarted },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await d.subscriptions.subscribe(
              await request.requireViewer(),
              request.params.slug,
              request.body.tierId,
            ),
          ),
    );
    app.get(
      '/api/communities/:slug/subscriptions/mine',
      {
        schema: {
          tags,
          summary: 'My subscription here, if any',
          params: SlugParam,
          response: { 200: MySubscription },
        },
      },
      async (request) => ({
        subscription: await d.subscriptions.mine(await request.requireViewer(), request.params.slug),
      }),
    );
    app.delete(
      '/api/communities/:slug/subscriptions/mine',
      {
        schema: {
          tags,
          summary: 'Cancel at the end of the paid period',
          params: SlugParam,
          response: { 200: Subscription },
        },
      },
      async (request) => d.subscriptions.cancel(await request.requireViewer(), request.params.slug),
    );
    app.post(
      '/api/communities/:slug/subscriptions/mine/resume',
      {
        schema: {
          tags,
          summary: 'Undo a cancellation: keep renewing',
          params: SlugParam,
          response: { 200: Subscription },
        },
      },
      async (request) => d.subscriptions.resume(await request.requireViewer(), request.params.slug),
    );
    app.get(
      '/api/me/subscriptions',
      { schema: { tags, summary: 'All my subscriptions', response: { 200: SubscriptionList } } },
      async (request) => ({ items: await d.subscriptions.allOfMine(await request.requireViewer()) }),
    );

    app.get(
      '/api/communities/:slug/earnings',
      {
        schema: {
          tags,
          summary: 'Owner: gross, artist share, platform share, refunds per UTC month',
          params: SlugParam,
          response: { 200: Earnings },
        },
      },
      async (request) => d.earnings.earnings(await request.requireViewer(), request.params.slug),
    );
    app.get(
      '/api/communities/:slug/earnings.csv',
      { schema: { tags, summary: 'Owner: the same statement as CSV', params: SlugParam } },
      async (request, reply) => {
        const csv = await d.earnings.csv(await request.requireViewer(), request.params.slug);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="earnings-${request.params.slug}.csv"`)
          .send(csv);
      },
    );
    app.post(
      '/api/admin/communities/:slug/payouts',
      {
        schema: {
          tags,
          summary: 'Instance admin: record that the artist was paid out',
          params: SlugParam,
          body: PayoutInput,
          response: { 201: Earnings },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await d.earnings.recordPayout(await request.requireViewer(), request.params.slug, request.body),
          ),
    );

    // The raw body is what the signature covers: this route alone reads JSON as bytes.
    await app.register(async (raw) => {
      raw.removeContentTypeParser('application/json');
      raw.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
        done(null, body),
      );
      raw.post(
        '/api/payments/webhooks/:provider',
        {
          config: { csrf: false },
          schema: {
            tags,
            summary: 'Signed provider events; idempotent by event id',
            params: ProviderParam,
            response: { 200: WebhookAck },
          },
        },
        async (request) => {
          const { provider } = request.params as { provider: string };
          if (provider !== d.providerName)
            throw notFound('No such payment provider here.', 'unknown_provider');
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          return { received: true as const, outcome: await d.webhooks.receive(body, request.headers) };
        },
      );
    });

    const sandbox = d.sandbox;
    if (!sandbox) return;
    app.get(
      '/api/payments/sandbox/checkout/:id',
      {
        schema: {
          tags,
          summary: 'Sandbox: what a checkout is for',
          params: IdParam,
          response: { 200: SandboxCheckout },
        },
      },
      async (request) => sandbox.checkout(request.params.id),
    );
    app.post(
      '/api/payments/sandbox/checkout/:id/pay',
      {
        schema: {
          tags,
          summary: 'Sandbox: pay with 4242 4242 4242 4242 (succeeds) or 4000 0000 0000 0002 (declined → 402)',
          params: IdParam,
          body: PayInput,
          response: { 200: PayResult },
        },
      },
      async (request) => sandbox.pay(request.params.id, request.body.cardNumber),
    );
    const admin = async (request: { requireViewer(): Promise<{ isAdmin: boolean }> }): Promise<void> => {
      if (!(await request.requireViewer()).isAdmin) throw notFound('Not found.', 'not_found');
    };
    app.post(
      '/api/admin/sandbox/renewals',
      {
        schema: {
          tags,
          summary:
            'Instance admin, sandbox: renew (or fail, or end) every subscription whose period has ended',
          body: Type.Object(RenewInput.properties, { additionalProperties: false, [OPTIONAL_BODY]: true }),
          response: {
            200: Type.Object({ renewed: Type.Integer(), failed: Type.Integer(), canceled: Type.Integer() }),
          },
        },
      },
      async (request) => {
        await admin(request);
        return sandbox.renewDue(request.body?.failing ?? []);
      },
    );
    for (const kind of ['refund', 'dispute'] as const) {
      app.post(
        kind === 'refund'
          ? '/api/admin/sandbox/payments/:id/refund'
          : '/api/admin/sandbox/payments/:id/dispute',
        {
          schema: {
            tags,
            summary: `Instance admin, sandbox: a ${kind} of part or all of a payment`,
            params: IdParam,
            body: AmountInput,
          },
        },
        async (request, reply) => {
          await admin(request);
          const { id } = request.params as { id: string };
          await sandbox.reverse(id, (request.body as { amountMinor: number }).amountMinor, kind);
          return reply.code(204).send();
        },
      );
    }
  };
}
