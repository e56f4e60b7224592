import type { ComponentPropsWithRef, ReactNode } from 'react';

export type Tone = 'success' | 'error' | 'info';

export interface Notice {
  tone: Tone;
  text: string;
}

/**
 * A live region that is always in the page, so screen readers announce what appears in it.
 * Errors are announced assertively; confirmations politely.
 */
export function StatusMessage({ notice, className }: { notice: Notice | null; className?: string }) {
  return (
    <div
      className={['status-region', className ?? ''].filter(Boolean).join(' ')}
      aria-live={notice?.tone === 'error' ? 'assertive' : 'polite'}
      aria-atomic="true"
    >
      {notice ? (
        <p className={`notice notice--${notice.tone}`}>
          <span className="notice__icon" aria-hidden="true">
            {notice.tone === 'success' ? '✓' : notice.tone === 'error' ? '!' : 'i'}
          </span>
          <span>{notice.text}</span>
        </p>
      ) : null}
    </div>
  );
}

type ButtonProps = ComponentPropsWithRef<'button'> & {
  busy?: boolean;
  busyLabel?: ReactNode;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost' | 'danger-ghost';
  size?: 'md' | 'sm';
};

/** A button that disables itself and says what it is doing while its request runs. */
export function Button({
  busy = false,
  busyLabel,
  variant = 'primary',
  size = 'md',
  className,
  children,
  disabled,
  type = 'button',
  ...rest
}: ButtonProps) {
  const classes = ['button', `button--${variant}`, size === 'sm' ? 'button--sm' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      {...rest}
      type={type}
      className={classes}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
