import type { ProductKind } from '../../../api/products.ts';

export const shopPath = (slug: string) => `/c/${encodeURIComponent(slug)}/shop`;
export const productPath = (slug: string, id: string) => `${shopPath(slug)}/${encodeURIComponent(id)}`;

export const KIND_LABELS: Record<ProductKind, string> = {
  pdf: 'PDF',
  epub: 'E-book (EPUB)',
  video: 'Video',
  zip: 'ZIP archive',
};

/** A drawn mark for each kind of file, so a shelf of products reads at a glance. */
export function ProductKindIcon({ kind, className }: { kind: ProductKind; className?: string }) {
  return (
    <span className={['product-kind', `product-kind--${kind}`, className ?? ''].filter(Boolean).join(' ')}>
      <svg
        className="product-kind__icon"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
      >
        {kind === 'video' ? (
          <>
            <rect x="3" y="5.5" width="18" height="13" rx="2.5" />
            <path d="M10.5 9.5v5l4.2-2.5z" />
          </>
        ) : kind === 'epub' ? (
          <>
            <path d="M12 6.5c-2-1.6-5-2-8-1.5v13c3-.5 6-.1 8 1.5 2-1.6 5-2 8-1.5V5c-3-.5-6-.1-8 1.5z" />
            <path d="M12 6.5v13" />
          </>
        ) : kind === 'zip' ? (
          <>
            <path d="M6 3.5h9l4 4v13H6z" />
            <path d="M11 3.5v2m0 2v2m0 2v2m0 2v2" />
          </>
        ) : (
          <>
            <path d="M6 3.5h8.5l4.5 4.5v12.5H6z" />
            <path d="M14.5 3.5V8H19" />
            <path d="M9 13h6M9 16.5h4" />
          </>
        )}
      </svg>
      <span className="product-kind__label">{kind.toUpperCase()}</span>
    </span>
  );
}
