import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { Profile } from '../../api/account.ts';
import { ApiError } from '../../api/client.ts';
import {
  type Community,
  communitiesApi,
  type MembershipView,
  type ShareField,
} from '../../api/communities.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { CommunityMark } from '../../components/community-banner.tsx';
import { Button, type Notice, StatusMessage } from '../../components/feedback.tsx';
import { TextField } from '../../components/fields.tsx';
import { ArrowIcon, PlusIcon, SmallCircleIcon } from '../../components/icons.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PersonaCard } from '../../components/persona-card.tsx';
import { SharePicker } from '../../components/share-picker.tsx';
import { useAccent } from '../../lib/accent.ts';
import { HANDLE_MAX, HANDLE_RULE, handleProblem, kindLabel, ROLE_LABELS } from '../../lib/community-meta.ts';
import { type FieldErrors, toFormErrors } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid.ts';
import { usePaged } from '../communities/use-paged.ts';

/** Every community I belong to, what each one sees of me, and the controls to change it or leave. */
export function MyCommunitiesPage() {
  useDocumentTitle('Your communities');
  const { state: auth } = useAuth();
  const { hash } = useLocation();
  const fetchPage = useCallback((cursor: string | null) => communitiesApi.mine(cursor), []);
  const { state, reload, loadMore } = usePaged(fetchPage, 'Your communities could not be loaded.');
  const [notice, setNotice] = useState<Notice | null>(null);
  const target = decodeURIComponent(hash.replace(/^#/, ''));

  if (auth.status !== 'authenticated') return null;

  return (
    <div className="panel-stack">
      <h1 className="page-title page-title--section">Your communities</h1>
      <div className="privacy-callout">
        <SmallCircleIcon className="icon privacy-callout__icon" />
        <div>
          <h2 className="page-title">One persona per community</h2>
          <p>
            Each community knows you by its own handle and sees only the fields you ticked for it. None of
            them can tell that you are the same person as someone elsewhere, unless what you share gives it
            away.
          </p>
        </div>
      </div>
      <StatusMessage notice={notice} />
      {state.status === 'loading' ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading your communities…
        </p>
      ) : state.status === 'failed' ? (
        <div className="muted-state">
          <StatusMessage notice={{ tone: 'error', text: state.message }} />
          <Button variant="secondary" size="sm" onClick={() => void reload()}>
            Try again
          </Button>
        </div>
      ) : state.items.length === 0 ? (
        <div className="empty-state">
          <SmallCircleIcon className="icon empty-state__icon" />
          <h2 className="empty-state__title">Not in any community yet</h2>
          <p className="empty-state__text">
            Find one to join, or start your own. Either way, you choose what it may see of you.
          </p>
          <div className="empty-state__actions">
            <Link to="/communities" className="button button--primary">
              Find a community
              <ArrowIcon className="icon icon--inline" />
            </Link>
            <Link to="/communities/new" className="button button--secondary">
              <PlusIcon className="icon icon--inline" />
              Start one
            </Link>
          </div>
        </div>
      ) : (
        <>
          <ul className="membership-list" aria-label="Your memberships">
            {state.items.map((community) => (
              <li key={community.id}>
                <MembershipPanel
                  community={community}
                  me={auth.me}
                  startOpen={target === community.slug}
                  onLeft={async () => {
                    setNotice({
                      tone: 'success',
                      text: `You left ${community.name}. What you shared with it is erased.`,
                    });
                    await reload();
                  }}
                />
              </li>
            ))}
          </ul>
          {state.nextCursor ? (
            <LoadMore label="Load more" busy={state.loadingMore} onLoad={loadMore} />
          ) : null}
        </>
      )}
    </div>
  );
}

interface MembershipPanelProps {
  community: Community;
  me: Profile;
  startOpen: boolean;
  onLeft: () => void | Promise<void>;
}

function MembershipPanel({ community, me, startOpen, onLeft }: MembershipPanelProps) {
  const ref = useRef<HTMLElement>(null);
  useAccent(ref, community.accentColor);
  const [view, setView] = useState<MembershipView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState(startOpen);
  const [leaving, setLeaving] = useState(false);
  const membership = view?.membership ?? community.myMembership;
  const titleId = `membership-${community.id}`;

  useEffect(() => {
    let cancelled = false;
    communitiesApi.membership(community.slug).then(
      (next) => {
        if (!cancelled) setView(next);
      },
      (error: unknown) => {
        if (!cancelled)
          setLoadError(
            error instanceof ApiError ? error.message : 'What this community sees could not be loaded.',
          );
      },
    );
    return () => {
      cancelled = true;
    };
  }, [community.slug]);

  useEffect(() => {
    if (startOpen) ref.current?.scrollIntoView({ block: 'start' });
  }, [startOpen]);

  return (
    <article ref={ref} id={community.slug} className="membership themed" aria-labelledby={titleId}>
      <header className="membership__header">
        <CommunityMark name={community.name} size="md" logoUrl={community.logoUrl} />
        <div className="membership__title">
          <h2 id={titleId} className="membership__name">
            <Link to={`/c/${community.slug}`}>{community.name}</Link>
          </h2>
          <p className="membership__meta">
            {kindLabel(community.kind)}
            {community.visibility === 'private' ? ' · private' : ''}
            {membership ? (
              <>
                {' '}
                · you are <strong>@{membership.handle}</strong> · joined {formatDate(membership.joinedAt)}
              </>
            ) : null}
          </p>
        </div>
        {membership && membership.role !== 'member' ? (
          <span className="badge">{ROLE_LABELS[membership.role]}</span>
        ) : null}
        {leaving ? null : (
          <Button
            variant="danger-ghost"
            size="sm"
            onClick={() => setLeaving(true)}
            aria-label={`Leave ${community.name}…`}
          >
            Leave…
          </Button>
        )}
      </header>

      <div className="membership__body">
        <div className="membership__seen">
          <h3 className="membership__subtitle">What {community.name} sees of me</h3>
          {loadError ? (
            <StatusMessage notice={{ tone: 'error', text: loadError }} />
          ) : view ? (
            <PersonaCard persona={view.seenAs} label={`What ${community.name} sees of me`} />
          ) : (
            <p className="muted-state" role="status">
              <span className="spinner" aria-hidden="true" /> Loading…
            </p>
          )}
        </div>
        <div className="membership__controls">
          {leaving ? (
            <LeaveConfirm community={community} onCancel={() => setLeaving(false)} onLeft={onLeft} />
          ) : null}
          {view && editing ? (
            <ShareEditor
              community={community}
              me={me}
              view={view}
              onSaved={(next) => setView(next)}
              onDone={() => setEditing(false)}
            />
          ) : null}
          {editing ? null : (
            <div className="membership__buttons">
              <Button
                variant="secondary"
                onClick={() => setEditing(true)}
                disabled={!view}
                aria-label={`Change handle and sharing for ${community.name}`}
              >
                Change handle and sharing
              </Button>
            </div>
          )}
        </div>
      </div>
    </article>
  );
}

function ShareEditor({
  community,
  me,
  view,
  onSaved,
  onDone,
}: {
  community: Community;
  me: Profile;
  view: MembershipView;
  onSaved: (view: MembershipView) => void;
  onDone: () => void;
}) {
  const [handle, setHandle] = useState(view.membership.handle);
  const [share, setShare] = useState<ShareField[]>(view.membership.share);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);

  useEffect(() => {
    formRef.current?.querySelector('input')?.focus();
  }, []);

  const removed = view.membership.share.filter((field) => !share.includes(field));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const issue = handleProblem(handle);
    setErrors(issue ? { handle: issue } : {});
    if (issue) return;
    const update: { handle?: string; share?: ShareField[] } = {};
    if (handle.trim() !== view.membership.handle) update.handle = handle.trim();
    if (share.join() !== view.membership.share.join()) update.share = share;
    if (Object.keys(update).length === 0) {
      setNotice({ tone: 'info', text: 'Nothing changed.' });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const next = await communitiesApi.updateMembership(community.slug, update);
      onSaved(next);
      setNotice({
        tone: 'success',
        text: `Saved. ${community.name} now sees exactly the card shown here.`,
      });
    } catch (error) {
      const result = toFormErrors(error, {
        labels: { handle: 'Handle', share: 'Shared fields' },
        codeFields: { handle_taken: 'handle' },
        codeMessages: { handle_taken: 'Someone here already uses that handle. Try another one.' },
      });
      setErrors(result.fields);
      setNotice(result.general ? { tone: 'error', text: result.general } : null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="form share-editor" onSubmit={submit} noValidate>
      <TextField
        label="Handle"
        name="handle"
        maxLength={HANDLE_MAX}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        value={handle}
        onValueChange={setHandle}
        error={errors.handle}
        hint={`Your name in ${community.name}. ${HANDLE_RULE}`}
      />
      <SharePicker
        profile={me}
        value={share}
        onChange={setShare}
        audience={community.name}
        error={errors.share}
      />
      <p className="share-editor__note" aria-live="polite">
        {removed.length > 0
          ? `When you save, ${community.name} stops seeing ${removed.length === 1 ? 'that field' : 'those fields'} at once: members and moderators alike.`
          : 'Unticking a field hides it from everyone in this community the moment you save.'}
      </p>
      <StatusMessage notice={notice} />
      <div className="form-actions">
        <Button type="submit" busy={busy} busyLabel="Saving…">
          Save
        </Button>
        <Button variant="ghost" onClick={onDone} disabled={busy}>
          Done
        </Button>
      </div>
    </form>
  );
}

function LeaveConfirm({
  community,
  onCancel,
  onLeft,
}: {
  community: Community;
  onCancel: () => void;
  onLeft: () => void | Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const owner = community.myMembership?.role === 'owner';

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button, a')?.focus();
  }, []);

  async function leave() {
    setBusy(true);
    setNotice(null);
    try {
      await communitiesApi.leave(community.slug);
      await onLeft();
    } catch (error) {
      setNotice({
        tone: 'error',
        text:
          error instanceof ApiError && error.code === 'owner_cannot_leave'
            ? `You own ${community.name}: make another member the owner first, in its settings.`
            : error instanceof ApiError
              ? error.message
              : 'Leaving did not work. Try again.',
      });
      setBusy(false);
    }
  }

  if (owner) {
    return (
      <div ref={ref} className="leave-confirm">
        <p>
          You own {community.name}, so you cannot simply leave: hand it over to another member first, or
          delete it.
        </p>
        <div className="form-actions">
          <Link to={`/c/${community.slug}/settings/members`} className="button button--secondary button--sm">
            Transfer ownership
          </Link>
          <Button variant="ghost" size="sm" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div ref={ref} className="leave-confirm">
      <p>
        Leave {community.name}? Everything you shared with it is erased, and @{community.myMembership?.handle}{' '}
        disappears from its member list.
        {community.visibility === 'private' ? ' To come back you will need a new invite.' : ''}
      </p>
      <StatusMessage notice={notice} />
      <div className="form-actions">
        <Button variant="danger" size="sm" busy={busy} busyLabel="Leaving…" onClick={() => void leave()}>
          Leave {community.name}
        </Button>
        <Button variant="ghost" size="sm" onClick={onCancel} disabled={busy}>
          Stay
        </Button>
      </div>
    </div>
  );
}
