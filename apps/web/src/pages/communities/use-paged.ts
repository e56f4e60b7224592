import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { Page } from '../../api/communities.ts';

export type Paged<T> =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | {
      status: 'ready';
      items: T[];
      nextCursor: string | null;
      loadingMore: boolean;
      moreError: string | null;
    };

/**
 * A cursor-paged list: the first page on mount (and on reload), then "Load more". A reload keeps
 * showing the old items until the new ones arrive, so actions do not make the list flicker.
 */
export function usePaged<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  failure: string,
): { state: Paged<T>; reload: () => Promise<void>; loadMore: () => Promise<void> } {
  const [state, setState] = useState<Paged<T>>({ status: 'loading' });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const id = ++generation.current;
    try {
      const page = await fetchPage(null);
      if (id === generation.current)
        setState({ status: 'ready', ...page, loadingMore: false, moreError: null });
    } catch (error) {
      if (id === generation.current)
        setState({ status: 'failed', message: error instanceof ApiError ? error.message : failure });
    }
  }, [fetchPage, failure]);

  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || !state.nextCursor || state.loadingMore) return;
    const id = generation.current;
    setState({ ...state, loadingMore: true, moreError: null });
    try {
      const page = await fetchPage(state.nextCursor);
      if (id !== generation.current) return;
      setState({
        status: 'ready',
        items: [...state.items, ...page.items],
        nextCursor: page.nextCursor,
        loadingMore: false,
        moreError: null,
      });
    } catch (error) {
      if (id !== generation.current) return;
      setState({
        ...state,
        loadingMore: false,
        moreError: error instanceof ApiError ? error.message : 'More could not be loaded.',
      });
    }
  }, [state, fetchPage]);

  return { state, reload, loadMore };
}
