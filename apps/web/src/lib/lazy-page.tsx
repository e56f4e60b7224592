import { type ComponentType, lazy, Suspense } from 'react';

/**
 * A page loaded on first visit. The fallback is empty on purpose: chunks are small and local, and
 * a spinner flashing for 50 ms is worse than nothing.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ComponentType {
  const Page: ComponentType = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return function LazyPage() {
    return (
      <Suspense fallback={null}>
        <Page />
      </Suspense>
    );
  };
}
