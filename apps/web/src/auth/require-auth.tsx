import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { FlashState } from '../lib/flash.ts';
import { useAuth } from './auth-context.tsx';

/** Pages behind a login: while we ask who you are, a quiet placeholder; logged out, the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <div className="container page-loading" role="status">
        <span className="spinner spinner--large" aria-hidden="true" />
        <span>Loading your account…</span>
      </div>
    );
  }
  if (state.status === 'anonymous') {
    const next: FlashState = {
      from: `${location.pathname}${location.search}${location.hash}`,
      flash: { tone: 'info', text: 'Log in to continue.' },
    };
    return <Navigate to="/login" replace state={next} />;
  }
  return children;
}
