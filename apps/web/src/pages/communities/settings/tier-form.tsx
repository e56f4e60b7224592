import { type FormEvent, useId, useRef, useState } from 'react';
import type { Tier, TierInput } from '../../../api/billing.ts';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { TextAreaField, TextField } from '../../../components/fields.tsx';
import { type FieldErrors, toFormErrors } from '../../../lib/form-errors.ts';
import { CURRENCIES, currencyDigits, parseMajor, priceRange, toMajorText } from '../../../lib/money.ts';
import { useFocusFirstInvalid } from '../../../lib/use-focus-first-invalid.ts';

const LABELS = { name: 'Name', priceMinor: 'Price per month', currency: 'Currency', perks: 'Perks' };
export const PERKS_MAX = 2000;

interface TierFormProps {
  /** The tier being edited; none for a new one. */
  tier?: Tier;
  /** Fixed once the community has a tier: the server keeps every tier in one currency. */
  fixedCurrency: string | null;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (input: TierInput) => Promise<void>;
  onCancel?: () => void;
}

/** Name, price in major units, currency and perks; server refusals land next to their fields. */
export function TierForm({ tier, fixedCurrency, submitLabel, busyLabel, onSubmit, onCancel }: TierFormProps) {
  const [name, setName] = useState(tier?.name ?? '');
  const [currency, setCurrency] = useState(tier?.currency ?? fixedCurrency ?? 'EUR');
  const [price, setPrice] = useState(tier ? toMajorText(tier.priceMinor, tier.currency) : '');
  const [perks, setPerks] = useState(tier?.perks ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const currencyId = useId();
  useFocusFirstInvalid(formRef, errors);
  const lockedCurrency = tier?.currency ?? fixedCurrency;
  const digits = currencyDigits(currency);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FieldErrors = {};
    if (name.trim() === '') local.name = 'Give the tier a name.';
    // The format is checked here; the allowed range is the server's to say, in one place.
    const priceMinor = parseMajor(price, currency);
    if (priceMinor === null)
      local.priceMinor =
        digits === 0
          ? `Enter a whole amount in ${currency}, such as 500.`
          : `Enter an amount in ${currency} with at most ${digits} decimals, such as 5 or 4.50.`;
    setErrors(local);
    setNotice(null);
    if (priceMinor === null || Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await onSubmit({ name: name.trim(), priceMinor, currency, perks: perks.trim() });
      if (!tier) {
        setName('');
        setPrice('');
        setPerks('');
      }
    } catch (error) {
      const result = toFormErrors(error, {
        labels: LABELS,
        codeFields: {
          invalid_price: 'priceMinor',
          unsupported_currency: 'currency',
          currency_mismatch: 'currency',
          currency_fixed: 'currency',
        },
        // The server counts in minor units; the form asks for major ones, so say it in money.
        codeMessages: { invalid_price: `The price must be ${priceRange(currency)} a month.` },
      });
      setErrors(result.fields);
      setNotice(result.general ? { tone: 'error', text: result.general } : null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="form tier-form" onSubmit={submit} noValidate>
      <div className="form-grid tier-form__grid">
        <TextField
          label={LABELS.name}
          name="name"
          maxLength={80}
          placeholder="Supporter"
          value={name}
          onValueChange={setName}
          error={errors.name}
          fieldClassName="tier-form__name"
        />
        <TextField
          label={LABELS.priceMinor}
          name="priceMinor"
          inputMode="decimal"
          placeholder={digits === 0 ? '500' : '5.00'}
          value={price}
          onValueChange={setPrice}
          error={errors.priceMinor}
          fieldClassName="tier-form__price"
        />
        <div
          className={
            errors.currency ? 'field field--invalid tier-form__currency' : 'field tier-form__currency'
          }
        >
          <label className="field__label" htmlFor={currencyId}>
            {LABELS.currency}
          </label>
          <select
            id={currencyId}
            className="input select"
            value={currency}
            disabled={lockedCurrency !== null}
            onChange={(event) => setCurrency(event.target.value)}
            aria-invalid={errors.currency ? true : undefined}
            aria-describedby={errors.currency ? `${currencyId}-error` : `${currencyId}-hint`}
          >
            {CURRENCIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code}
              </option>
            ))}
          </select>
          {errors.currency ? (
            <p className="field__error" id={`${currencyId}-error`}>
              <span aria-hidden="true" className="field__error-icon">
                !
              </span>
              {errors.currency}
            </p>
          ) : (
            <p className="field__hint" id={`${currencyId}-hint`}>
              {lockedCurrency ? 'All tiers share one currency.' : 'Cannot change once set.'}
            </p>
          )}
        </div>
      </div>
      <TextAreaField
        label={LABELS.perks}
        name="perks"
        optional
        hint="One per line: what a subscriber gets."
        rows={3}
        maxLength={PERKS_MAX}
        value={perks}
        onValueChange={setPerks}
        error={errors.perks}
      />
      <StatusMessage notice={notice} />
      <div className="form-actions">
        <Button type="submit" busy={busy} busyLabel={busyLabel}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
