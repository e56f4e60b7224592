import { Link } from 'react-router';
import type { Product } from '../../../api/products.ts';
import { ShieldIcon } from '../../../components/icons.tsx';
import { formatPrice } from '../../../lib/money.ts';
import { formatBytes } from '../../../lib/music.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { canModerate, useCommunity } from '../community-context.ts';
import { KIND_LABELS, ProductKindIcon, productPath } from './product-parts.tsx';

/** /c/:slug/shop: the community's digital products, as cards. */
export function ShopPage() {
  const { community, products } = useCommunity();
  useDocumentTitle(`Shop · ${community.name}`);
  const team = canModerate(community);
  const shown = products?.filter((p) => team || !p.archived) ?? null;

  return (
    <div className="shop">
      <header className="section-intro">
        <h2 className="section-intro__title">Shop</h2>
        <p className="section-intro__lead">
          Files from {community.name} to buy once and keep: download them whenever you like. At least
          80&nbsp;% of every sale goes to {community.name}.
        </p>
      </header>
      {team ? (
        <div className="privacy-callout">
          <ShieldIcon className="icon privacy-callout__icon" />
          <p>
            This is how fans see the shop. Upload, reprice or archive products in{' '}
            <Link to={`/c/${community.slug}/settings/products`}>Settings → Products</Link>.
          </p>
        </div>
      ) : null}
      {shown === null ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the shop…
        </p>
      ) : shown.length === 0 ? (
        <p className="empty-line">
          {team
            ? 'Nothing for sale yet: upload the first product in Settings → Products.'
            : 'Nothing for sale yet.'}
        </p>
      ) : (
        <ul className="product-grid" aria-label={`${community.name} products`}>
          {shown.map((product) => (
            <li key={product.id}>
              <ProductCard product={product} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProductCard({ product }: { product: Product }) {
  const titleId = `product-${product.id}`;
  return (
    <article
      className={product.archived ? 'product-card product-card--archived' : 'product-card'}
      aria-labelledby={titleId}
    >
      <ProductKindIcon kind={product.file.kind} />
      <div className="product-card__body">
        <h3 id={titleId} className="product-card__title">
          <Link to={productPath(product.communitySlug, product.id)} className="product-card__link">
            {product.title}
          </Link>
        </h3>
        {product.description ? <p className="product-card__description">{product.description}</p> : null}
        <p className="product-card__meta">
          {KIND_LABELS[product.file.kind]}
          <span aria-hidden="true"> · </span>
          {formatBytes(product.file.bytes)}
          {product.archived ? <span className="chip">Archived</span> : null}
        </p>
      </div>
      <p className="product-card__price">
        {product.purchased ? (
          <span className="status-pill status-pill--active">Purchased</span>
        ) : (
          <strong>{formatPrice(product.price)}</strong>
        )}
      </p>
    </article>
  );
}
