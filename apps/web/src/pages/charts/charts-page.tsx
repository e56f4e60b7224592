import { Link } from 'react-router';
import { useAuth } from '../../auth/auth-context.tsx';
import { ChartBoard } from '../../charts/chart-board.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

/** /charts: Rising, the instance-wide weekly chart of emerging artists. */
export function ChartsPage() {
  useDocumentTitle('Rising · Charts');
  const { state } = useAuth();
  return (
    <div className="container charts-page">
      <header className="charts-page__header">
        <p className="eyebrow">Charts</p>
        <h1 className="charts-page__title">Rising</h1>
        <p className="charts-page__lead">
          Emerging artists across every community here, ranked each week by how many people listened for 30
          seconds, downloaded, bought or picked them. One voice per person, track and kind of support; the
          artist’s own team never counts, and brand-new accounts count half.
        </p>
      </header>
      <ChartBoard source={{ kind: 'rising' }} />
      <p className="charts-page__foot">
        Each community with music has a chart of its own too, from its members’ support: open its{' '}
        <strong>Chart</strong> tab. Looking for music through people rather than numbers?{' '}
        <Link to="/discover">Discover</Link> ranks what the people you trust picked.
        {state.status === 'authenticated' && state.me.isAdmin ? (
          <>
            {' '}
            As an instance admin, <Link to="/admin/charts">review the flags</Link>.
          </>
        ) : null}
      </p>
    </div>
  );
}
