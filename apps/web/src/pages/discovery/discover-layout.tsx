import { NavLink, Outlet } from 'react-router';
import { useDiscovery } from '../../discovery/discovery-store.ts';

/** The frame of /discover: what it is, and tabs for the feed, my micro-elite and my own picks. */
export function DiscoverLayout() {
  const discovery = useDiscovery('trust');
  const trust = discovery.trust;
  return (
    <div className="container discovery">
      <header className="discovery__header">
        <p className="eyebrow">Discover</p>
        <h1 className="discovery__title">Music, through people you trust</h1>
        <p className="discovery__lead">
          No charts and no ads: tracks your micro-elite picked and played, the well-known discounted, and the
          reason each one is here.
        </p>
      </header>
      <nav className="tabs" aria-label="Discover sections">
        <NavLink to="/discover" end className="tabs__link">
          For you
        </NavLink>
        <NavLink to="/discover/micro-elite" className="tabs__link">
          Your micro-elite
          {trust ? (
            <span className="tabs__count">
              <span className="visually-hidden">: </span>
              {trust.curators.length}
              <span className="visually-hidden"> of {trust.limit}</span>
            </span>
          ) : null}
        </NavLink>
        <NavLink to="/discover/curating" className="tabs__link">
          Your picks
        </NavLink>
      </nav>
      <div className="discovery__body">
        <Outlet />
      </div>
    </div>
  );
}
