import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { postsApi, type Reaction } from '../../../api/posts.ts';
import { moveFocus, useOutsidePointer } from '../../../components/action-menu.tsx';
import { useAnnounce } from '../../../components/announcer.tsx';
import { SmileIcon } from '../../../components/icons.tsx';

/** The reactions on offer; any emoji someone already used can be toggled too. */
export const PALETTE = ['🎵', '❤️', '🔥', '👏', '😂', '🙏', '👀'] as const;

/** The list after I toggle one emoji, as the server will answer it. */
function toggled(reactions: Reaction[], emoji: string): Reaction[] {
  const current = reactions.find((r) => r.emoji === emoji);
  if (!current) return [...reactions, { emoji, count: 1, mine: true }];
  return reactions
    .map((r) => (r.emoji === emoji ? { ...r, count: r.count + (r.mine ? -1 : 1), mine: !r.mine } : r))
    .filter((r) => r.count > 0);
}

interface ReactionsProps {
  postId: string;
  reactions: Reaction[];
  /** Members react; everyone else sees the counts. */
  canReact: boolean;
  onChange: (reactions: Reaction[]) => void;
}

/** Reaction counts as toggle buttons (pressed when one is mine), and a small palette to add one. */
export function Reactions({ postId, reactions, canReact, onChange }: ReactionsProps) {
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  const pending = useRef(new Set<string>());
  const latest = useRef(reactions);
  latest.current = reactions;

  const toggle = useCallback(
    async (emoji: string) => {
      if (pending.current.has(emoji)) return;
      pending.current.add(emoji);
      const before = latest.current;
      const on = !before.find((r) => r.emoji === emoji)?.mine;
      onChange(toggled(before, emoji));
      setError(null);
      try {
        const answer = await postsApi.react(postId, emoji, on);
        onChange(answer.reactions);
        announce(on ? `You reacted with ${emoji}.` : `Reaction ${emoji} taken back.`);
      } catch (failure) {
        onChange(toggled(latest.current, emoji));
        setError(failure instanceof ApiError ? failure.message : 'The reaction did not go through.');
      } finally {
        pending.current.delete(emoji);
      }
    },
    [postId, onChange, announce],
  );

  if (!canReact && reactions.length === 0) return null;

  return (
    <div className="reactions">
      <ul className="reactions__list" aria-label="Reactions">
        {reactions.map((reaction) => (
          <li key={reaction.emoji}>
            {canReact ? (
              <button
                type="button"
                className="reaction"
                aria-pressed={reaction.mine}
                aria-label={`${reaction.emoji} ${reaction.count}`}
                title={
                  reaction.mine ? `You reacted with ${reaction.emoji}: press to take it back` : undefined
                }
                onClick={() => void toggle(reaction.emoji)}
              >
                <span className="reaction__emoji" aria-hidden="true">
                  {reaction.emoji}
                </span>
                <span className="reaction__count" aria-hidden="true">
                  {reaction.count}
                </span>
              </button>
            ) : (
              <span className="reaction reaction--static">
                <span className="reaction__emoji">{reaction.emoji}</span>
                <span className="reaction__count">{reaction.count}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
      {canReact ? <ReactionPicker reactions={reactions} onPick={(emoji) => void toggle(emoji)} /> : null}
      {error ? (
        <p className="reactions__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function ReactionPicker({ reactions, onPick }: { reactions: Reaction[]; onPick: (emoji: string) => void }) {
  const [open, setOpen] = useState(false);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = useCallback(() => setOpen(false), []);
  const panelRef = useRef<HTMLFieldSetElement>(null);
  useOutsidePointer(open, wrapperRef, close);

  // Focus lands on the first emoji as the palette opens.
  useEffect(() => {
    if (open) panelRef.current?.querySelector('button')?.focus();
  }, [open]);

  function onPanelKeyDown(event: KeyboardEvent<HTMLFieldSetElement>) {
    if (moveFocus(event, 'button')) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  return (
    <div ref={wrapperRef} className="picker">
      <button
        ref={buttonRef}
        type="button"
        className="reaction reaction--add"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((current) => !current)}
        title="Add a reaction"
      >
        <SmileIcon className="icon reaction__icon" />
        <span className="reaction__plus" aria-hidden="true">
          +
        </span>
        <span className="visually-hidden">Add a reaction</span>
      </button>
      {open ? (
        <fieldset id={panelId} className="picker__panel" onKeyDown={onPanelKeyDown} ref={panelRef}>
          <legend className="visually-hidden">Choose a reaction</legend>
          {PALETTE.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="picker__emoji"
              aria-pressed={reactions.some((r) => r.emoji === emoji && r.mine)}
              aria-label={`React with ${emoji}`}
              onClick={() => {
                setOpen(false);
                buttonRef.current?.focus();
                onPick(emoji);
              }}
            >
              {emoji}
            </button>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}
