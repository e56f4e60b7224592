import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import {
  PRODUCT_DESCRIPTION_MAX,
  PRODUCT_TITLE_MAX,
  type Product,
  productsApi,
} from '../../../api/products.ts';
import { useAnnounce } from '../../../components/announcer.tsx';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { TextAreaField, TextField } from '../../../components/fields.tsx';
import { PencilIcon } from '../../../components/icons.tsx';
import { type FieldErrors, toFormErrors } from '../../../lib/form-errors.ts';
import { formatPrice } from '../../../lib/money.ts';
import { formatBytes } from '../../../lib/music.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCommunity } from '../community-context.ts';
import {
  PriceControl,
  type PriceDraft,
  priceRangeMessage,
  readPriceDraft,
  toPriceDraft,
} from '../purchase/price-control.tsx';
import { KIND_LABELS, ProductKindIcon, productPath, shopPath } from '../shop/product-parts.tsx';
import { PRODUCT_CODE_FIELDS, PRODUCT_LABELS, ProductUploadForm } from './product-form.tsx';

/** Settings → Products (owner and moderators): upload, edit, archive the files the shop sells. */
export function ProductSettings() {
  const { community, products, reloadProducts, tiers } = useCommunity();
  useDocumentTitle(`Products · ${community.name}`);
  const announce = useAnnounce();
  const [editing, setEditing] = useState<string | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [created, setCreated] = useState<Notice | null>(null);
  // New products start in the currency the community already charges in.
  const currency = products?.[0]?.price.currency ?? tiers?.find((t) => !t.archived)?.currency ?? 'EUR';

  async function toggleArchived(product: Product) {
    setWorking(product.id);
    setNotice(null);
    try {
      await productsApi.edit(product.id, { archived: !product.archived });
      await reloadProducts();
      announce(product.archived ? `${product.title} is in the shop again.` : `${product.title} archived.`);
    } catch (error) {
      setNotice({
        tone: 'error',
        text: error instanceof ApiError ? error.message : 'That change did not go through. Please try again.',
      });
    } finally {
      setWorking(null);
    }
  }

  return (
    <div className="panel-stack">
      <section className="panel" aria-labelledby="products-title">
        <div className="panel__header">
          <h2 id="products-title" className="panel__title">
            Products
          </h2>
          <p className="panel__lead">
            Files fans buy once in the <Link to={shopPath(community.slug)}>Shop</Link>. Archiving takes a
            product out of the shop; those who bought it can still download it.
          </p>
        </div>
        <StatusMessage notice={notice} className="settings__notice" />
        {products === null ? (
          <p className="muted-state" role="status">
            <span className="spinner" aria-hidden="true" /> Loading products…
          </p>
        ) : products.length === 0 ? (
          <p className="empty-line">No products yet. Upload the first one below.</p>
        ) : (
          <ul className="tier-rows" aria-label="Your products">
            {products.map((product) => (
              <li
                key={product.id}
                className={product.archived ? 'tier-row tier-row--archived' : 'tier-row'}
                aria-label={product.title}
              >
                {editing === product.id ? (
                  <ProductEditForm
                    product={product}
                    onCancel={() => setEditing(null)}
                    onSaved={async (saved) => {
                      await reloadProducts();
                      setEditing(null);
                      announce(`${saved.title} saved.`);
                    }}
                  />
                ) : (
                  <div className="tier-row__main product-row">
                    <ProductKindIcon kind={product.file.kind} className="product-kind--small" />
                    <div className="tier-row__text">
                      <p className="tier-row__name">
                        <Link to={productPath(community.slug, product.id)}>{product.title}</Link>
                        {product.archived ? <span className="chip">Archived</span> : null}
                      </p>
                      <p className="tier-row__meta">
                        <strong>{formatPrice(product.price)}</strong>
                        <span aria-hidden="true"> · </span>
                        {product.sales ?? 0} {product.sales === 1 ? 'sale' : 'sales'}
                        <span aria-hidden="true"> · </span>
                        {KIND_LABELS[product.file.kind]}, {formatBytes(product.file.bytes)}
                      </p>
                    </div>
                    <div className="tier-row__actions">
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={`Edit ${product.title}`}
                        disabled={working !== null}
                        onClick={() => setEditing(product.id)}
                      >
                        <PencilIcon className="icon icon--inline" />
                        Edit
                      </Button>
                      <Button
                        variant={product.archived ? 'secondary' : 'danger-ghost'}
                        size="sm"
                        aria-label={`${product.archived ? 'Unarchive' : 'Archive'} ${product.title}`}
                        busy={working === product.id}
                        busyLabel={product.archived ? 'Unarchiving…' : 'Archiving…'}
                        disabled={working !== null}
                        onClick={() => void toggleArchived(product)}
                      >
                        {product.archived ? 'Unarchive' : 'Archive'}
                      </Button>
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="new-product-title">
        <div className="panel__header">
          <h2 id="new-product-title" className="panel__title">
            New product
          </h2>
          <p className="panel__lead">
            An e-book, a guide, a video course, a sample pack. {community.name} keeps at least 80&nbsp;% of
            every sale.
          </p>
        </div>
        <StatusMessage notice={created} className="settings__notice" />
        <ProductUploadForm
          slug={community.slug}
          currency={currency}
          onUploaded={async (product) => {
            await reloadProducts();
            setCreated({
              tone: 'success',
              text: `${product.title} is in the shop at ${formatPrice(product.price)}.`,
            });
          }}
        />
      </section>
    </div>
  );
}

/** Title, description and price of a product already in the shop; the file and currency stay. */
function ProductEditForm({
  product,
  onSaved,
  onCancel,
}: {
  product: Product;
  onSaved: (product: Product) => Promise<void>;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(product.title);
  const [description, setDescription] = useState(product.description);
  const [price, setPrice] = useState<PriceDraft>(toPriceDraft(product.price, product.price.currency));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FieldErrors = {};
    if (title.trim() === '') local.title = 'Give the product a title.';
    const priced = readPriceDraft(price);
    if ('error' in priced) local.priceMinor = priced.error;
    setErrors(local);
    if (Object.keys(local).length > 0 || 'error' in priced || !priced.price) return;
    setBusy(true);
    setNotice(null);
    try {
      const saved = await productsApi.edit(product.id, {
        title: title.trim(),
        description: description.trim(),
        priceMinor: priced.price.amountMinor,
        payWhatYouWant: priced.price.payWhatYouWant,
      });
      await onSaved(saved);
    } catch (error) {
      const result = toFormErrors(error, {
        labels: PRODUCT_LABELS,
        codeFields: PRODUCT_CODE_FIELDS,
        codeMessages: { invalid_price: priceRangeMessage(price.currency) },
      });
      setErrors(result.fields);
      setNotice(result.general ? { tone: 'error', text: result.general } : null);
      setBusy(false);
    }
  }

  return (
    <form className="form product-form" onSubmit={submit} noValidate>
      <p className="tier-row__editing">Editing {product.title}</p>
      <TextField
        label={PRODUCT_LABELS.title}
        maxLength={PRODUCT_TITLE_MAX}
        value={title}
        onValueChange={setTitle}
        error={errors.title}
      />
      <TextAreaField
        label={PRODUCT_LABELS.description}
        optional
        rows={3}
        maxLength={PRODUCT_DESCRIPTION_MAX}
        value={description}
        onValueChange={setDescription}
        error={errors.description}
      />
      <PriceControl
        legend="Price"
        value={price}
        onChange={setPrice}
        allowFree={false}
        lockedCurrency={product.price.currency}
        error={errors.priceMinor}
      />
      <StatusMessage notice={notice} />
      <div className="form-actions">
        <Button type="submit" busy={busy} busyLabel="Saving…">
          Save product
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
