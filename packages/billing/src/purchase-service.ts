import {
  type AppContext,
  badRequest,
  conflict,
  type ItemType,
  MAX_PRICE_MINOR,
  newId,
  notFound,
  type Viewer,
} from '@coterie/platform';
import type { CommerceStore, PaymentListRow } from './commerce-store.ts';
import { splitGross } from './ledger/index.ts';
import type { BillingPaidAccess } from './paid-access.ts';
import type { PaymentProvider } from './providers/provider.ts';
import type { BillingStore } from './store.ts';
import type { CheckoutStarted } from './subscription-service.ts';

const CHECKOUT_MINUTES = 60;

export interface PurchaseInput {
  itemType: ItemType;
  itemId: string;
  amountMinor: number;
}

export interface PurchaseView {
  id: string;
  itemType: ItemType;
  itemId: string;
  title: string;
  community: { slug: string; name: string };
  amountMinor: number;
  currency: string;
  refunded: boolean;
  createdAt: string;
  paymentId: string;
  href: string;
}

export interface PaymentView {
  id: string;
  kind: 'subscription' | 'purchase';
  description: string;
  community: { slug: string; name: string };
  grossMinor: number;
  refundedMinor: number;
  currency: string;
  capturedAt: string;
}

export interface ReceiptView extends PaymentView {
  provider: string;
  chargeRef: string;
  artistShareMinor: number;
  platformShareMinor: number;
  buyer: { displayName: string; email: string };
}

/** Buying a track, a release or a product once; and what someone bought and paid, with receipts. */
export class PurchaseService {
  readonly #ctx: AppContext;
  readonly #billing: BillingStore;
  readonly #store: CommerceStore;
  readonly #provider: PaymentProvider;
  readonly #access: BillingPaidAccess;

  constructor(
    ctx: AppContext,
    deps: {
      billing: BillingStore;
      store: CommerceStore;
      provider: PaymentProvider;
      access: BillingPaidAccess;
    },
  ) {
    this.#ctx = ctx;
    this.#billing = deps.billing;
    this.#store = deps.store;
    this.#provider = deps.provider;
    this.#access = deps.access;
  }

  /** A checkout for the item at the amount chosen; the purchase exists once the provider says it was paid. */
  async buy(viewer: Viewer, input: PurchaseInput): Promise<CheckoutStarted> {
    const item = await this.#access.resolve(input.itemType, input.itemId, viewer);
    const price = item.price;
    if (!price) throw badRequest('not_for_sale', `This ${input.itemType} is not for sale.`);
    const amount = input.amountMinor;
    if (!Number.isSafeInteger(amount) || amount > MAX_PRICE_MINOR) {
      throw badRequest('invalid_amount', `amountMinor must be a whole number up to ${MAX_PRICE_MINOR}.`);
    }
    if (price.payWhatYouWant && amount < price.amountMinor) {
      throw badRequest(
        'below_minimum',
        `Pay at least ${price.amountMinor} (minor units of ${price.currency}) for this ${input.itemType}.`,
        { minimumMinor: price.amountMinor, currency: price.currency },
      );
    }
    if (!price.payWhatYouWant && amount !== price.amountMinor) {
      throw badRequest(
        'wrong_amount',
        `This ${input.itemType} costs ${price.amountMinor} (minor units of ${price.currency}).`,
        { priceMinor: price.amountMinor, currency: price.currency },
      );
    }
    const owned = await this.#store.owned(viewer.userId, [{ type: input.itemType, id: input.itemId }]);
    if (owned.size > 0) throw conflict('already_purchased', `You already own this ${input.itemType}.`);
    const now = this.#ctx.clock();
    const id = newId('chk');
    const returnPath = `${item.href}?checkout=${encodeURIComponent(id)}`;
    await this.#billing.insertCheckout({
      id,
      communityId: item.communityId,
      userId: viewer.userId,
      provider: this.#provider.name,
      kind: 'purchase',
      itemType: input.itemType,
      itemId: input.itemId,
      amountMinor: amount,
      currency: price.currency,
      title: item.title,
      returnPath,
      expiresAt: new Date(now.getTime() + CHECKOUT_MINUTES * 60_000),
    });
    const { url } = await this.#provider.createCheckout({
      checkoutId: id,
      kind: 'purchase',
      amountMinor: amount,
      currency: price.currency,
      title: item.title,
      successUrl: returnPath,
      cancelUrl: item.href,
    });
    return { checkoutId: id, checkoutUrl: url };
  }

  async mine(viewer: Viewer): Promise<{ purchases: PurchaseView[] }> {
    const rows = await this.#store.purchasesOfUser(viewer.userId);
    return {
      purchases: rows.map((r) => ({
        id: r.id,
        itemType: r.itemType,
        itemId: r.itemId,
        title: r.title ?? 'A purchase',
        community: { slug: r.communitySlug ?? '', name: r.communityName ?? 'A deleted community' },
        amountMinor: r.amountMinor,
        currency: r.currency,
        refunded: r.refunded,
        createdAt: r.createdAt.toISOString(),
        paymentId: r.paymentId,
        href: r.returnPath?.replace(/\?.*$/, '') ?? '/me/subscriptions',
      })),
    };
  }

  async payments(viewer: Viewer): Promise<{ payments: PaymentView[] }> {
    const rows = await this.#store.paymentsOfUser(viewer.userId);
    return { payments: rows.map(paymentView) };
  }

  /** One receipt, for the person who paid; anyone else gets the 404 of a receipt that does not exist. */
  async receipt(viewer: Viewer, paymentId: string): Promise<ReceiptView> {
    const [row] = await this.#store.paymentsOfUser(viewer.userId, paymentId);
    if (!row) throw notFound('There is no such receipt.', 'receipt_not_found');
    const parts = splitGross(row.grossMinor, row.artistShareBps);
    return {
      ...paymentView(row),
      provider: row.provider,
      chargeRef: row.providerChargeId,
      artistShareMinor: parts.artistMinor,
      platformShareMinor: parts.platformMinor,
      buyer: { displayName: row.buyerName ?? '', email: viewer.email },
    };
  }
}

function paymentView(r: PaymentListRow): PaymentView {
  const description =
    r.kind === 'subscription'
      ? `${r.tierName ?? 'Membership'}, monthly · ${r.communityName ?? 'a deleted community'}`
      : (r.checkoutTitle ?? 'A purchase');
  return {
    id: r.id,
    kind: r.kind,
    description,
    community: { slug: r.communitySlug ?? '', name: r.communityName ?? 'A deleted community' },
    grossMinor: r.grossMinor,
    refundedMinor: r.refundedMinor,
    currency: r.currency,
    capturedAt: r.capturedAt.toISOString(),
  };
}
