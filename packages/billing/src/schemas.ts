import { Type } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 60 });
export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 60 }) });
export const IdParam = Type.Object({ id: Id });
export const ProviderParam = Type.Object({ provider: Type.String({ minLength: 1, maxLength: 20 }) });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. EUR' });
const Minor = Type.Integer({
  minimum: 0,
  maximum: 1_000_000_000_000,
  description: 'Integer minor units (cents)',
});

export const Tier = Type.Object({
  id: Type.String(),
  name: Type.String(),
  priceMinor: Type.Integer(),
  currency: Type.String(),
  perks: Type.String(),
  position: Type.Integer(),
  archived: Type.Boolean(),
  subscribers: Type.Optional(Type.Integer({ description: 'Owners and moderators only' })),
});
export const TierList = Type.Object({ items: Type.Array(Tier) });

export const TierInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    priceMinor: Minor,
    currency: Currency,
    perks: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const TierPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    priceMinor: Type.Optional(Minor),
    currency: Type.Optional(Currency),
    perks: Type.Optional(Type.String({ maxLength: 2000 })),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SubscribeInput = Type.Object({ tierId: Id }, { additionalProperties: false });
export const CheckoutStarted = Type.Object({ checkoutId: Type.String(), checkoutUrl: Type.String() });

export const Subscription = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('past_due'), Type.Literal('canceled')]),
  currentPeriodEnd: Type.String({ format: 'date-time' }),
  cancelAtPeriodEnd: Type.Boolean(),
  tier: Tier,
  community: Type.Object({ slug: Type.String(), name: Type.String() }),
});
export const MySubscription = Type.Object({ subscription: Type.Union([Subscription, Type.Null()]) });
export const SubscriptionList = Type.Object({ items: Type.Array(Subscription) });

export const Earnings = Type.Object({
  artistShareBps: Type.Integer(),
  periods: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM, UTC' }),
      currency: Type.String(),
      grossMinor: Type.Integer(),
      artistShareMinor: Type.Integer(),
      platformShareMinor: Type.Integer(),
      refundsMinor: Type.Integer(),
      netPayableMinor: Type.Integer(),
      paidOutMinor: Type.Integer(),
      activeSubscribers: Type.Integer(),
    }),
  ),
  balances: Type.Array(Type.Object({ currency: Type.String(), owedMinor: Type.Integer() })),
});

export const PayoutInput = Type.Object(
  { currency: Currency, amountMinor: Minor, reference: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export const SandboxCheckout = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  status: Type.String(),
  returnUrl: Type.String(),
});
export const PayInput = Type.Object(
  { cardNumber: Type.String({ minLength: 1, maxLength: 30 }) },
  { additionalProperties: false },
);
export const PayResult = Type.Object({ status: Type.Literal('completed'), returnUrl: Type.String() });
export const RenewInput = Type.Object(
  { failing: Type.Optional(Type.Array(Id, { maxItems: 1000 })) },
  { additionalProperties: false },
);
export const AmountInput = Type.Object({ amountMinor: Minor }, { additionalProperties: false });
export const WebhookAck = Type.Object({ received: Type.Literal(true), outcome: Type.String() });
