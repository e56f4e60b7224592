import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { type CuratorRef, curatorPath, type Reason, type ReasonKind } from '../../api/discovery.ts';
import { CompassIcon, MusicIcon, PickIcon, SmallCircleIcon, TrustIcon } from '../../components/icons.tsx';

const ICONS: Record<ReasonKind, (props: { className?: string }) => ReactNode> = {
  picked: PickIcon,
  'picked-nearby': TrustIcon,
  circle: SmallCircleIcon,
  similar: MusicIcon,
  fresh: CompassIcon,
};

/** "@ana", letters to letters: a handle may hold dots, but the sentence's own comma or full stop is not part of it. */
const HANDLE = /(@[\p{L}\p{N}_.-]*[\p{L}\p{N}_-])/u;

/** The server's sentence, with every @handle in it a link to that curator's profile. */
export function HandleText({ text }: { text: string }) {
  const parts = text.split(HANDLE);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence never move.
          <Link key={i} to={curatorPath(part.slice(1))} className="handle-link">
            {part}
          </Link>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A curator's note on a pick, as a quotation signed with their handle. */
export function PickNote({ curator, note }: { curator?: CuratorRef; note: string }) {
  return (
    <figure className="pick-note">
      <blockquote className="pick-note__text">
        <p>{note}</p>
      </blockquote>
      {curator ? (
        <figcaption className="pick-note__by">
          <Link to={curatorPath(curator.handle)} className="handle-link">
            @{curator.handle}
          </Link>
        </figcaption>
      ) : null}
    </figure>
  );
}

/** Why a track is on the Discover page: one line per reason, and the pickers' notes under them. */
export function ReasonList({ reasons, label }: { reasons: Reason[]; label: string }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="reasons" aria-label={label}>
      {reasons.map((reason) => {
        const Icon = ICONS[reason.kind] ?? CompassIcon;
        return (
          <li key={`${reason.kind}:${reason.text}`} className={`reason reason--${reason.kind}`}>
            <span className="reason__line">
              <Icon className="icon reason__icon" />
              <span>
                <HandleText text={reason.text} />
              </span>
            </span>
            {reason.notes && reason.notes.length > 0 ? (
              <div className="reason__notes">
                {reason.notes.map((n) => (
                  <PickNote key={n.curator.id} curator={n.curator} note={n.note} />
                ))}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Every curator a track's reasons name, each once: the ones a Trust button may be offered for. */
export function curatorsNamed(reasons: Reason[]): CuratorRef[] {
  const seen = new Map<string, CuratorRef>();
  for (const reason of reasons) {
    for (const c of reason.curators ?? []) seen.set(c.id, c);
    for (const n of reason.notes ?? []) seen.set(n.curator.id, n.curator);
  }
  return [...seen.values()];
}
