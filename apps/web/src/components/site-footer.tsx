import { Link } from 'react-router';
import { useAuth } from '../auth/auth-context.tsx';
import { Mark } from './wordmark.tsx';

export function SiteFooter() {
  const { state } = useAuth();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <div className="site-footer__brand">
          <Mark className="mark mark--small" />
          <p>
            <strong>Coterie</strong>: small communities, fairly run.
            <br />
            No ads. No trackers. Your data is yours to take and to erase.
          </p>
        </div>
        <nav aria-label="Footer" className="site-footer__nav">
          <ul>
            <li>
              <Link to="/">About Coterie</Link>
            </li>
            <li>
              <Link to="/communities">Communities</Link>
            </li>
            {state.status === 'authenticated' ? (
              <>
                <li>
                  <Link to="/me">Your profile</Link>
                </li>
                <li>
                  <Link to="/me/communities">Your communities</Link>
                </li>
                <li>
                  <Link to="/me/data">Your data</Link>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link to="/signup">Sign up</Link>
                </li>
                <li>
                  <Link to="/login">Log in</Link>
                </li>
              </>
            )}
            <li>
              <a href="/api/openapi.json">API</a>
            </li>
          </ul>
        </nav>
      </div>
      <div className="container site-footer__legal">
        <p>Free software under the AGPL-3.0. Self-host it, read it, change it.</p>
      </div>
    </footer>
  );
}
