import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../../auth/auth-context.tsx';
import { Monogram } from '../../components/wordmark.tsx';
import { formatDate } from '../../lib/format.ts';

/** The frame of /me: who you are, and tabs for profile, security and data. */
export function AccountLayout() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status !== 'authenticated') return null;
  const { me } = state;
  return (
    <div className="container account">
      <header className="account__header">
        <Monogram name={me.displayName} size="lg" />
        <div className="account__who">
          <p className="eyebrow">Your account</p>
          <p className="account__name">{me.displayName}</p>
          <p className="account__meta">
            {me.email} · member since {formatDate(me.createdAt)}
          </p>
        </div>
      </header>
      <nav className="tabs" aria-label="Account sections">
        <NavLink to="/me" end className="tabs__link">
          Profile
        </NavLink>
        <NavLink to="/me/communities" className="tabs__link">
          Communities
        </NavLink>
        <NavLink
          to="/me/subscriptions"
          className={({ isActive }) =>
            isActive || location.pathname.startsWith('/me/receipts/') ? 'tabs__link active' : 'tabs__link'
          }
        >
          Subscriptions &amp; purchases
        </NavLink>
        <NavLink to="/me/security" className="tabs__link">
          Security
        </NavLink>
        <NavLink to="/me/data" className="tabs__link">
          Your data
        </NavLink>
      </nav>
      <div className="account__body">
        <Outlet />
      </div>
    </div>
  );
}
