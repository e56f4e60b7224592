import { useCallback } from 'react';
import { Link } from 'react-router';
import { communitiesApi } from '../../../api/communities.ts';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { LoadMore } from '../../../components/load-more.tsx';
import { auditDetail, auditWords } from '../../../lib/community-meta.ts';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCommunity } from '../community-context.ts';
import { usePaged } from '../use-paged.ts';

/** Who did what, newest first: joins, removals, bans, role changes, invites, settings. */
export function AuditLog() {
  const { community } = useCommunity();
  useDocumentTitle(`Audit log · ${community.name}`);
  const fetchPage = useCallback(
    (cursor: string | null) => communitiesApi.audit(community.slug, cursor),
    [community.slug],
  );
  const { state, reload, loadMore } = usePaged(fetchPage, 'The audit log could not be loaded.');

  return (
    <section className="panel" aria-labelledby="audit-title">
      <div className="panel__header panel__header--split">
        <div>
          <h2 id="audit-title" className="panel__title">
            Audit log
          </h2>
          <p className="panel__lead">
            Everything done to {community.name} and its members, by whom and when. Only you, the owner, see
            it.
          </p>
        </div>
        <Button variant="secondary" size="sm" onClick={() => void reload()}>
          Refresh
        </Button>
      </div>
      {state.status === 'loading' ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the log…
        </p>
      ) : state.status === 'failed' ? (
        <div className="muted-state">
          <StatusMessage notice={{ tone: 'error', text: state.message }} />
          <Button variant="secondary" size="sm" onClick={() => void reload()}>
            Try again
          </Button>
        </div>
      ) : state.items.length === 0 ? (
        <p className="empty-line">Nothing has happened yet.</p>
      ) : (
        <>
          <ol className="audit" aria-label="Audit entries, newest first">
            {state.items.map((entry) => {
              const details = auditDetail(entry.action, entry.detail);
              return (
                <li key={entry.id} className="audit__entry">
                  <span className="audit__dot" aria-hidden="true" />
                  <div className="audit__body">
                    <p className="audit__line">
                      <strong>{entry.actor?.handle ? `@${entry.actor.handle}` : 'A former member'}</strong>{' '}
                      {auditWords(entry.action)}
                      {entry.target ? (
                        <>
                          {' '}
                          <strong>
                            {entry.target.handle ? `@${entry.target.handle}` : 'a former member'}
                          </strong>
                        </>
                      ) : null}
                    </p>
                    {details.length > 0 ? (
                      <ul className="audit__details">
                        {details.map((detail) => (
                          <li key={detail} className="chip">
                            {detail}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    <p className="audit__time">
                      <time dateTime={entry.createdAt} title={formatDateTime(entry.createdAt)}>
                        {formatRelative(entry.createdAt)}
                      </time>
                      {typeof entry.detail.postId === 'string' && entry.action !== 'post.deleted' ? (
                        <>
                          {' · '}
                          <Link to={`/c/${community.slug}/p/${encodeURIComponent(entry.detail.postId)}`}>
                            Open the post
                          </Link>
                        </>
                      ) : null}
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
          {state.nextCursor ? (
            <LoadMore label="Load older entries" busy={state.loadingMore} onLoad={loadMore} />
          ) : null}
          <StatusMessage notice={state.moreError ? { tone: 'error', text: state.moreError } : null} />
        </>
      )}
    </section>
  );
}
