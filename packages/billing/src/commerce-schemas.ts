import { Type } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 60 });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. EUR' });
const ItemType = Type.Union([Type.Literal('track'), Type.Literal('release'), Type.Literal('product')]);
const Community = Type.Object({ slug: Type.String(), name: Type.String() });

export const TokenParam = Type.Object({ token: Type.String({ minLength: 10, maxLength: 600 }) });

export const PurchaseInput = Type.Object(
  {
    itemType: ItemType,
    itemId: Id,
    amountMinor: Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      description:
        'What the buyer pays, in minor units: the price, or at least the minimum when pay-what-you-want',
    }),
  },
  { additionalProperties: false },
);

export const Price = Type.Object({
  amountMinor: Type.Integer(),
  currency: Type.String(),
  payWhatYouWant: Type.Boolean({ description: 'amountMinor is the minimum' }),
});

export const Product = Type.Object({
  id: Type.String(),
  communitySlug: Type.String(),
  communityName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  price: Price,
  file: Type.Object({
    name: Type.String(),
    bytes: Type.Integer(),
    kind: Type.Union([Type.Literal('pdf'), Type.Literal('epub'), Type.Literal('video'), Type.Literal('zip')]),
    contentType: Type.String(),
  }),
  purchased: Type.Boolean(),
  canEdit: Type.Boolean(),
  archived: Type.Boolean(),
  createdAt: Type.String(),
  sales: Type.Optional(Type.Integer({ description: 'Owners and moderators only' })),
});
export const ProductList = Type.Object({ products: Type.Array(Product) });

export const ProductPatch = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    priceMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    payWhatYouWant: Type.Optional(Type.Boolean()),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const DownloadLink = Type.Object({ url: Type.String(), expiresAt: Type.String() });

export const PurchaseList = Type.Object({
  purchases: Type.Array(
    Type.Object({
      id: Type.String(),
      itemType: ItemType,
      itemId: Type.String(),
      title: Type.String(),
      community: Community,
      amountMinor: Type.Integer(),
      currency: Currency,
      refunded: Type.Boolean(),
      createdAt: Type.String(),
      paymentId: Type.String(),
      href: Type.String({ description: 'The web path of the item' }),
    }),
  ),
});

const PaymentFields = {
  id: Type.String(),
  kind: Type.Union([Type.Literal('subscription'), Type.Literal('purchase')]),
  description: Type.String(),
  community: Community,
  grossMinor: Type.Integer(),
  refundedMinor: Type.Integer(),
  currency: Currency,
  capturedAt: Type.String(),
};
export const PaymentList = Type.Object({ payments: Type.Array(Type.Object(PaymentFields)) });
export const Receipt = Type.Object({
  ...PaymentFields,
  provider: Type.String(),
  chargeRef: Type.String(),
  artistShareMinor: Type.Integer(),
  platformShareMinor: Type.Integer(),
  buyer: Type.Object({ displayName: Type.String(), email: Type.String() }),
});
