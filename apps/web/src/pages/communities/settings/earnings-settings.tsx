import { useCallback, useEffect, useState } from 'react';
import { billingApi, type Earnings, earningsCsvUrl } from '../../../api/billing.ts';
import { ApiError } from '../../../api/client.ts';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { DownloadIcon, ShieldIcon } from '../../../components/icons.tsx';
import { formatMoney } from '../../../lib/money.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCommunity } from '../community-context.ts';
import { EarningsChart, monthLabel } from './earnings-chart.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; earnings: Earnings };

/** 8000 → "80 %"; 8250 → "82.5 %". */
const percent = (bps: number) =>
  `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(bps / 100)}\u00a0%`;

/** Settings → Earnings (owner): what is owed, month by month, read from the ledger. */
export function EarningsSettings() {
  const { community, tiers } = useCommunity();
  useDocumentTitle(`Earnings · ${community.name}`);
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const reload = useCallback(async () => {
    try {
      setLoad({ status: 'ready', earnings: await billingApi.earnings(community.slug) });
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'The earnings could not be loaded.',
      });
    }
  }, [community.slug]);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (load.status === 'loading') {
    return (
      <p className="muted-state" role="status">
        <span className="spinner" aria-hidden="true" /> Loading earnings…
      </p>
    );
  }
  if (load.status === 'failed') {
    return (
      <div className="muted-state">
        <StatusMessage notice={{ tone: 'error', text: load.message }} />
        <Button variant="secondary" size="sm" onClick={() => void reload()}>
          Try again
        </Button>
      </div>
    );
  }

  const { earnings } = load;
  const share = percent(earnings.artistShareBps);
  const currencies = [...new Set(earnings.periods.map((p) => p.currency))];
  // Nothing earned yet still reads as zero in the community's own currency.
  const zero = {
    currency: currencies[0] ?? tiers?.find((t) => !t.archived)?.currency ?? 'EUR',
    owedMinor: 0,
  };
  return (
    <div className="panel-stack">
      <section className="panel" aria-labelledby="earnings-title">
        <div className="panel__header panel__header--split">
          <div>
            <h2 id="earnings-title" className="panel__title">
              Earnings
            </h2>
            <p className="panel__lead">
              Month by month (UTC), from the ledger. Payouts are recorded by the people who run this server.
            </p>
          </div>
          {earnings.periods.length > 0 ? (
            <a className="button button--secondary button--sm" href={earningsCsvUrl(community.slug)} download>
              <DownloadIcon className="icon icon--inline" />
              Download CSV
            </a>
          ) : null}
        </div>
        <div className="privacy-callout earnings__promise">
          <ShieldIcon className="icon privacy-callout__icon" />
          <div>
            <p className="earnings__promise-title">You keep {share} of every payment.</p>
            <p>
              The rest runs this server. Refunds and disputes come out of both shares in the same proportion,
              and rounding always goes your way.
            </p>
          </div>
        </div>
        <dl className="balances" aria-label="Owed to you now">
          {(earnings.balances.length > 0 ? earnings.balances : [zero]).map((b) => (
            <div key={b.currency} className="balances__item">
              <dt>Owed to you now{earnings.balances.length > 1 ? `, ${b.currency}` : ''}</dt>
              <dd>{formatMoney(b.owedMinor, b.currency)}</dd>
            </div>
          ))}
        </dl>
      </section>

      {earnings.periods.length === 0 ? (
        <div className="empty-state">
          <ShieldIcon className="icon empty-state__icon" />
          <h2 className="empty-state__title">No payments yet</h2>
          <p className="empty-state__text">
            When fans subscribe on the Support page, each month appears here with what they paid and the{' '}
            {share} that is yours.
          </p>
        </div>
      ) : (
        currencies.map((currency) => (
          <section key={currency} className="panel" aria-label={`Months in ${currency}`}>
            <EarningsChart periods={earnings.periods} currency={currency} />
            <div className="table-wrap">
              <table className="earnings-table">
                <caption className="visually-hidden">Earnings per month in {currency}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col">Gross</th>
                    <th scope="col">Your share</th>
                    <th scope="col">Platform share</th>
                    <th scope="col">Refunds</th>
                    <th scope="col">Net payable</th>
                    <th scope="col">Paid out</th>
                    <th scope="col">Subscribers</th>
                  </tr>
                </thead>
                <tbody>
                  {earnings.periods
                    .filter((p) => p.currency === currency)
                    .map((p) => (
                      <tr key={p.month}>
                        <th scope="row">{monthLabel(p.month, 'long')}</th>
                        {/* data-label heads each cell when a phone stacks the table into cards. */}
                        <td data-label="Gross">{formatMoney(p.grossMinor, currency)}</td>
                        <td data-label="Your share" className="earnings-table__yours">
                          {formatMoney(p.artistShareMinor, currency)}
                        </td>
                        <td data-label="Platform share">{formatMoney(p.platformShareMinor, currency)}</td>
                        <td data-label="Refunds">
                          {p.refundsMinor === 0 ? '–' : `−${formatMoney(p.refundsMinor, currency)}`}
                        </td>
                        <td data-label="Net payable">{formatMoney(p.netPayableMinor, currency)}</td>
                        <td data-label="Paid out">{formatMoney(p.paidOutMinor, currency)}</td>
                        <td data-label="Subscribers">{p.activeSubscribers}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
    </div>
  );
}
