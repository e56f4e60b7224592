import { useState } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context.tsx';
import type { FlashState } from '../lib/flash.ts';
import { Button } from './feedback.tsx';
import { Monogram, Wordmark } from './wordmark.tsx';

export function SiteHeader() {
  const { state, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);

  async function logOut() {
    setBusy(true);
    try {
      await signOut({
        afterLogout: () =>
          navigate('/', {
            state: { flash: { tone: 'success', text: 'You are logged out.' } } satisfies FlashState,
          }),
      });
    } catch {
      // Stay on this page, and say why nothing changed.
      navigate(`${location.pathname}${location.search}`, {
        replace: true,
        state: {
          flash: { tone: 'error', text: 'Logging out failed. Check your connection and try again.' },
        } satisfies FlashState,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <header className="site-header">
      <div className="site-header__inner container">
        <Link to="/" className="site-header__brand" aria-label="Coterie, home">
          <Wordmark />
        </Link>
        <nav className="site-nav" aria-label="Main">
          <NavLink to="/communities" className="site-nav__link">
            Communities
          </NavLink>
          <NavLink to="/charts" className="site-nav__link">
            Charts
          </NavLink>
          {state.status === 'authenticated' ? (
            <>
              <NavLink to="/discover" className="site-nav__link site-nav__link--discover">
                Discover
              </NavLink>
              {/* On a phone this link gives way; the account tabs and the Communities page lead there too. */}
              <NavLink to="/me/communities" className="site-nav__link site-nav__link--wide">
                Your communities
              </NavLink>
              <NavLink to="/me" className="site-nav__person" title="Your profile">
                <Monogram name={state.me.displayName} size="sm" />
                <span className="site-nav__name">{state.me.displayName}</span>
                <span className="visually-hidden">: your profile</span>
              </NavLink>
              <Button variant="ghost" size="sm" onClick={logOut} busy={busy} busyLabel="Logging out…">
                Log out
              </Button>
            </>
          ) : state.status === 'anonymous' ? (
            <>
              <NavLink to="/login" className="site-nav__link">
                Log in
              </NavLink>
              <NavLink to="/signup" className="button button--primary button--sm">
                Sign up
              </NavLink>
            </>
          ) : (
            <span className="site-nav__placeholder" aria-hidden="true" />
          )}
        </nav>
      </div>
    </header>
  );
}
