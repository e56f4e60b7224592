import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type Payment, purchasesApi, withoutCommunity } from '../../api/purchases.ts';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { formatDate } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; items: Payment[] };

/** Every payment I made, subscriptions and purchases alike, each with its printable receipt. */
export function ReceiptList() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const reload = useCallback(async () => {
    try {
      setLoad({ status: 'ready', items: (await purchasesApi.payments()).payments });
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'Your receipts could not be loaded.',
      });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <section className="panel" aria-labelledby="receipts-title">
      <div className="panel__header">
        <h2 id="receipts-title" className="panel__title">
          Receipts
        </h2>
        <p className="panel__lead">One for every payment, to print or keep for your records.</p>
      </div>
      {load.status === 'loading' ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading your receipts…
        </p>
      ) : load.status === 'failed' ? (
        <div className="muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void reload()}>
            Try again
          </Button>
        </div>
      ) : load.items.length === 0 ? (
        <p className="empty-line">No payments yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="earnings-table receipts-table">
            <caption className="visually-hidden">Your payments, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">What</th>
                <th scope="col">Amount</th>
                <th scope="col">
                  <span className="visually-hidden">Receipt</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {load.items.map((payment) => (
                <tr key={payment.id}>
                  <th scope="row">
                    <time dateTime={payment.capturedAt}>{formatDate(payment.capturedAt)}</time>
                  </th>
                  <td className="receipts-table__what">
                    {withoutCommunity(payment.description, payment.community.name)}
                    <span className="receipts-table__community">{payment.community.name}</span>
                  </td>
                  <td data-label="Amount">
                    {formatMoney(payment.grossMinor, payment.currency)}
                    {payment.refundedMinor > 0 ? (
                      <span className="receipts-table__refund">
                        {payment.refundedMinor >= payment.grossMinor
                          ? 'Refunded'
                          : `${formatMoney(payment.refundedMinor, payment.currency)} refunded`}
                      </span>
                    ) : null}
                  </td>
                  <td className="receipts-table__view">
                    <Link to={`/me/receipts/${encodeURIComponent(payment.id)}`}>
                      View
                      <span className="visually-hidden">
                        {' '}
                        the receipt for {withoutCommunity(payment.description, payment.community.name)}
                      </span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
