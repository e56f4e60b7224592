import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { billingApi, type SandboxCheckout, TEST_CARDS } from '../api/billing.ts';
import { ApiError } from '../api/client.ts';
import { Button, type Notice, StatusMessage } from '../components/feedback.tsx';
import { TextField } from '../components/fields.tsx';
import { LockIcon } from '../components/icons.tsx';
import { formatMoney } from '../lib/money.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; checkout: SandboxCheckout };

/** The return address without ?checkout: where to go when this checkout did not end in a payment. */
const backTo = (returnUrl: string) => returnUrl.split('?')[0] ?? '/';

const CLOSED_WORDS: Record<string, { title: string; text: string }> = {
  completed: { title: 'Already paid', text: 'This checkout was paid. Nothing more to do here.' },
  declined: {
    title: 'This checkout is closed',
    text: 'This checkout is closed. Go back and choose the tier again to try another card.',
  },
  expired: {
    title: 'This checkout has expired',
    text: 'Checkouts stay open for an hour. Nothing was charged: go back and choose the tier again.',
  },
};

/**
 * The offline sandbox provider's payment page (/sandbox/checkout/:id): the stand-in for a real
 * provider's hosted checkout, so it says loudly that no money moves and lists its two test cards.
 */
export function SandboxCheckoutPage() {
  const { checkoutId = '' } = useParams();
  const navigate = useNavigate();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [card, setCard] = useState('');
  const [cardError, setCardError] = useState<string | undefined>();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [declined, setDeclined] = useState(false);
  const [busy, setBusy] = useState(false);
  useDocumentTitle('Sandbox checkout');

  useEffect(() => {
    let cancelled = false;
    billingApi.checkout(checkoutId).then(
      (checkout) => {
        if (!cancelled) setLoad({ status: 'ready', checkout });
      },
      (error: unknown) => {
        if (!cancelled)
          setLoad({
            status: 'failed',
            message: error instanceof ApiError ? error.message : 'This checkout could not be loaded.',
          });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [checkoutId]);

  async function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (card.trim() === '') {
      setCardError('Enter a card number, or use one of the test cards below.');
      return;
    }
    setBusy(true);
    setCardError(undefined);
    setNotice(null);
    try {
      const { returnUrl } = await billingApi.pay(checkoutId, card);
      navigate(returnUrl);
    } catch (error) {
      setBusy(false);
      if (!(error instanceof ApiError)) {
        setNotice({ tone: 'error', text: 'The payment could not be sent. Please try again.' });
      } else if (error.code === 'unknown_test_card') {
        setCardError(error.message);
      } else {
        // Declined, closed or expired: this checkout is over; say so in the server's words.
        setDeclined(error.code === 'card_declined');
        setNotice({ tone: 'error', text: error.message });
        if (error.code !== 'card_declined' && load.status === 'ready') {
          const status = error.code === 'checkout_expired' ? 'expired' : 'completed';
          setLoad({ status: 'ready', checkout: { ...load.checkout, status } });
        }
      }
    }
  }

  return (
    <div className="container checkout">
      <p className="checkout__sandbox" role="note">
        <strong>Sandbox — no real money.</strong> This page stands in for a payment provider; only test cards
        work, and nothing is charged.
      </p>
      {load.status === 'loading' ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the checkout…
        </p>
      ) : load.status === 'failed' ? (
        <section className="panel checkout__card">
          <h1 className="checkout__title">This checkout is not here</h1>
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Link to="/me/subscriptions" className="button button--secondary">
            Your subscriptions
          </Link>
        </section>
      ) : (
        <CheckoutBody
          checkout={load.checkout}
          card={card}
          setCard={setCard}
          cardError={cardError}
          notice={notice}
          declined={declined}
          busy={busy}
          onPay={pay}
        />
      )}
    </div>
  );
}

interface BodyProps {
  checkout: SandboxCheckout;
  card: string;
  setCard: (value: string) => void;
  cardError: string | undefined;
  notice: Notice | null;
  declined: boolean;
  busy: boolean;
  onPay: (event: FormEvent<HTMLFormElement>) => void;
}

function CheckoutBody({ checkout, card, setCard, cardError, notice, declined, busy, onPay }: BodyProps) {
  const amount = formatMoney(checkout.amountMinor, checkout.currency);
  const closed = declined ? CLOSED_WORDS.declined : CLOSED_WORDS[checkout.status];
  const back = backTo(checkout.returnUrl);
  return (
    <section className="panel checkout__card" aria-labelledby="checkout-title">
      <div className="checkout__summary">
        <p className="eyebrow">You are paying for</p>
        <h1 id="checkout-title" className="checkout__title">
          {checkout.title}
        </h1>
        <p className="checkout__amount">
          <strong>{amount}</strong>
          {checkout.kind === 'subscription' ? <span> / month</span> : null}
        </p>
        {checkout.kind === 'subscription' ? (
          <p className="checkout__terms">Charged today, then every month until you cancel.</p>
        ) : null}
      </div>
      <StatusMessage notice={notice} />
      {closed ? (
        <div className="checkout__closed">
          {notice ? null : <h2 className="panel__title">{closed.title}</h2>}
          <p>{closed.text}</p>
          <Link
            to={checkout.status === 'completed' && !declined ? checkout.returnUrl : back}
            className="button button--primary"
          >
            {checkout.status === 'completed' && !declined ? 'Back to the community' : 'Back to choose again'}
          </Link>
        </div>
      ) : (
        <form className="form checkout__form" onSubmit={onPay} noValidate>
          <TextField
            label="Card number"
            name="cardNumber"
            inputMode="numeric"
            autoComplete="off"
            placeholder="4242 4242 4242 4242"
            value={card}
            onValueChange={setCard}
            error={cardError}
          />
          <div className="test-cards">
            <p className="test-cards__title">Test cards</p>
            <ul className="test-cards__list">
              {TEST_CARDS.map((test) => (
                <li key={test.number} className="test-card">
                  <code className="test-card__number">{test.number}</code>
                  <span className="test-card__outcome">{test.outcome}</span>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => setCard(test.number)}
                    aria-label={`Use ${test.number} (${test.outcome.toLowerCase()})`}
                  >
                    Use
                  </Button>
                </li>
              ))}
            </ul>
          </div>
          <div className="form-actions">
            <Button type="submit" busy={busy} busyLabel="Paying…">
              <LockIcon className="icon icon--inline" />
              Pay {amount}
            </Button>
            <Link to={back} className="button button--ghost">
              Cancel
            </Link>
          </div>
        </form>
      )}
    </section>
  );
}
