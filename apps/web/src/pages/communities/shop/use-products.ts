import { useCallback, useEffect, useState } from 'react';
import { type Product, productsApi } from '../../../api/products.ts';

/**
 * The community's products, for the frame (whether to show Shop) and the pages under it. Null
 * until they arrive or when they cannot be read, which must not hide the rest of the community.
 */
export function useProducts(
  slug: string | null,
  viewer: string,
): { products: Product[] | null; reload: () => Promise<void> } {
  const [loaded, setLoaded] = useState<{ slug: string; items: Product[] | null } | null>(null);

  const reload = useCallback(async () => {
    if (!slug) return;
    try {
      const { products } = await productsApi.list(slug);
      setLoaded({ slug, items: products });
    } catch {
      setLoaded({ slug, items: null });
    }
  }, [slug]);

  useEffect(() => {
    // The team also sees archived products and sales: ask again when who is looking changes.
    void viewer;
    void reload();
  }, [reload, viewer]);

  return { products: loaded && loaded.slug === slug ? loaded.items : null, reload };
}
