import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type Purchase, purchasesApi, withoutCommunity } from '../../api/purchases.ts';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { ArrowIcon, DiscIcon, FileIcon, MusicIcon } from '../../components/icons.tsx';
import { formatDate } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { DownloadButton } from '../communities/shop/product-page.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; items: Purchase[] };

const TYPE_LABELS: Record<Purchase['itemType'], string> = {
  track: 'Track',
  release: 'Release',
  product: 'Product',
};

/** What I bought, newest first: a link to each, its download, and whether it was refunded. */
export function PurchaseList() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const reload = useCallback(async () => {
    try {
      setLoad({ status: 'ready', items: (await purchasesApi.mine()).purchases });
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'Your purchases could not be loaded.',
      });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <section className="panel" aria-labelledby="purchases-title">
      <div className="panel__header">
        <h2 id="purchases-title" className="panel__title">
          Purchases
        </h2>
        <p className="panel__lead">Tracks, releases and products you bought once and keep.</p>
      </div>
      {load.status === 'loading' ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading your purchases…
        </p>
      ) : load.status === 'failed' ? (
        <div className="muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void reload()}>
            Try again
          </Button>
        </div>
      ) : load.items.length === 0 ? (
        <p className="empty-line">
          Nothing bought yet. Tracks, releases and products for sale show a Buy button on their page.
        </p>
      ) : (
        <ul className="purchase-rows" aria-label="Your purchases">
          {load.items.map((purchase) => (
            <li key={purchase.id}>
              <PurchaseRow purchase={purchase} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PurchaseRow({ purchase }: { purchase: Purchase }) {
  const p = { ...purchase, title: withoutCommunity(purchase.title, purchase.community.name) };
  const titleId = `purchase-${p.id}`;
  return (
    <article
      className={p.refunded ? 'purchase-row purchase-row--refunded' : 'purchase-row'}
      aria-labelledby={titleId}
    >
      <span className="purchase-row__icon" aria-hidden="true">
        {p.itemType === 'track' ? (
          <MusicIcon className="icon" />
        ) : p.itemType === 'release' ? (
          <DiscIcon className="icon" />
        ) : (
          <FileIcon className="icon" />
        )}
      </span>
      <div className="purchase-row__main">
        <h3 id={titleId} className="purchase-row__title">
          <Link to={p.href}>{p.title}</Link>
        </h3>
        <p className="purchase-row__meta">
          {TYPE_LABELS[p.itemType]} from {p.community.name}
          <span aria-hidden="true"> · </span>
          <strong>{formatMoney(p.amountMinor, p.currency)}</strong>
          <span aria-hidden="true"> · </span>
          <time dateTime={p.createdAt}>{formatDate(p.createdAt)}</time>
        </p>
      </div>
      <div className="purchase-row__actions">
        {p.refunded ? (
          <span className="status-pill status-pill--canceled">Refunded</span>
        ) : p.itemType === 'product' ? (
          <DownloadButton productId={p.itemId} title={p.title} size="sm" />
        ) : (
          <Link to={p.href} className="button button--secondary button--sm">
            Downloads
            <span className="visually-hidden"> of {p.title}</span>
            <ArrowIcon className="icon icon--inline" />
          </Link>
        )}
        <Link
          to={`/me/receipts/${encodeURIComponent(p.paymentId)}`}
          className="button button--ghost button--sm"
        >
          Receipt<span className="visually-hidden"> for {p.title}</span>
        </Link>
      </div>
    </article>
  );
}
