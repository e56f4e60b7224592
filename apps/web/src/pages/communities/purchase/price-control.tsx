import { useId } from 'react';
import type { Price } from '../../../api/purchases.ts';
import { CURRENCIES, currencyDigits, parseMajor, priceRange, toMajorText } from '../../../lib/money.ts';

export type PriceMode = 'free' | 'fixed' | 'pwyw';

/** A price as it is being typed: the amount stays text until the form is sent. */
export interface PriceDraft {
  mode: PriceMode;
  amount: string;
  currency: string;
}

export function toPriceDraft(price: Price | null, fallbackCurrency: string): PriceDraft {
  if (!price) return { mode: 'free', amount: '', currency: fallbackCurrency };
  return {
    mode: price.payWhatYouWant ? 'pwyw' : 'fixed',
    amount: toMajorText(price.amountMinor, price.currency),
    currency: price.currency,
  };
}

/**
 * The draft as the API takes it, or the sentence to show by the amount. Only the format is checked
 * here: the allowed range is the server's to say.
 */
export function readPriceDraft(draft: PriceDraft): { price: Price | null } | { error: string } {
  if (draft.mode === 'free') return { price: null };
  const amountMinor = parseMajor(draft.amount, draft.currency);
  if (amountMinor === null || amountMinor === 0) {
    const digits = currencyDigits(draft.currency);
    return {
      error:
        digits === 0
          ? `Enter a whole amount in ${draft.currency}, such as 500.`
          : `Enter an amount in ${draft.currency} with at most ${digits} decimals, such as 5 or 4.50.`,
    };
  }
  return { price: { amountMinor, currency: draft.currency, payWhatYouWant: draft.mode === 'pwyw' } };
}

/** The server's refusal of a price, said in money rather than minor units. */
export const priceRangeMessage = (currency: string): string => `The price must be ${priceRange(currency)}.`;

const MODE_LABELS: Record<PriceMode, string> = {
  free: 'Free',
  fixed: 'Fixed price',
  pwyw: 'Pay what you want',
};

interface PriceControlProps {
  legend: string;
  value: PriceDraft;
  onChange: (draft: PriceDraft) => void;
  error?: string | undefined;
  /** Products are always sold: no Free choice. */
  allowFree?: boolean;
  /** Set when the currency cannot change (an existing product, a community's tier currency). */
  lockedCurrency?: string | null;
  /** What "Free" means here, under the choices. */
  freeHint?: string;
  disabled?: boolean;
}

/** Free, a fixed price, or pay what you want with a minimum; amount in major units. */
export function PriceControl({
  legend,
  value,
  onChange,
  error,
  allowFree = true,
  lockedCurrency = null,
  freeHint,
  disabled = false,
}: PriceControlProps) {
  const id = useId();
  const modes: PriceMode[] = allowFree ? ['free', 'fixed', 'pwyw'] : ['fixed', 'pwyw'];
  const digits = currencyDigits(value.currency);
  const errorId = `${id}-error`;
  return (
    <fieldset className={error ? 'price-control field--invalid' : 'price-control'} disabled={disabled}>
      <legend className="field__label">{legend}</legend>
      <div className="segmented" role="presentation">
        {modes.map((mode) => (
          <span key={mode} className={value.mode === mode ? 'segmented__option is-on' : 'segmented__option'}>
            <input
              id={`${id}-${mode}`}
              type="radio"
              name={`${id}-mode`}
              value={mode}
              checked={value.mode === mode}
              onChange={() => onChange({ ...value, mode })}
            />
            <label htmlFor={`${id}-${mode}`}>{MODE_LABELS[mode]}</label>
          </span>
        ))}
      </div>
      {value.mode === 'free' ? (
        <p className="field__hint">{freeHint ?? 'Nothing to pay.'}</p>
      ) : (
        <div className="price-control__amount">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-amount`}>
              {value.mode === 'pwyw' ? 'Minimum price' : 'Price'}
            </label>
            <input
              id={`${id}-amount`}
              className="input"
              inputMode="decimal"
              placeholder={digits === 0 ? '500' : '5.00'}
              value={value.amount}
              onChange={(event) => onChange({ ...value, amount: event.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : `${id}-amount-hint`}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-currency`}>
              Currency
            </label>
            <select
              id={`${id}-currency`}
              className="input select"
              value={value.currency}
              disabled={lockedCurrency !== null}
              onChange={(event) => onChange({ ...value, currency: event.target.value })}
            >
              {CURRENCIES.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code}
                </option>
              ))}
            </select>
          </div>
          <p className="field__hint price-control__hint" id={`${id}-amount-hint`}>
            {value.mode === 'pwyw'
              ? 'Buyers start at this amount and may pay more.'
              : 'Everyone pays exactly this.'}{' '}
            At least 80&nbsp;% of it is yours.
          </p>
        </div>
      )}
      {error ? (
        <p className="field__error" id={errorId}>
          <span aria-hidden="true" className="field__error-icon">
            !
          </span>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
