/**
 * Money is integer minor units everywhere; these helpers are the only place that knows how many
 * decimals a currency has, so no price ever goes through a floating-point multiplication.
 */

/** The currencies the server prices in (packages/billing money-rules), with their decimals. */
export const CURRENCIES: readonly { code: string; digits: number }[] = [
  { code: 'EUR', digits: 2 },
  { code: 'USD', digits: 2 },
  { code: 'GBP', digits: 2 },
  { code: 'CHF', digits: 2 },
  { code: 'CAD', digits: 2 },
  { code: 'AUD', digits: 2 },
  { code: 'SEK', digits: 2 },
  { code: 'NOK', digits: 2 },
  { code: 'DKK', digits: 2 },
  { code: 'PLN', digits: 2 },
  { code: 'BRL', digits: 2 },
  { code: 'MXN', digits: 2 },
  { code: 'JPY', digits: 0 },
  { code: 'KRW', digits: 0 },
];

export const MIN_PRICE_MINOR = 50;
export const MAX_PRICE_MINOR = 1_000_000;

export const currencyDigits = (currency: string): number =>
  CURRENCIES.find((c) => c.code === currency)?.digits ?? 2;

const formatters = new Map<string, Intl.NumberFormat>();

/** 500 EUR → "€5.00"; 500 JPY → "¥500". */
export function formatMoney(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  let format = formatters.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(currency, format);
  }
  // Dividing for display only; the result is never fed back into arithmetic.
  return format.format(minor / 10 ** digits);
}

/** 500 EUR → "5.00", for a price field being edited. */
export function toMajorText(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * "5", "5.5", "5,50" or "1 000.00" in major units → minor units, by splitting the digits as text
 * (never `Number("4.35") * 100`, which is 434.99…). Null when it is not an amount in this currency.
 */
export function parseMajor(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const clean = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(clean);
  if (!match) return null;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/** "between €0.50 and €10,000.00", in the currency at hand. */
export function priceRange(currency: string): string {
  return `between ${formatMoney(MIN_PRICE_MINOR, currency)} and ${formatMoney(MAX_PRICE_MINOR, currency)}`;
}

/** A price as a buyer reads it: "€5.00", or "€5.00 or more" when they may pay what they want. */
export function formatPrice(price: {
  amountMinor: number;
  currency: string;
  payWhatYouWant: boolean;
}): string {
  const amount = formatMoney(price.amountMinor, price.currency);
  return price.payWhatYouWant ? `${amount} or more` : amount;
}
