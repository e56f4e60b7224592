import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { purchasesApi, type Receipt, withoutCommunity } from '../../api/purchases.ts';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { ArrowIcon, PrintIcon } from '../../components/icons.tsx';
import { Wordmark } from '../../components/wordmark.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

type Load =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; receipt: Receipt };

const KIND_WORDS: Record<Receipt['kind'], string> = {
  subscription: 'Monthly subscription',
  purchase: 'One-off purchase',
};

/** The provider's name as people know it; the sandbox says plainly that nothing was charged. */
const providerName = (provider: string): string =>
  provider === 'sandbox'
    ? 'Sandbox (test payment, no real money)'
    : provider === 'stripe'
      ? 'Stripe'
      : provider;

/** /me/receipts/:paymentId: one payment as a receipt, laid out to print on one page. */
export function ReceiptPage() {
  const { paymentId = '' } = useParams();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  useDocumentTitle(load.status === 'ready' ? `Receipt · ${load.receipt.description}` : 'Receipt');

  const fetchReceipt = useCallback(async () => {
    try {
      setLoad({ status: 'ready', receipt: await purchasesApi.receipt(paymentId) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setLoad({ status: 'missing' });
      else
        setLoad({
          status: 'failed',
          message: error instanceof ApiError ? error.message : 'This receipt could not be loaded.',
        });
    }
  }, [paymentId]);

  useEffect(() => {
    void fetchReceipt();
  }, [fetchReceipt]);

  return (
    <div className="panel-stack receipt-page">
      <div className="receipt-page__bar">
        <Link to="/me/subscriptions" className="back-link">
          <ArrowIcon className="icon icon--inline back-link__icon" />
          Subscriptions &amp; purchases
        </Link>
        {load.status === 'ready' ? (
          <Button variant="secondary" size="sm" onClick={() => window.print()}>
            <PrintIcon className="icon icon--inline" />
            Print or save as PDF
          </Button>
        ) : null}
      </div>
      {load.status === 'loading' ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the receipt…
        </p>
      ) : load.status === 'missing' ? (
        <div className="empty-state">
          <h1 className="empty-state__title">This receipt is not here</h1>
          <p className="empty-state__text">Receipts are only for the person who paid.</p>
        </div>
      ) : load.status === 'failed' ? (
        <div className="muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void fetchReceipt()}>
            Try again
          </Button>
        </div>
      ) : (
        <ReceiptSheet receipt={load.receipt} />
      )}
    </div>
  );
}

function ReceiptSheet({ receipt: r }: { receipt: Receipt }) {
  const money = (minor: number) => formatMoney(minor, r.currency);
  const net = r.grossMinor - r.refundedMinor;
  return (
    <article className="receipt" aria-labelledby="receipt-title">
      <header className="receipt__header">
        <Wordmark />
        <div className="receipt__heading">
          <h1 id="receipt-title" className="receipt__title">
            Receipt
          </h1>
          <p className="receipt__number">
            No. <code>{r.id}</code>
          </p>
        </div>
      </header>

      <dl className="receipt__parties">
        <div>
          <dt>Paid by</dt>
          <dd>
            {r.buyer.displayName}
            <br />
            {r.buyer.email}
          </dd>
        </div>
        <div>
          <dt>Paid to</dt>
          <dd>{r.community.name}, through Coterie</dd>
        </div>
        <div>
          <dt>Date</dt>
          <dd>
            <time dateTime={r.capturedAt}>{formatDateTime(r.capturedAt)}</time>
          </dd>
        </div>
      </dl>

      <table className="receipt__lines">
        <caption className="visually-hidden">What was paid</caption>
        <thead>
          <tr>
            <th scope="col">Description</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              {withoutCommunity(r.description, r.community.name)}
              <span className="receipt__kind">{KIND_WORDS[r.kind]}</span>
            </th>
            <td>{money(r.grossMinor)}</td>
          </tr>
          {r.refundedMinor > 0 ? (
            <tr className="receipt__refund">
              <th scope="row">Refunded</th>
              <td>−{money(r.refundedMinor)}</td>
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{r.refundedMinor > 0 ? 'Total after refund' : 'Total paid'}</th>
            <td>{money(net)}</td>
          </tr>
        </tfoot>
      </table>

      <section className="receipt__split" aria-labelledby="receipt-split-title">
        <h2 id="receipt-split-title" className="receipt__split-title">
          Where your money goes
        </h2>
        <dl className="receipt__split-list">
          <div>
            <dt>To {r.community.name}</dt>
            <dd>{money(r.artistShareMinor)}</dd>
          </div>
          <div>
            <dt>To run Coterie</dt>
            <dd>{money(r.platformShareMinor)}</dd>
          </div>
        </dl>
      </section>

      <footer className="receipt__footer">
        <p>
          Payment through {providerName(r.provider)} · reference <code>{r.chargeRef}</code>
        </p>
      </footer>
    </article>
  );
}
