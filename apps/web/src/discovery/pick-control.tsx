import { useId, useRef, useState } from 'react';
import type { Track } from '../api/music.ts';
import { useAnnounce } from '../components/announcer.tsx';
import { Dialog } from '../components/dialog.tsx';
import { Button } from '../components/feedback.tsx';
import { CheckIcon, PickIcon } from '../components/icons.tsx';
import { myPickOf, useDiscovery } from './discovery-store.ts';
import { PickForm, type PickOutcome, pickMessage } from './pick-form.tsx';

/**
 * The Pick button: opens a small form under it for an optional note; once picked it reads
 * "Picked", and opens the same form to edit the note or remove the pick. Only for people logged in
 * (and only for tracks that can be played: a pick is something to listen to).
 */
export function PickControl({
  track,
  size = 'sm',
  className,
}: {
  track: Track;
  size?: 'sm' | 'md';
  className?: string;
}) {
  const discovery = useDiscovery('picks');
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const formId = useId();
  if (!discovery.userId || track.status !== 'ready') return null;
  const pick = myPickOf(discovery, track.id);

  function close(outcome?: PickOutcome) {
    setOpen(false);
    if (outcome) announce(pickMessage(track, outcome));
    // Back to the button that opened the form, which now says what happened.
    requestAnimationFrame(() => buttonRef.current?.focus());
  }

  return (
    <div
      className={['pick-control', open ? 'pick-control--open' : '', className ?? '']
        .filter(Boolean)
        .join(' ')}
    >
      <Button
        ref={buttonRef}
        variant="secondary"
        size={size}
        className={pick ? 'pick-button pick-button--picked' : 'pick-button'}
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        aria-label={pick ? `Picked ${track.title}: edit your note` : `Pick ${track.title}`}
        disabled={pick === undefined}
        onClick={() => setOpen((now) => !now)}
      >
        {pick ? <CheckIcon className="icon icon--inline" /> : <PickIcon className="icon icon--inline" />}
        {pick ? 'Picked' : 'Pick'}
      </Button>
      {open && pick !== undefined ? (
        <div id={formId} className="pick-control__panel">
          <PickForm track={track} pick={pick} onDone={close} onCancel={() => close()} />
        </div>
      ) : null}
    </div>
  );
}

/** The same form in a dialog, for places with no room below a button (track-row menus, the player bar). */
export function PickDialog({ track, open, onClose }: { track: Track; open: boolean; onClose: () => void }) {
  const discovery = useDiscovery('picks');
  const announce = useAnnounce();
  const pick = myPickOf(discovery, track.id);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={pick ? `Your pick: ${track.title}` : `Pick ${track.title}`}
      description={`${track.artist} · ${track.communityName}`}
      className="dialog--small"
    >
      {pick === undefined ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading your picks…
        </p>
      ) : (
        <PickForm
          track={track}
          pick={pick}
          onDone={(outcome) => {
            announce(pickMessage(track, outcome));
            onClose();
          }}
          onCancel={onClose}
        />
      )}
    </Dialog>
  );
}

/** Pick what is playing, from the player bar: a round button like its neighbours, the form in a dialog. */
export function PlayerPickButton({ track }: { track: Track }) {
  const discovery = useDiscovery('picks');
  const [open, setOpen] = useState(false);
  if (!discovery.userId || track.status !== 'ready') return null;
  const pick = myPickOf(discovery, track.id);
  const label = pick ? `Picked ${track.title}: edit your note` : `Pick ${track.title}`;
  return (
    <>
      <button
        type="button"
        className={pick ? 'player__button player__button--picked' : 'player__button'}
        onClick={() => setOpen(true)}
        disabled={pick === undefined}
        aria-haspopup="dialog"
        aria-label={label}
        title={pick ? 'Picked: edit your note' : 'Pick this track'}
      >
        <PickIcon className="icon" />
      </button>
      <PickDialog track={track} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
