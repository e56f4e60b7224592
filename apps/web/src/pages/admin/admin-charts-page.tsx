import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import {
  type ChartFlag,
  type ChartFlags,
  type ChartWeeks,
  chartsApi,
  type FreshAccount,
} from '../../api/charts.ts';
import { ApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { WeekPicker } from '../../charts/chart-parts.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Button, type Notice, StatusMessage } from '../../components/feedback.tsx';
import { TextAreaField } from '../../components/fields.tsx';
import { ShieldIcon } from '../../components/icons.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { weekLabel } from '../../lib/weeks.ts';
import { NotFoundPage } from '../not-found-page.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; flags: ChartFlags };

/** /admin/charts: instance admins review entries carried by brand-new accounts, void them, close a week. */
export function AdminChartsPage() {
  const { state } = useAuth();
  useDocumentTitle('Chart review');
  // The API answers 404 to anyone else: the page pretends not to exist as well.
  if (state.status === 'loading') return null;
  if (state.status !== 'authenticated' || !state.me.isAdmin) return <NotFoundPage />;
  return <ChartReview />;
}

function ChartReview() {
  const pickerId = useId();
  const [weeks, setWeeks] = useState<ChartWeeks | null>(null);
  const [week, setWeek] = useState<string | null>(null);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [closing, setClosing] = useState(false);
  const [voiding, setVoiding] = useState<FreshAccount | null>(null);

  const fetchWeeks = useCallback(() => chartsApi.weeks().then(setWeeks, () => setWeeks(null)), []);
  const fetchFlags = useCallback(async () => {
    try {
      setLoad({ status: 'ready', flags: await chartsApi.flags(week) });
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'The flags did not load.',
      });
    }
  }, [week]);

  useEffect(() => {
    void fetchWeeks();
  }, [fetchWeeks]);
  useEffect(() => {
    void fetchFlags();
  }, [fetchFlags]);

  const openWeek = weeks?.open.week ?? null;
  const openClosed = Boolean(weeks?.closed.some((w) => w.week === openWeek));
  const shown = load.status === 'ready' ? load.flags.week : (week ?? openWeek ?? '');

  return (
    <div className="container admin-charts">
      <header className="charts-page__header">
        <p className="eyebrow">Instance admin</p>
        <h1 className="charts-page__title">Chart review</h1>
        <p className="charts-page__lead">
          Rising entries carried by accounts under 48 hours old. Voiding an account takes its support out of
          every chart; a closed chart it reached gets a published correction, and its old edition stays on
          record.
        </p>
      </header>
      <div className="chart-board__bar">
        {weeks && shown ? (
          <WeekPicker id={pickerId} weeks={weeks} value={shown} onChange={setWeek} />
        ) : (
          <span />
        )}
        {openWeek ? (
          <div className="admin-charts__close">
            <p>
              {openClosed ? `${weekLabel(openWeek)} is closed.` : `Open now: ${weekLabel(openWeek)}.`}{' '}
              <Link to="/charts">See Rising</Link>
            </p>
            <Button variant="secondary" onClick={() => setClosing(true)} disabled={openClosed}>
              Close week now
            </Button>
          </div>
        ) : null}
      </div>
      <StatusMessage notice={notice} />
      {load.status === 'loading' ? (
        <p className="muted-state panel" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the flags…
        </p>
      ) : load.status === 'failed' ? (
        <div className="panel muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void fetchFlags()}>
            Try again
          </Button>
        </div>
      ) : load.flags.flags.length === 0 ? (
        <section className="empty-state" aria-labelledby="no-flags-title">
          <ShieldIcon className="icon empty-state__icon" />
          <h2 id="no-flags-title" className="empty-state__title">
            Nothing to review
          </h2>
          <p className="empty-state__text">
            No entry in {weekLabel(load.flags.week)} leans on brand-new accounts.
          </p>
        </section>
      ) : (
        <ul className="flag-list" aria-label={`Flags, ${weekLabel(load.flags.week)}`}>
          {load.flags.flags.map((flag) => (
            <li key={`${flag.chart}:${flag.trackId}`}>
              <FlagCard flag={flag} onVoid={setVoiding} />
            </li>
          ))}
        </ul>
      )}
      {openWeek ? (
        <ConfirmDialog
          open={closing}
          onClose={() => setClosing(false)}
          title={`Close ${weekLabel(openWeek)} now?`}
          description="Its charts are published with counts at once, and campaigns that end with it are settled. A week closes only once."
          confirmLabel="Close the week"
          busyLabel="Closing…"
          onConfirm={async () => {
            const result = await chartsApi.close(openWeek);
            setClosing(false);
            setNotice({
              tone: 'success',
              text: result.closed
                ? `${weekLabel(result.week)} is closed: ${result.charts} ${result.charts === 1 ? 'chart' : 'charts'}, ${result.entries} entries published.`
                : `${weekLabel(result.week)} was closed already.`,
            });
            await fetchWeeks();
            await fetchFlags();
          }}
        />
      ) : null}
      <VoidDialog
        account={voiding}
        onClose={() => setVoiding(null)}
        onDone={async (text) => {
          setVoiding(null);
          setNotice({ tone: 'success', text });
          await fetchFlags();
        }}
      />
    </div>
  );
}

function FlagCard({ flag, onVoid }: { flag: ChartFlag; onVoid: (account: FreshAccount) => void }) {
  const titleId = `flag-${flag.chart}-${flag.trackId}`;
  return (
    <article className="panel flag-card" aria-labelledby={titleId}>
      <div className="flag-card__head">
        <span className="flag-card__rank">{flag.rank}</span>
        <div>
          <h2 id={titleId} className="flag-card__title">
            {flag.title}
          </h2>
          <p className="flag-card__meta">
            {flag.artist} · {flag.chart === 'rising' ? 'Rising' : flag.chart}
          </p>
        </div>
        <p className="flag-card__share">
          <strong>{flag.fresh}</strong> of {flag.supporters} supporters are fresh accounts
        </p>
      </div>
      <table className="flag-table">
        <caption className="visually-hidden">Fresh accounts behind {flag.title}</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {flag.freshAccounts.map((a) => (
            <tr key={a.userId}>
              <td>{a.displayName}</td>
              <td>
                <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
              </td>
              <td className="flag-table__action">
                {a.voided ? (
                  <span className="chip">Voided</span>
                ) : (
                  <Button
                    variant="danger-ghost"
                    size="sm"
                    onClick={() => onVoid(a)}
                    aria-label={`Void ${a.displayName}`}
                  >
                    Void
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

function VoidDialog({
  account,
  onClose,
  onDone,
}: {
  account: FreshAccount | null;
  onClose: () => void;
  onDone: (text: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!account) return;
    if (!reason.trim()) {
      setError('Say why: the reason is published with any correction.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await chartsApi.voidAccount(account.userId, reason.trim());
      setReason('');
      const fixes = result.corrections.length;
      await onDone(
        result.voided
          ? `${account.displayName} is voided${fixes > 0 ? `; ${fixes} closed ${fixes === 1 ? 'chart gets' : 'charts get'} a correction` : ''}.`
          : `${account.displayName} was voided already.`,
      );
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The account could not be voided.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={account !== null}
      onClose={onClose}
      title={account ? `Void ${account.displayName}?` : 'Void'}
      description="Their listens, downloads, purchases and picks stop counting on every chart. The reason is published with each correction."
      className="dialog--small"
    >
      <form className="form" onSubmit={submit} noValidate>
        <TextAreaField
          label="Reason"
          value={reason}
          onValueChange={setReason}
          maxLength={500}
          rows={3}
          error={error ?? undefined}
        />
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={busy} busyLabel="Voiding…">
            Void the account
          </Button>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
