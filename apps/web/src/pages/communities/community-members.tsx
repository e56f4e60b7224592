import { useCallback } from 'react';
import { communitiesApi, type Membership } from '../../api/communities.ts';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PersonaCard } from '../../components/persona-card.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useCommunity } from './community-context.ts';
import { usePaged } from './use-paged.ts';

/** The member directory: every member as a persona, each showing only what they shared here. */
export function CommunityMembers() {
  const { community } = useCommunity();
  useDocumentTitle(`Members of ${community.name}`);
  if (!community.myMembership) {
    return (
      <div className="panel">
        <p>Only members see who else is here. Join to see the directory.</p>
      </div>
    );
  }
  return <MemberDirectory me={community.myMembership} />;
}

function MemberDirectory({ me }: { me: Membership }) {
  const { community } = useCommunity();
  const fetchPage = useCallback(
    (cursor: string | null) => communitiesApi.members(community.slug, cursor),
    [community.slug],
  );
  const { state, reload, loadMore } = usePaged(fetchPage, 'The members could not be loaded.');

  return (
    <section aria-labelledby="members-title" className="panel-stack">
      <div className="section-intro">
        <h2 id="members-title" className="section-intro__title">
          Members
        </h2>
        <p className="section-intro__lead">
          {community.memberCount} {community.memberCount === 1 ? 'person' : 'people'}, each under the handle
          they chose for {community.name} and with only the fields they decided to share.
        </p>
      </div>
      {state.status === 'loading' ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading members…
        </p>
      ) : state.status === 'failed' ? (
        <div className="muted-state">
          <StatusMessage notice={{ tone: 'error', text: state.message }} />
          <Button variant="secondary" size="sm" onClick={() => void reload()}>
            Try again
          </Button>
        </div>
      ) : (
        <>
          <ul className="persona-grid" aria-label="Member directory">
            {state.items.map((persona) => (
              <li key={persona.id}>
                <PersonaCard persona={persona} isMe={persona.id === me.id || persona.handle === me.handle} />
              </li>
            ))}
          </ul>
          {state.nextCursor ? (
            <LoadMore label="Load more members" busy={state.loadingMore} onLoad={loadMore} />
          ) : null}
          <StatusMessage notice={state.moreError ? { tone: 'error', text: state.moreError } : null} />
        </>
      )}
    </section>
  );
}
