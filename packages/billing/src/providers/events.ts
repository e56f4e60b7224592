import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';

/**
 * Provider events in Coterie's own words. The sandbox sends exactly these; the Stripe adapter
 * translates Stripe's events into them, so the ledger only ever learns one vocabulary.
 */
const Id = Type.String({ minLength: 1, maxLength: 255 });
const Amount = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });

const schemas = {
  'checkout.completed': Type.Object({
    checkoutId: Id,
    chargeId: Id,
    amountMinor: Amount,
    currency: Currency,
    subscriptionRef: Type.Optional(Id),
    /** Unix seconds: end of the first paid period, for subscriptions. */
    periodEnd: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
  'invoice.paid': Type.Object({
    subscriptionRef: Id,
    chargeId: Id,
    amountMinor: Amount,
    currency: Currency,
    periodEnd: Type.Integer({ minimum: 0 }),
  }),
  'invoice.payment_failed': Type.Object({ subscriptionRef: Id }),
  'subscription.canceled': Type.Object({ subscriptionRef: Id }),
  /**
   * One refund of `amountMinor`; or, when `totalRefundedMinor` is given, the running total of
   * refunds on the charge (Stripe's `amount_refunded`), which then wins: applying "the total is
   * now N" is exact under replays and out-of-order delivery, adding amounts is not.
   */
  'charge.refunded': Type.Object({
    chargeId: Id,
    refundId: Id,
    amountMinor: Amount,
    totalRefundedMinor: Type.Optional(Amount),
  }),
  'charge.disputed': Type.Object({ chargeId: Id, disputeId: Id, amountMinor: Amount }),
} as const;

export type KnownType = keyof typeof schemas;
export type EventData<T extends KnownType> = Static<(typeof schemas)[T]>;

export type BillingEvent = {
  [T in KnownType]: { id: string; type: T; created: number; data: EventData<T> };
}[KnownType];

export interface UnknownEvent {
  id: string;
  type: string;
  created: number;
  data: unknown;
}

const Envelope = Compile(
  Type.Object({
    id: Id,
    type: Type.String({ minLength: 1, maxLength: 100 }),
    created: Type.Integer(),
    data: Type.Unknown(),
  }),
);
const checks = new Map<string, { Check(value: unknown): boolean }>(
  Object.entries(schemas).map(([type, schema]) => [type, Compile(schema)]),
);

export class MalformedEvent extends Error {
  override readonly name = 'MalformedEvent';
}

export function isKnownType(type: string): type is KnownType {
  return Object.hasOwn(schemas, type);
}

/** Parses a sandbox-shaped event: unknown types pass through (to be acknowledged and ignored), known ones must be whole. */
export function parseEvent(value: unknown): BillingEvent | UnknownEvent {
  if (!Envelope.Check(value)) throw new MalformedEvent('an event needs id, type, created and data');
  if (!isKnownType(value.type)) return value;
  if (!checks.get(value.type)?.Check(value.data))
    throw new MalformedEvent(`the data of a ${value.type} event is not as documented`);
  return value as BillingEvent;
}
