import { Link } from 'react-router';
import { useAuth } from '../auth/auth-context.tsx';
import { ArrowIcon } from '../components/icons.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { Audiences, ClosingCall, PersonaFigure, Principles, SplitExplainer } from './home-sections.tsx';

export function HomePage() {
  useDocumentTitle(null);
  const { state } = useAuth();

  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container hero__inner">
          <div className="hero__copy">
            <p className="eyebrow">Microcommunities you can run yourself</p>
            <h1 id="hero-title" className="hero__title">
              A small room for the people who <em>care</em>.
            </h1>
            <p className="hero__lead">
              Coterie gives an artist, a micro-expert or an organisation a branded space of their own: to
              gather the people who care, share music and knowledge, and earn directly. No crowd to perform
              for, no feed built to keep anyone scrolling.
            </p>
            <div className="hero__actions">
              {state.status === 'authenticated' ? (
                <>
                  <Link to="/me" className="button button--primary button--lg">
                    Edit your profile
                    <ArrowIcon className="icon icon--inline" />
                  </Link>
                  <Link to="/me/security" className="button button--secondary button--lg">
                    Security and sessions
                  </Link>
                </>
              ) : state.status === 'anonymous' ? (
                <>
                  <Link to="/signup" className="button button--primary button--lg">
                    Sign up, it’s free
                    <ArrowIcon className="icon icon--inline" />
                  </Link>
                  <Link to="/login" className="button button--secondary button--lg">
                    Log in
                  </Link>
                </>
              ) : (
                <span className="hero__actions-placeholder" aria-hidden="true" />
              )}
            </div>
            {state.status === 'authenticated' ? (
              <p className="hero__note">
                Welcome back, <strong>{state.me.displayName}</strong>.
              </p>
            ) : (
              <p className="hero__note">The artist keeps at least 80 % of every payment. No ads, ever.</p>
            )}
          </div>
          <PersonaFigure />
        </div>
      </section>

      <Principles />
      <SplitExplainer />
      <Audiences />
      <ClosingCall signedIn={state.status === 'authenticated'} />
    </>
  );
}
