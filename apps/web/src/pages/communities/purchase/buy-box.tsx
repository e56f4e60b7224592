import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { type Price, type PurchaseItemType, purchasesApi } from '../../../api/purchases.ts';
import { useAuth } from '../../../auth/auth-context.tsx';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { CheckIcon, LockIcon } from '../../../components/icons.tsx';
import { openCheckout } from '../../../lib/checkout.ts';
import type { FlashState } from '../../../lib/flash.ts';
import {
  currencyDigits,
  formatMoney,
  formatPrice,
  MAX_PRICE_MINOR,
  parseMajor,
  toMajorText,
} from '../../../lib/money.ts';

interface BuyBoxProps {
  itemType: PurchaseItemType;
  itemId: string;
  title: string;
  price: Price;
  purchased: boolean;
  /** The team sees the price as fans do, without a Buy button. */
  canEdit: boolean;
  /** The words under the price: what buying gives. */
  lead: ReactNode;
  /** Shown once bought (download buttons, say). */
  children?: ReactNode;
  /** A notice from the way back from checkout. */
  notice?: Notice | null;
  /** After a 409 already_purchased: the page asks again and shows it as bought. */
  onStale?: () => void;
}

const ITEM_WORDS: Record<PurchaseItemType, string> = {
  track: 'track',
  release: 'release',
  product: 'product',
};

/** The price, Buy (with an amount for pay what you want), and "Purchased" once it is the viewer's. */
export function BuyBox({
  itemType,
  itemId,
  title,
  price,
  purchased,
  canEdit,
  lead,
  children,
  notice: returnNotice = null,
  onStale,
}: BuyBoxProps) {
  const id = useId();
  const { state } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [amount, setAmount] = useState(toMajorText(price.amountMinor, price.currency));
  const [amountError, setAmountError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const here = `${location.pathname}${location.search}`;
  const minimum = formatMoney(price.amountMinor, price.currency);

  async function buy(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let amountMinor = price.amountMinor;
    if (price.payWhatYouWant) {
      const parsed = parseMajor(amount, price.currency);
      if (parsed === null) {
        const digits = currencyDigits(price.currency);
        setAmountError(
          digits === 0
            ? `Enter a whole amount in ${price.currency}.`
            : `Enter an amount in ${price.currency}, such as ${toMajorText(price.amountMinor, price.currency)}.`,
        );
        return;
      }
      if (parsed < price.amountMinor) {
        setAmountError(`Pay at least ${minimum}.`);
        return;
      }
      amountMinor = parsed;
    }
    setAmountError(null);
    setNotice(null);
    setBusy(true);
    try {
      const { checkoutUrl } = await purchasesApi.buy(itemType, itemId, amountMinor);
      openCheckout(checkoutUrl, navigate);
    } catch (error) {
      setBusy(false);
      if (!(error instanceof ApiError)) {
        setNotice({ tone: 'error', text: 'The checkout could not be opened. Please try again.' });
      } else if (error.status === 401) {
        navigate('/login', {
          state: {
            from: here,
            flash: { tone: 'info', text: `Log in to buy “${title}”.` },
          } satisfies FlashState,
        });
      } else if (error.code === 'below_minimum' || error.code === 'wrong_amount') {
        // The price changed while the page was open (the server counts in minor units, so its
        // sentence is not for people): show the new price and let the buyer choose again.
        setNotice({ tone: 'info', text: 'The price has just changed. Check it below and buy again.' });
        onStale?.();
      } else if (error.code === 'invalid_amount') {
        setAmountError(`Enter an amount up to ${formatMoney(MAX_PRICE_MINOR, price.currency)}.`);
      } else if (error.code === 'already_purchased') {
        setNotice({ tone: 'info', text: `You already own this ${ITEM_WORDS[itemType]}.` });
        onStale?.();
      } else {
        setNotice({ tone: 'error', text: error.message });
      }
    }
  }

  const titleId = `${id}-title`;
  return (
    <section
      className={purchased ? 'buy-box buy-box--owned' : 'buy-box'}
      aria-labelledby={titleId}
      data-testid="buy-box"
    >
      <div className="buy-box__head">
        <h3 id={titleId} className="buy-box__price">
          <span className="visually-hidden">Price: </span>
          {formatPrice(price)}
        </h3>
        {purchased ? (
          <span className="status-pill status-pill--active">
            <CheckIcon className="icon icon--inline" /> Purchased
          </span>
        ) : null}
      </div>
      <StatusMessage notice={returnNotice ?? notice} />
      {purchased ? (
        children
      ) : canEdit ? (
        <p className="buy-box__lead">
          {lead} You see this as fans do; as part of the team you need not buy it.
        </p>
      ) : (
        <>
          <p className="buy-box__lead">{lead}</p>
          {state.status === 'anonymous' ? (
            <div className="form-actions">
              <Link
                to="/login"
                state={{ from: here } satisfies FlashState}
                className="button button--primary"
              >
                Log in to buy
              </Link>
              <Link to="/signup" state={{ from: here } satisfies FlashState} className="button button--ghost">
                Sign up
              </Link>
            </div>
          ) : (
            <form className="buy-box__form" onSubmit={buy} noValidate>
              {price.payWhatYouWant ? (
                <div
                  className={amountError ? 'field field--invalid buy-box__amount' : 'field buy-box__amount'}
                >
                  <label className="field__label" htmlFor={`${id}-amount`}>
                    Your price ({price.currency})
                  </label>
                  <input
                    id={`${id}-amount`}
                    className="input"
                    inputMode="decimal"
                    value={amount}
                    onChange={(event) => setAmount(event.target.value)}
                    aria-invalid={amountError ? true : undefined}
                    aria-describedby={`${id}-amount-note`}
                  />
                  <p className={amountError ? 'field__error' : 'field__hint'} id={`${id}-amount-note`}>
                    {amountError ? (
                      <>
                        <span aria-hidden="true" className="field__error-icon">
                          !
                        </span>
                        {amountError}
                      </>
                    ) : (
                      `${minimum} or more: pay what it is worth to you.`
                    )}
                  </p>
                </div>
              ) : null}
              <Button type="submit" busy={busy} busyLabel="Opening checkout…" className="buy-box__button">
                <LockIcon className="icon icon--inline" />
                Buy
                <span className="visually-hidden"> “{title}”</span>
              </Button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
