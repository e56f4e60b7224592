import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type CuratorSuggestion, curatorPath, discoveryApi } from '../../api/discovery.ts';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { Monogram } from '../../components/wordmark.tsx';
import { TrustButton } from '../../discovery/trust-button.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; suggestions: CuratorSuggestion[] };

/** Picks and notes, counted: "12 picks". */
export const pickCountText = (count: number) => `${count} ${count === 1 ? 'pick' : 'picks'}`;

/**
 * Curators whose taste overlaps mine, each with the reason, a few tracks we share and a Trust
 * button. Never "the most trusted overall": that would be popularity again.
 */
export function CuratorSuggestions({
  limit = 6,
  headingLevel = 3,
  emptyText,
}: {
  limit?: number;
  headingLevel?: 3 | 4;
  emptyText: string;
}) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const fetchSuggestions = useCallback(async () => {
    try {
      const { curators } = await discoveryApi.suggestions(limit);
      setLoad({ status: 'ready', suggestions: curators });
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'Suggestions could not be loaded.',
      });
    }
  }, [limit]);

  useEffect(() => {
    void fetchSuggestions();
  }, [fetchSuggestions]);

  if (load.status === 'loading') {
    return (
      <p className="muted-state" role="status">
        <span className="spinner" aria-hidden="true" /> Looking for people whose taste overlaps yours…
      </p>
    );
  }
  if (load.status === 'failed') {
    return (
      <div className="muted-state">
        <StatusMessage notice={{ tone: 'error', text: load.message }} />
        <Button variant="secondary" size="sm" onClick={() => void fetchSuggestions()}>
          Try again
        </Button>
      </div>
    );
  }
  if (load.suggestions.length === 0) return <p className="empty-line">{emptyText}</p>;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ul className="curator-grid" aria-label="Suggested curators">
      {load.suggestions.map(({ curator, reason, sample }) => (
        <li key={curator.id} className="curator-card">
          <div className="curator-card__top">
            <Monogram name={curator.handle} size="md" />
            <div className="curator-card__who">
              <Heading className="curator-card__handle">
                <Link to={curatorPath(curator.handle)}>@{curator.handle}</Link>
              </Heading>
              <p className="curator-card__count">{pickCountText(curator.pickCount)}</p>
            </div>
          </div>
          <p className="curator-card__reason">{reason}</p>
          {curator.bio ? <p className="curator-card__bio">{curator.bio}</p> : null}
          {sample.length > 0 ? (
            <p className="curator-card__sample">
              <span className="curator-card__sample-label">In common: </span>
              {sample.map((s, i) => (
                <span key={s.id}>
                  {i > 0 ? ', ' : ''}“{s.title}”
                </span>
              ))}
            </p>
          ) : null}
          <div className="curator-card__actions">
            <TrustButton curator={curator} />
          </div>
        </li>
      ))}
    </ul>
  );
}
