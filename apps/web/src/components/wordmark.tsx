/** Two overlapping rings: two people who share something, and no more than that. */
export function Mark({ className }: { className?: string }) {
  return (
    <svg className={className ?? 'mark'} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="9" className="mark__tile" />
      <circle cx="12.5" cy="16" r="5.5" className="mark__ring mark__ring--a" />
      <circle cx="19.5" cy="16" r="5.5" className="mark__ring mark__ring--b" />
    </svg>
  );
}

export function Wordmark() {
  return (
    <span className="wordmark">
      <Mark />
      <span className="wordmark__text">Coterie</span>
    </span>
  );
}

/** Initials for a person with no picture; external images would break the no-tracker promise. */
export function Monogram({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' | 'lg' }) {
  const initials =
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => [...part][0]?.toUpperCase() ?? '')
      .join('') || '?';
  return (
    <span className={`monogram monogram--${size}`} aria-hidden="true">
      {initials}
    </span>
  );
}
