import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { downloadProduct, type Product, productsApi } from '../../../api/products.ts';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { ArrowIcon, DownloadIcon, PencilIcon } from '../../../components/icons.tsx';
import { formatDate } from '../../../lib/format.ts';
import { formatBytes } from '../../../lib/music.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCommunity } from '../community-context.ts';
import { BuyBox } from '../purchase/buy-box.tsx';
import { useCheckoutReturn } from '../purchase/use-checkout-return.ts';
import { KIND_LABELS, ProductKindIcon, shopPath } from './product-parts.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; product: Product };

/** /c/:slug/shop/:productId: one product, its price, Buy, and Download once it is yours. */
export function ProductPage() {
  const { community } = useCommunity();
  const { productId = '' } = useParams();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const memberKey = `${community.myMembership?.id ?? '-'}:${community.myMembership?.role ?? '-'}`;
  useDocumentTitle(load.status === 'ready' ? `${load.product.title} · ${community.name}` : community.name);

  const fetchProduct = useCallback(async (): Promise<Product | null> => {
    void memberKey;
    try {
      const product = await productsApi.get(productId);
      setLoad({ status: 'ready', product });
      return product;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403))
        setLoad({ status: 'missing' });
      else
        setLoad({
          status: 'failed',
          message: error instanceof ApiError ? error.message : 'This product could not be loaded.',
        });
      return null;
    }
  }, [productId, memberKey]);

  useEffect(() => {
    setLoad({ status: 'loading' });
    void fetchProduct();
  }, [fetchProduct]);

  return (
    <div className="shop">
      <Link to={shopPath(community.slug)} className="back-link">
        <ArrowIcon className="icon icon--inline back-link__icon" />
        The shop of {community.name}
      </Link>
      {load.status === 'loading' ? (
        <p className="muted-state panel" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the product…
        </p>
      ) : load.status === 'missing' ? (
        <section className="empty-state" aria-labelledby="missing-product-title">
          <h2 id="missing-product-title" className="empty-state__title">
            This product is not here
          </h2>
          <p className="empty-state__text">It may have been taken out of the shop.</p>
          <div className="empty-state__actions">
            <Link to={shopPath(community.slug)} className="button button--primary">
              See the other products
            </Link>
          </div>
        </section>
      ) : load.status === 'failed' ? (
        <div className="panel muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void fetchProduct()}>
            Try again
          </Button>
        </div>
      ) : (
        <ProductDetail
          product={load.product}
          refresh={async () => Boolean((await fetchProduct())?.purchased)}
        />
      )}
    </div>
  );
}

function ProductDetail({ product, refresh }: { product: Product; refresh: () => Promise<boolean> }) {
  const notice = useCheckoutReturn(product.title, refresh);
  const owned = product.purchased || product.canEdit;
  return (
    <article className="product-hero" aria-labelledby="product-title">
      <ProductKindIcon kind={product.file.kind} className="product-kind--large" />
      <div className="product-hero__body">
        <p className="eyebrow">{KIND_LABELS[product.file.kind]}</p>
        <h2 id="product-title" className="product-hero__title">
          {product.title}
        </h2>
        <p className="product-hero__facts">
          <span>{product.file.name}</span>
          <span>{formatBytes(product.file.bytes)}</span>
          <span>
            Added <time dateTime={product.createdAt}>{formatDate(product.createdAt)}</time>
          </span>
          {product.archived ? <span className="chip">Archived</span> : null}
        </p>
        {product.description ? <p className="product-hero__description">{product.description}</p> : null}
        <BuyBox
          itemType="product"
          itemId={product.id}
          title={product.title}
          price={product.price}
          purchased={product.purchased}
          canEdit={product.canEdit}
          notice={notice}
          onStale={() => void refresh()}
          lead={`Buy it once, then download the ${KIND_LABELS[product.file.kind]} whenever you like.`}
        >
          <p className="buy-box__lead">
            Thank you for buying it. It is yours to download as often as you like.
          </p>
        </BuyBox>
        {owned ? (
          <DownloadButton productId={product.id} title={product.title} bytes={product.file.bytes} />
        ) : null}
        {product.canEdit ? (
          <p className="product-hero__team">
            {product.sales ?? 0} {product.sales === 1 ? 'sale' : 'sales'} so far ·{' '}
            <Link to={`/c/${product.communitySlug}/settings/products`}>
              <PencilIcon className="icon icon--inline" /> Edit in Settings → Products
            </Link>
          </p>
        ) : null}
      </div>
    </article>
  );
}

/** Download asks for a fresh link each time: links expire and belong to the buyer. */
export function DownloadButton({
  productId,
  title,
  bytes,
  size,
}: {
  productId: string;
  title: string;
  bytes?: number;
  size?: 'sm';
}) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <div className="download-action">
      <Button
        variant="secondary"
        size={size ?? 'md'}
        busy={busy}
        busyLabel="Preparing the download…"
        onClick={async () => {
          setBusy(true);
          setNotice(null);
          try {
            await downloadProduct(productId);
          } catch (error) {
            setNotice({
              tone: 'error',
              text:
                error instanceof ApiError ? error.message : 'The download could not start. Please try again.',
            });
          } finally {
            setBusy(false);
          }
        }}
      >
        <DownloadIcon className="icon icon--inline" />
        Download<span className="visually-hidden"> “{title}”</span>
        {bytes !== undefined ? <span className="download-button__size">{formatBytes(bytes)}</span> : null}
      </Button>
      <StatusMessage notice={notice} />
    </div>
  );
}
