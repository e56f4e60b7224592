import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { accountApi, type Profile } from '../api/account.ts';
import { UNAUTHENTICATED_EVENT } from '../api/client.ts';

export type AuthState =
  | { status: 'loading'; me: null }
  | { status: 'anonymous'; me: null }
  | { status: 'authenticated'; me: Profile };

export interface Auth {
  state: AuthState;
  /** After register or login: the server has set the cookie and sent the profile. */
  signedIn(profile: Profile): void;
  /** The profile changed (edited, email changed). */
  updateMe(profile: Profile): void;
  /**
   * Ends this session (or all of them) on the server, then forgets the profile. `afterLogout` runs just
   * before, so a navigation away from a page behind login renders together with the change.
   */
  signOut(options?: { everywhere?: boolean; afterLogout?: () => void }): Promise<void>;
  /** The session is already gone (account deleted, session revoked): just forget it. */
  forget(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading', me: null });

  const forget = useCallback(() => {
    setState({ status: 'anonymous', me: null });
  }, []);

  useEffect(() => {
    let cancelled = false;
    // The session cookie is HttpOnly: only the server can say whether this browser is logged in.
    accountApi.session().then(
      ({ user }) => {
        if (!cancelled)
          setState(user ? { status: 'authenticated', me: user } : { status: 'anonymous', me: null });
      },
      () => {
        if (!cancelled) setState({ status: 'anonymous', me: null });
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    window.addEventListener(UNAUTHENTICATED_EVENT, forget);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, forget);
  }, [forget]);

  const signedIn = useCallback((me: Profile) => {
    setState({ status: 'authenticated', me });
  }, []);

  const updateMe = useCallback((me: Profile) => setState({ status: 'authenticated', me }), []);

  const signOut = useCallback(
    async ({ everywhere = false, afterLogout }: { everywhere?: boolean; afterLogout?: () => void } = {}) => {
      await accountApi.logout(everywhere);
      afterLogout?.();
      forget();
    },
    [forget],
  );

  const value = useMemo<Auth>(
    () => ({ state, signedIn, updateMe, signOut, forget }),
    [state, signedIn, updateMe, signOut, forget],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>.');
  return auth;
}
