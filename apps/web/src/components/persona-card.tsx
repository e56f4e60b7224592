import type { ReactNode } from 'react';
import type { Persona } from '../api/communities.ts';
import { hostOf, ROLE_LABELS, SHARE_FIELD_INFO } from '../lib/community-meta.ts';
import { formatDate } from '../lib/format.ts';
import { Monogram } from './wordmark.tsx';

const birthdayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

function birthday(iso: string): string {
  const date = new Date(`${iso}T12:00:00`);
  return Number.isNaN(date.getTime()) ? iso : birthdayFormat.format(date);
}

/** The fields a persona carries, in a fixed order, as label and rendered value. */
function sharedRows(persona: Persona): { key: string; label: string; value: ReactNode }[] {
  const rows: { key: string; label: string; value: ReactNode }[] = [];
  if (persona.realName)
    rows.push({ key: 'realName', label: SHARE_FIELD_INFO.realName, value: persona.realName });
  if (persona.email)
    rows.push({
      key: 'email',
      label: SHARE_FIELD_INFO.email,
      value: <a href={`mailto:${persona.email}`}>{persona.email}</a>,
    });
  if (persona.location)
    rows.push({ key: 'location', label: SHARE_FIELD_INFO.location, value: persona.location });
  if (persona.birthday)
    rows.push({ key: 'birthday', label: SHARE_FIELD_INFO.birthday, value: birthday(persona.birthday) });
  if (persona.avatarUrl)
    rows.push({
      key: 'avatarUrl',
      label: 'Picture',
      // Never loaded here (no external images, no trackers): a link the reader may choose to open.
      value: (
        <a href={persona.avatarUrl} rel="nofollow noopener noreferrer ugc" target="_blank">
          {hostOf(persona.avatarUrl)}
        </a>
      ),
    });
  if (persona.links && persona.links.length > 0)
    rows.push({
      key: 'links',
      label: SHARE_FIELD_INFO.links,
      value: (
        <ul className="persona__links">
          {persona.links.map((link) => (
            <li key={`${link.label}-${link.url}`}>
              <a href={link.url} rel="nofollow noopener noreferrer ugc" target="_blank">
                {link.label || hostOf(link.url)}
              </a>
            </li>
          ))}
        </ul>
      ),
    });
  return rows;
}

interface PersonaCardProps {
  persona: Persona;
  /** Shown at the top of the card: "Members will see" in a preview. */
  kicker?: ReactNode;
  /** What the card is marked as, for tests and assistive technology. */
  label?: string;
  /** Actions for this member (settings), under the card's content. */
  children?: ReactNode;
  variant?: 'default' | 'preview';
  /** "You" badge on my own card in the directory. */
  isMe?: boolean;
}

/**
 * One member as the others see them: the handle, the role, and only what they chose to share.
 * Nothing is inferred or filled in: a field that was not shared is simply not there.
 */
export function PersonaCard({
  persona,
  kicker,
  label,
  children,
  variant = 'default',
  isMe,
}: PersonaCardProps) {
  const rows = sharedRows(persona);
  const name = persona.displayName || persona.handle;
  return (
    <article
      className={variant === 'preview' ? 'persona persona--preview' : 'persona'}
      aria-label={label ?? `@${persona.handle}`}
    >
      {kicker ? <p className="persona__kicker">{kicker}</p> : null}
      <div className="persona__head">
        <Monogram name={name} size="md" />
        <div className="persona__who">
          {persona.displayName ? (
            <p className="persona__name" data-field="displayName">
              {persona.displayName}
            </p>
          ) : null}
          <p className={persona.displayName ? 'persona__handle' : 'persona__name'}>@{persona.handle}</p>
        </div>
        <div className="persona__badges">
          {isMe ? <span className="chip">You</span> : null}
          {persona.role !== 'member' ? <span className="badge">{ROLE_LABELS[persona.role]}</span> : null}
        </div>
      </div>
      {persona.bio ? (
        <p className="persona__bio" data-field="bio">
          {persona.bio}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <dl className="persona__fields">
          {rows.map((row) => (
            <div key={row.key} className="persona__field" data-field={row.key}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {!persona.bio && rows.length === 0 && !persona.displayName ? (
        <p className="persona__nothing">Shares nothing but this handle.</p>
      ) : null}
      {persona.joinedAt ? (
        <p className="persona__joined">
          Joined <time dateTime={persona.joinedAt}>{formatDate(persona.joinedAt)}</time>
        </p>
      ) : null}
      {children ? <div className="persona__actions">{children}</div> : null}
    </article>
  );
}
