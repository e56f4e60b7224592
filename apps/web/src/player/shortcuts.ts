import { useEffect } from 'react';
import type { Player } from './player-context.tsx';

/** The keys the player answers to, as the "Keyboard shortcuts" popover lists them. */
export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['Space', 'K'], action: 'Play or pause' },
  { keys: ['J', '←'], action: 'Back 10 seconds' },
  { keys: ['L', '→'], action: 'Forward 10 seconds' },
  { keys: ['Shift + N'], action: 'Next track' },
  { keys: ['Shift + P'], action: 'Previous track' },
  { keys: ['M'], action: 'Mute or unmute' },
];

const NON_TEXT_INPUTS = new Set([
  'range',
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'file',
  'color',
  'image',
]);

/** Typing goes to the field, never to the player. */
function isTextField(target: Element | null): boolean {
  if (!target) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLElement && target.isContentEditable;
}

/** Space already means "press" on these, and arrows already mean something on the second list. */
const PRESSABLE =
  'button, a[href], input, select, textarea, summary, label, [role="button"], [role="link"], [role="menuitem"], [role="checkbox"], [role="switch"], [role="tab"], [role="option"]';
const ARROW_OWNERS =
  'input, select, textarea, [role="slider"], [role="menu"], [role="menubar"], [role="tablist"], [role="radiogroup"], [role="listbox"], [role="grid"], [role="tree"]';

/**
 * Keyboard shortcuts for the player, anywhere in the app: they stand aside while someone types, while
 * a dialog is open, and where Space or the arrows already do something (buttons, sliders, menus).
 */
export function usePlayerShortcuts(player: Player): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing)
        return;
      const target = event.target instanceof Element ? event.target : null;
      if (isTextField(target)) return;
      if (document.documentElement.classList.contains('has-modal')) return;
      const key = event.key;
      const lower = key.length === 1 ? key.toLowerCase() : key;
      let handled = true;
      if (key === ' ' || key === 'Spacebar') {
        if (target?.closest(PRESSABLE)) return;
        player.toggle();
      } else if (lower === 'k' && !event.shiftKey) player.toggle();
      else if (lower === 'j' && !event.shiftKey) player.seekBy(-10);
      else if (lower === 'l' && !event.shiftKey) player.seekBy(10);
      else if ((key === 'ArrowLeft' || key === 'ArrowRight') && !event.shiftKey) {
        if (target?.closest(ARROW_OWNERS)) return;
        player.seekBy(key === 'ArrowLeft' ? -10 : 10);
      } else if (lower === 'n' && event.shiftKey) player.next();
      else if (lower === 'p' && event.shiftKey) player.previous();
      else if (lower === 'm' && !event.shiftKey) player.toggleMute();
      else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [player]);
}
