import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { NOTE_MAX, type Pick } from '../api/discovery.ts';
import type { Track } from '../api/music.ts';
import { Button, StatusMessage } from '../components/feedback.tsx';
import { discoveryStore, useDiscovery } from './discovery-store.ts';

/** Characters as the server counts them: an emoji is one, not two. */
const lengthOf = (text: string) => [...text.trim()].length;

/** Below this many characters left, the counter is also spoken. */
const SPEAK_BELOW = 21;

export type PickOutcome = { kind: 'picked' | 'edited'; pick: Pick } | { kind: 'removed' };

/**
 * The note that goes with a pick: an optional "why", at most 280 characters, with a counter that
 * follows the typing (and speaks up near the limit). Saving picks the track, or edits the note of
 * a pick made before; a pick made before can also be removed here.
 */
export function PickForm({
  track,
  pick,
  onDone,
  onCancel,
}: {
  track: Track;
  /** My pick of this track, if I made one. */
  pick: Pick | null;
  onDone: (outcome: PickOutcome) => void;
  onCancel: () => void;
}) {
  const discovery = useDiscovery('me');
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState(pick?.note ?? '');
  const [busy, setBusy] = useState<'save' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const count = lengthOf(note);
  const left = NOTE_MAX - count;
  const over = left < 0;

  useEffect(() => {
    const text = textRef.current;
    if (!text) return;
    text.focus();
    // Editing: the caret goes after the note, not before it.
    text.setSelectionRange(text.value.length, text.value.length);
  }, []);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (over) {
      setError(`The note is ${-left} ${-left === 1 ? 'character' : 'characters'} too long.`);
      textRef.current?.focus();
      return;
    }
    setBusy('save');
    setError(null);
    try {
      const { pick: saved, created } = await discoveryStore.pick(track, note.trim());
      onDone({ kind: created ? 'picked' : 'edited', pick: saved });
    } catch (failure) {
      setBusy(null);
      setError(failure instanceof ApiError ? failure.message : 'The pick could not be saved. Try again.');
    }
  }

  async function remove() {
    if (!pick) return;
    setBusy('remove');
    setError(null);
    try {
      await discoveryStore.unpick(pick);
      onDone({ kind: 'removed' });
    } catch (failure) {
      setBusy(null);
      setError(failure instanceof ApiError ? failure.message : 'The pick could not be removed. Try again.');
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Escape' && !busy) {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  }

  const counterClass = over
    ? 'pick-form__count pick-form__count--over'
    : left < SPEAK_BELOW
      ? 'pick-form__count pick-form__count--near'
      : 'pick-form__count';

  return (
    <form className="pick-form" onSubmit={save} onKeyDown={onKeyDown} aria-label={`Pick ${track.title}`}>
      <label className="field__label" htmlFor={`${id}-note`}>
        Why this track?<span className="field__optional"> (optional)</span>
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {discovery.me === null ? (
          <>
            Your picks stay private until you <Link to="/discover/curating">share them as a curator</Link>.
          </>
        ) : (
          'People who trust you read it next to the track.'
        )}
      </p>
      <textarea
        ref={textRef}
        id={`${id}-note`}
        className="input input--textarea pick-form__note"
        rows={3}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        aria-describedby={`${id}-hint ${id}-count`}
        aria-invalid={over || undefined}
        placeholder="The bass line in the second verse…"
      />
      <p id={`${id}-count`} className={counterClass}>
        {count} / {NOTE_MAX}
        {over ? ` · ${-left} too many` : null}
      </p>
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {over
          ? `${-left} ${-left === 1 ? 'character' : 'characters'} too many`
          : left < SPEAK_BELOW
            ? `${left} ${left === 1 ? 'character' : 'characters'} left`
            : ''}
      </span>
      <StatusMessage notice={error ? { tone: 'error', text: error } : null} />
      <div className="pick-form__actions">
        <Button type="submit" size="sm" busy={busy === 'save'} busyLabel="Saving…" disabled={busy !== null}>
          {pick ? 'Save note' : 'Pick it'}
        </Button>
        <Button variant="ghost" size="sm" onClick={onCancel} disabled={busy !== null}>
          Cancel
        </Button>
        {pick ? (
          <Button
            variant="danger-ghost"
            size="sm"
            className="pick-form__remove"
            onClick={() => void remove()}
            busy={busy === 'remove'}
            busyLabel="Removing…"
            disabled={busy !== null}
          >
            Remove pick
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** What the announcer says after the form is done. */
export function pickMessage(track: Track, outcome: PickOutcome): string {
  if (outcome.kind === 'removed') return `${track.title} is no longer one of your picks.`;
  if (outcome.kind === 'edited') return `Your note on ${track.title} is saved.`;
  return `You picked ${track.title}.`;
}
