import { type ReactNode, useEffect, useRef } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useOutletContext } from 'react-router';
import { type CommunityContext, canModerate, isOwner, useCommunity } from '../community-context.ts';

/** Settings for owners and moderators: a list of sections beside the one that is open. */
export function SettingsLayout() {
  const context = useCommunity();
  const { community } = context;
  const { pathname } = useLocation();
  const navRef = useRef<HTMLElement>(null);

  // On a phone the sections scroll sideways: keep the open one in sight.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the active link moves when the route changes
  useEffect(() => {
    const nav = navRef.current;
    const active = nav?.querySelector<HTMLElement>('.settings__link.active');
    if (!nav || !active || nav.scrollWidth <= nav.clientWidth) return;
    const offset = active.getBoundingClientRect().left - nav.getBoundingClientRect().left;
    nav.scrollLeft += offset - (nav.clientWidth - active.offsetWidth) / 2;
  }, [pathname]);

  if (!canModerate(community)) {
    return (
      <div className="panel">
        <p>Only the owner and the moderators of {community.name} can change its settings.</p>
      </div>
    );
  }
  const base = `/c/${community.slug}/settings`;
  const owner = isOwner(community);
  return (
    <div className="settings">
      <nav ref={navRef} className="settings__nav" aria-label="Settings sections">
        <ul>
          {owner ? (
            <li>
              <NavLink to={base} end className="settings__link">
                Branding
              </NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to={`${base}/members`} className="settings__link">
              Members and roles
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/invites`} className="settings__link">
              Invites
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/reports`} className="settings__link">
              Reports
            </NavLink>
          </li>
          {community.kind === 'artist' || community.kind === 'expert' ? (
            <li>
              <NavLink to={`${base}/products`} className="settings__link">
                Products
              </NavLink>
            </li>
          ) : null}
          {owner ? (
            <>
              <li>
                <NavLink to={`${base}/tiers`} className="settings__link">
                  Tiers
                </NavLink>
              </li>
              <li>
                <NavLink to={`${base}/earnings`} className="settings__link">
                  Earnings
                </NavLink>
              </li>
              <li>
                <NavLink to={`${base}/audit`} className="settings__link">
                  Audit log
                </NavLink>
              </li>
              <li>
                <NavLink to={`${base}/danger`} className="settings__link settings__link--danger">
                  Danger zone
                </NavLink>
              </li>
            </>
          ) : null}
        </ul>
      </nav>
      <div className="settings__body">
        <Outlet context={context} />
      </div>
    </div>
  );
}

/** /settings itself: branding for the owner; a moderator has no branding to change. */
export function SettingsIndex({ children }: { children: ReactNode }) {
  const { community } = useOutletContext<CommunityContext>();
  if (!isOwner(community)) return <Navigate to="members" replace />;
  return children;
}

/** Sections only the owner may open. */
export function OwnerOnly({ children }: { children: ReactNode }) {
  const { community } = useOutletContext<CommunityContext>();
  if (!isOwner(community)) {
    return (
      <div className="panel">
        <p>Only the owner of {community.name} can open this section.</p>
      </div>
    );
  }
  return children;
}
