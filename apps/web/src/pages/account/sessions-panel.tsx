import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { accountApi, type SessionInfo } from '../../api/account.ts';
import { ApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { Button, type Notice, StatusMessage } from '../../components/feedback.tsx';
import { DeviceIcon } from '../../components/icons.tsx';
import type { FlashState } from '../../lib/flash.ts';
import { describeUserAgent, formatDateTime, formatRelative } from '../../lib/format.ts';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; items: SessionInfo[] };

export function SessionsPanel({ reloadKey }: { reloadKey: number }) {
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [pending, setPending] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const refresh = useCallback(async () => {
    try {
      const { items } = await accountApi.sessions();
      setLoad({ status: 'ready', items });
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'Could not load your sessions.',
      });
    }
  }, []);

  useEffect(() => {
    void reloadKey;
    void refresh();
  }, [refresh, reloadKey]);

  const leave = (text: string) =>
    navigate('/', { state: { flash: { tone: 'success', text } } satisfies FlashState });

  async function logOutSession(session: SessionInfo) {
    setPending(session.id);
    setNotice(null);
    try {
      if (session.current) {
        await signOut({ afterLogout: () => leave('You are logged out.') });
        return;
      }
      await accountApi.revokeSession(session.id);
      setNotice({ tone: 'success', text: `${describeUserAgent(session.userAgent)} was logged out.` });
      await refresh();
    } catch (error) {
      setNotice({
        tone: 'error',
        text: error instanceof ApiError ? error.message : 'That did not work. Try again.',
      });
    } finally {
      setPending(null);
    }
  }

  async function logOutEverywhere() {
    setPending('everywhere');
    setNotice(null);
    try {
      await signOut({ everywhere: true, afterLogout: () => leave('You are logged out on every device.') });
    } catch (error) {
      setNotice({
        tone: 'error',
        text: error instanceof ApiError ? error.message : 'That did not work. Try again.',
      });
      setPending(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="sessions-title">
      <div className="panel__header panel__header--split">
        <div>
          <h2 id="sessions-title" className="panel__title">
            Where you are logged in
          </h2>
          <p className="panel__lead">
            If you do not recognise a device, log it out and change your password.
          </p>
        </div>
        <Button
          variant="danger"
          size="sm"
          onClick={logOutEverywhere}
          busy={pending === 'everywhere'}
          busyLabel="Logging out…"
          disabled={pending !== null}
        >
          Log out everywhere
        </Button>
      </div>
      {load.status === 'loading' ? (
        <p className="sessions__state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading your sessions…
        </p>
      ) : load.status === 'failed' ? (
        <div className="sessions__state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void refresh()}>
            Try again
          </Button>
        </div>
      ) : (
        <ul className="sessions" aria-label="Sessions">
          {load.items.map((session) => (
            <li key={session.id} className={session.current ? 'session session--current' : 'session'}>
              <DeviceIcon className="icon session__icon" />
              <div className="session__body">
                <p className="session__device">
                  {describeUserAgent(session.userAgent)}
                  {session.current ? <span className="badge">This device</span> : null}
                </p>
                <p className="session__meta">
                  Logged in <time dateTime={session.createdAt}>{formatDateTime(session.createdAt)}</time>
                  <span aria-hidden="true"> · </span>
                  <span className="session__seen">
                    last seen <time dateTime={session.lastSeenAt}>{formatRelative(session.lastSeenAt)}</time>
                  </span>
                </p>
                {session.userAgent ? <p className="session__agent">{session.userAgent}</p> : null}
              </div>
              <Button
                variant="secondary"
                size="sm"
                className="session__action"
                onClick={() => void logOutSession(session)}
                busy={pending === session.id}
                busyLabel="Logging out…"
                disabled={pending !== null}
                aria-label={
                  session.current
                    ? 'Log out this device'
                    : `Log out ${describeUserAgent(session.userAgent)}, logged in ${formatDateTime(session.createdAt)}`
                }
              >
                Log out
              </Button>
            </li>
          ))}
        </ul>
      )}
      <StatusMessage notice={notice} />
    </section>
  );
}
