import { type FormEvent, type RefObject, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { curatorPath, type TrustedCurator } from '../../api/discovery.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { TextField } from '../../components/fields.tsx';
import { Monogram } from '../../components/wordmark.tsx';
import { discoveryStore, useDiscovery } from '../../discovery/discovery-store.ts';
import { handleProblem } from '../../lib/community-meta.ts';
import { formatDate } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { CuratorSuggestions, pickCountText } from './curator-suggestions.tsx';

/** Slots drawn at most: past this the count says it better than dots. */
const MAX_SLOTS = 24;

/** /discover/micro-elite: the curators I trust, how many more fit, and people whose taste overlaps mine. */
export function MicroElitePage() {
  useDocumentTitle('Your micro-elite');
  const discovery = useDiscovery('trust');
  const trust = discovery.trust;
  const headingRef = useRef<HTMLHeadingElement>(null);

  return (
    <div className="panel-stack">
      <section className="panel" aria-labelledby="elite-title">
        <div className="panel__header panel__header--split">
          <div>
            <h2 id="elite-title" ref={headingRef} tabIndex={-1} className="panel__title">
              Your micro-elite
            </h2>
            <p className="panel__lead">
              The few curators whose picks and plays shape your Discover page. Small on purpose: a handful of
              people you chose, not a crowd.
            </p>
          </div>
          {trust ? <EliteCount count={trust.curators.length} limit={trust.limit} /> : null}
        </div>
        {!trust ? (
          discovery.loadError ? (
            <div className="muted-state">
              <StatusMessage notice={{ tone: 'error', text: discovery.loadError }} />
              <Button variant="secondary" size="sm" onClick={() => void discoveryStore.loadTrust(true)}>
                Try again
              </Button>
            </div>
          ) : (
            <p className="muted-state" role="status">
              <span className="spinner" aria-hidden="true" /> Loading whom you trust…
            </p>
          )
        ) : trust.curators.length === 0 ? (
          <p className="empty-line">
            You trust nobody yet. Start with someone below whose taste overlaps yours, or find a curator by
            name.
          </p>
        ) : (
          <>
            {trust.curators.length >= trust.limit ? (
              <StatusMessage
                className="elite-full"
                notice={{
                  tone: 'info',
                  text: `Your micro-elite is full: ${trust.limit} of ${trust.limit}. Stop trusting someone to make room for another.`,
                }}
              />
            ) : null}
            <ul className="elite-list" aria-label="Curators you trust">
              {[...trust.curators]
                .sort((a, b) => a.since.localeCompare(b.since))
                .map((curator) => (
                  <EliteRow key={curator.id} curator={curator} headingRef={headingRef} />
                ))}
            </ul>
          </>
        )}
        <FindByHandle />
      </section>

      <section className="music__section" aria-labelledby="suggested-title">
        <div>
          <h2 id="suggested-title" className="music__section-title">
            People whose taste overlaps yours
          </h2>
          <p className="music__section-hint">
            Curators who picked or played what you did, weighed so that someone who hears everything does not
            win by volume. Never ranked by how many people trust them.
          </p>
        </div>
        <CuratorSuggestions
          limit={9}
          emptyText="No suggestions yet. Listen a little, pick what you love, and people with the same ears show up here."
        />
      </section>
    </div>
  );
}

function EliteCount({ count, limit }: { count: number; limit: number }) {
  const slots = Math.min(limit, MAX_SLOTS);
  return (
    <div className="elite-count">
      <p className="elite-count__text">
        <strong>{count}</strong> of {limit}
      </p>
      {limit <= MAX_SLOTS ? (
        <span className="elite-count__slots" aria-hidden="true">
          {Array.from({ length: slots }, (_, i) => (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: slots are places, not things.
              key={i}
              className={i < count ? 'elite-count__slot elite-count__slot--on' : 'elite-count__slot'}
            />
          ))}
        </span>
      ) : null}
    </div>
  );
}

function EliteRow({
  curator,
  headingRef,
}: {
  curator: TrustedCurator;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const announce = useAnnounce();
  const rowRef = useRef<HTMLLIElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function untrust() {
    setBusy(true);
    setError(null);
    // The row goes away: focus moves on to the next row's button, or back to the heading.
    const next =
      rowRef.current?.nextElementSibling?.querySelector<HTMLButtonElement>('button') ??
      rowRef.current?.previousElementSibling?.querySelector<HTMLButtonElement>('button') ??
      null;
    try {
      await discoveryStore.untrust(curator.id);
      announce(`You no longer trust @${curator.handle}.`);
      requestAnimationFrame(() => (next ?? headingRef.current)?.focus());
    } catch (failure) {
      setBusy(false);
      setError(failure instanceof ApiError ? failure.message : 'That did not work. Try again.');
    }
  }

  return (
    <li ref={rowRef} className="elite-row">
      <Monogram name={curator.handle} size="md" />
      <div className="elite-row__main">
        <Link to={curatorPath(curator.handle)} className="elite-row__handle">
          @{curator.handle}
        </Link>
        {curator.bio ? <p className="elite-row__bio">{curator.bio}</p> : null}
        <p className="elite-row__meta">
          {pickCountText(curator.pickCount)} · trusted since{' '}
          <time dateTime={curator.since}>{formatDate(curator.since)}</time>
        </p>
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <Button
        variant="ghost"
        size="sm"
        className="elite-row__untrust"
        onClick={() => void untrust()}
        busy={busy}
        busyLabel="Stopping…"
        aria-label={`Stop trusting @${curator.handle}`}
      >
        Stop trusting
      </Button>
    </li>
  );
}

/** Someone told you their curator name: go to their profile. */
function FindByHandle() {
  const navigate = useNavigate();
  const [handle, setHandle] = useState('');
  const [error, setError] = useState<string | undefined>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clean = handle.trim().replace(/^@/, '');
    const problem = clean ? handleProblem(clean) : 'Type the curator’s name, like @ana.';
    setError(problem ?? undefined);
    if (!problem) navigate(curatorPath(clean));
  }

  return (
    <form className="find-curator" onSubmit={submit} noValidate>
      <TextField
        label="Find a curator by name"
        value={handle}
        onValueChange={setHandle}
        error={error}
        placeholder="@name"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        fieldClassName="find-curator__field"
      />
      <Button type="submit" variant="secondary" className="find-curator__go">
        Open profile
      </Button>
    </form>
  );
}
