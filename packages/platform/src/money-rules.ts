import { badRequest } from './errors.ts';

/**
 * Currencies Coterie prices in, with their minor-unit exponent (ISO 4217). A closed list: a price
 * in minor units means nothing without knowing how many decimals the currency has.
 */
export const CURRENCIES: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  BRL: 2,
  MXN: 2,
  JPY: 0,
  KRW: 0,
};

/** Card networks will not take less than about half a euro; nobody needs a tier above 10 000. */
export const MIN_PRICE_MINOR = 50;
export const MAX_PRICE_MINOR = 1_000_000;

export function assertCurrency(currency: string): void {
  if (!Object.hasOwn(CURRENCIES, currency)) {
    throw badRequest('unsupported_currency', `Prices can be in ${Object.keys(CURRENCIES).join(', ')}.`);
  }
}

export function checkPrice(amountMinor: number, field: string): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < MIN_PRICE_MINOR || amountMinor > MAX_PRICE_MINOR) {
    throw badRequest(
      'invalid_price',
      `${field} must be a whole number of minor units between ${MIN_PRICE_MINOR} and ${MAX_PRICE_MINOR}.`,
    );
  }
}

/** A price for something sold once (a track, a release, a product): a valid amount in a known currency. */
export function checkSalePrice(
  price: { amountMinor: number; currency: string; payWhatYouWant?: boolean },
  field = 'price',
): { amountMinor: number; currency: string; payWhatYouWant: boolean } {
  const currency = price.currency.toUpperCase();
  assertCurrency(currency);
  checkPrice(price.amountMinor, `${field}.amountMinor`);
  return { amountMinor: price.amountMinor, currency, payWhatYouWant: price.payWhatYouWant === true };
}
