import { ChartBoard } from '../../../charts/chart-board.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCommunity } from '../community-context.ts';

/** /c/:slug/chart: the community's own weekly chart, from its members' support. */
export function CommunityChart() {
  const { community } = useCommunity();
  useDocumentTitle(`Chart · ${community.name}`);
  return (
    <div className="community-chart">
      <header className="section-intro">
        <h2 className="section-intro__title">Chart</h2>
        <p className="section-intro__lead">
          {community.name}’s tracks, ranked each week by its members: a listen of 30 seconds, a download, a
          purchase or a pick, one of each per person. The team’s own plays never count.
        </p>
      </header>
      <ChartBoard source={{ kind: 'community', slug: community.slug, name: community.name }} />
    </div>
  );
}
