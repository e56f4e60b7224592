import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { CuratorRef } from '../api/discovery.ts';
import { useAnnounce } from '../components/announcer.tsx';
import { Button } from '../components/feedback.tsx';
import { CheckIcon, TrustIcon } from '../components/icons.tsx';
import { discoveryStore, trusts, useDiscovery } from './discovery-store.ts';

export const MICRO_ELITE_PATH = '/discover/micro-elite';

/**
 * Trust a curator, from wherever their name appears. Trusted, it becomes a quiet "You trust" mark
 * (with a Stop trusting button where that belongs, as on their profile). A full micro-elite gets
 * the server's own sentence, in red, with the way to make room.
 */
export function TrustButton({
  curator,
  withUntrust = false,
  showHandle = false,
  onChange,
}: {
  curator: CuratorRef;
  /** Offer "Stop trusting" once trusted. */
  withUntrust?: boolean;
  /** "Trust @ana" instead of "Trust", where the handle is not written right next to it. */
  showHandle?: boolean;
  onChange?: (trusted: boolean) => void;
}) {
  const discovery = useDiscovery('trust', 'me');
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; full: boolean } | null>(null);
  const focusNext = useRef<'mark' | 'button' | null>(null);
  const markRef = useRef<HTMLElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const trusted = trusts(discovery, curator.id);
  const { pathname } = useLocation();

  // The control that was pressed is replaced by its opposite: focus follows to it.
  useEffect(() => {
    // (The mark, not Stop trusting: a second press of Enter must not undo what the first did.)
    if (focusNext.current === 'mark') markRef.current?.focus();
    else if (focusNext.current === 'button') buttonRef.current?.focus();
    focusNext.current = null;
  });

  if (!discovery.userId || discovery.me?.id === curator.id) return null;
  const handle = `@${curator.handle}`;

  async function trust() {
    setBusy(true);
    setError(null);
    try {
      await discoveryStore.trust(curator);
      focusNext.current = 'mark';
      announce(`You now trust ${handle}. Their picks shape your Discover page.`);
      onChange?.(true);
    } catch (failure) {
      const full = failure instanceof ApiError && failure.code === 'trust_limit';
      setError({
        text: failure instanceof ApiError ? failure.message : `${handle} could not be trusted. Try again.`,
        full,
      });
    } finally {
      setBusy(false);
    }
  }

  async function untrust() {
    setBusy(true);
    setError(null);
    try {
      await discoveryStore.untrust(curator.id);
      focusNext.current = 'button';
      announce(`You no longer trust ${handle}.`);
      onChange?.(false);
    } catch (failure) {
      setError({
        text: failure instanceof ApiError ? failure.message : 'That did not work. Try again.',
        full: false,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="trust-control">
      {trusted ? (
        <>
          <span ref={markRef} className="trust-mark" tabIndex={-1}>
            <CheckIcon className="icon icon--inline" />
            You trust {showHandle || !withUntrust ? handle : 'them'}
          </span>
          {withUntrust ? (
            <Button
              ref={buttonRef}
              variant="ghost"
              size="sm"
              onClick={() => void untrust()}
              busy={busy}
              busyLabel="Stopping…"
              aria-label={`Stop trusting ${handle}`}
            >
              Stop trusting
            </Button>
          ) : null}
        </>
      ) : (
        <Button
          ref={buttonRef}
          variant="secondary"
          size="sm"
          className="trust-button"
          onClick={() => void trust()}
          busy={busy}
          busyLabel="Trusting…"
          disabled={trusted === undefined}
          aria-label={showHandle ? undefined : `Trust ${handle}`}
        >
          <TrustIcon className="icon icon--inline" />
          {showHandle ? `Trust ${handle}` : 'Trust'}
        </Button>
      )}
      {error ? (
        <span className="trust-error" role="alert">
          {error.text}
          {error.full && pathname !== MICRO_ELITE_PATH ? (
            <>
              {' '}
              <Link to={MICRO_ELITE_PATH}>See whom you trust</Link>
            </>
          ) : null}
        </span>
      ) : null}
    </span>
  );
}
