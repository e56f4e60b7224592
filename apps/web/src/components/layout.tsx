import { useEffect, useRef, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { readFlashState } from '../lib/flash.ts';
import { PlayerBar } from '../player/player-bar.tsx';
import { PlayerProvider } from '../player/player-context.tsx';
import { Announcer } from './announcer.tsx';
import { type Notice, StatusMessage } from './feedback.tsx';
import { SiteFooter } from './site-footer.tsx';
import { SiteHeader } from './site-header.tsx';

const section = (pathname: string) => pathname.split('/')[1] ?? '';

export function Layout() {
  const location = useLocation();
  const navigate = useNavigate();
  const mainRef = useRef<HTMLElement>(null);
  const [flash, setFlash] = useState<{ path: string; notice: Notice } | null>(null);
  const previousSection = useRef<string | null>(null);

  // A flash is shown once: it is taken out of the history entry so a reload does not repeat it.
  useEffect(() => {
    const { flash: incoming, ...rest } = readFlashState(location.state);
    if (incoming) {
      setFlash({ path: location.pathname, notice: incoming });
      navigate(
        { pathname: location.pathname, search: location.search, hash: location.hash },
        { replace: true, state: Object.keys(rest).length > 0 ? rest : null },
      );
    } else {
      setFlash((current) => (current && current.path === location.pathname ? current : null));
    }
  }, [location, navigate]);

  // On a move to another part of the site, start reading (and tabbing) from the new content, as
  // a full page load would; moving between tabs of one page keeps focus on the tab.
  useEffect(() => {
    const current = section(location.pathname);
    if (previousSection.current !== null && previousSection.current !== current) {
      window.scrollTo(0, 0);
      mainRef.current?.focus({ preventScroll: true });
    }
    previousSection.current = current;
  }, [location.pathname]);

  // The player sits above the routes: what plays keeps playing from page to page. One announcer
  // for pages outside a community (Discover, a curator's profile) and the player bar; community
  // pages keep their own.
  return (
    <PlayerProvider>
      <Announcer>
        <div className="app-shell">
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          <SiteHeader />
          <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
            {/* Always in the page, so screen readers announce a message when it arrives. */}
            <div className={flash ? 'container flash' : 'container flash flash--empty'}>
              <StatusMessage notice={flash?.notice ?? null} />
            </div>
            <Outlet />
          </main>
          <SiteFooter />
        </div>
        <PlayerBar />
      </Announcer>
    </PlayerProvider>
  );
}
