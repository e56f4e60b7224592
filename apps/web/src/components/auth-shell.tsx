import type { ReactNode } from 'react';
import { LockIcon, PersonaIcon, ShieldIcon } from './icons.tsx';

interface AuthShellProps {
  title: string;
  intro: ReactNode;
  children: ReactNode;
  footer: ReactNode;
}

/** The frame shared by sign-up and log-in: the form in a card, the promises beside it. */
export function AuthShell({ title, intro, children, footer }: AuthShellProps) {
  return (
    <div className="container auth">
      <section className="auth__card" aria-labelledby="auth-title">
        <h1 id="auth-title" className="auth__title">
          {title}
        </h1>
        <p className="auth__intro">{intro}</p>
        {children}
        <p className="auth__footer">{footer}</p>
      </section>
      <aside className="auth__aside" aria-label="What Coterie promises">
        <ul className="promise-list">
          <li>
            <PersonaIcon className="icon promise-list__icon" />
            <div>
              <strong>A private profile.</strong> No community sees it whole; each sees only what you share
              with it.
            </div>
          </li>
          <li>
            <ShieldIcon className="icon promise-list__icon" />
            <div>
              <strong>No ads, no trackers.</strong> Your email is for logging in, never for marketing.
            </div>
          </li>
          <li>
            <LockIcon className="icon promise-list__icon" />
            <div>
              <strong>Leave whenever you like.</strong> Download everything, or erase your account in two
              clicks.
            </div>
          </li>
        </ul>
      </aside>
    </div>
  );
}
