import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { DotsIcon } from './icons.tsx';

/**
 * Closes a popup when a pointer goes down outside it. Escape is handled by the popup's own key
 * handler, so focus can be sent back to its button.
 */
export function useOutsidePointer(
  open: boolean,
  wrapper: RefObject<HTMLElement | null>,
  close: () => void,
): void {
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (wrapper.current && !wrapper.current.contains(event.target as Node)) close();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, wrapper, close]);
}

/** Arrow keys, Home and End move focus among a popup's buttons, wrapping around. */
export function moveFocus(event: KeyboardEvent<HTMLElement>, selector: string): boolean {
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(selector)];
  if (items.length === 0) return false;
  const index = items.indexOf(document.activeElement as HTMLElement);
  let next: number | null = null;
  if (event.key === 'ArrowDown' || event.key === 'ArrowRight') next = (index + 1) % items.length;
  else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft')
    next = (index - 1 + items.length) % items.length;
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = items.length - 1;
  if (next === null) return false;
  event.preventDefault();
  items[next]?.focus();
  return true;
}

export interface MenuItem {
  label: string;
  onSelect: () => void;
  icon?: ReactNode;
  tone?: 'danger';
}

interface ActionMenuProps {
  /** The button's name for assistive technology: "Actions for this post". */
  label: string;
  items: MenuItem[];
  className?: string;
}

/**
 * The "…" button and its menu (the WAI-ARIA menu button pattern): opens on click or arrow keys,
 * moves with arrows, Home and End, closes on Escape, Tab or a click elsewhere, and gives focus
 * back to its button.
 */
export function ActionMenu({ label, items, className }: ActionMenuProps) {
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const close = useCallback(() => setOpen(false), []);
  useOutsidePointer(open !== false, wrapperRef, close);

  useEffect(() => {
    if (!open) return;
    const buttons = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    (open === 'last' ? buttons?.[buttons.length - 1] : buttons?.[0])?.focus();
  }, [open]);

  if (items.length === 0) return null;

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (moveFocus(event, '[role="menuitem"]')) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  }

  return (
    <div ref={wrapperRef} className={['menu-wrap', className ?? ''].filter(Boolean).join(' ')}>
      <button
        ref={buttonRef}
        type="button"
        className="icon-button"
        aria-haspopup="menu"
        aria-expanded={open !== false}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((current) => (current ? false : 'first'))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
          }
        }}
      >
        <DotsIcon className="icon" />
        <span className="visually-hidden">{label}</span>
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          className="menu"
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKeyDown}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={item.tone === 'danger' ? 'menu__item menu__item--danger' : 'menu__item'}
              onClick={() => {
                setOpen(false);
                buttonRef.current?.focus();
                item.onSelect();
              }}
            >
              {item.icon}
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
