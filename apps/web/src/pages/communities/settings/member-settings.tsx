import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { communitiesApi, type Persona } from '../../../api/communities.ts';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { TextAreaField } from '../../../components/fields.tsx';
import { LoadMore } from '../../../components/load-more.tsx';
import { Monogram } from '../../../components/wordmark.tsx';
import { ROLE_LABELS } from '../../../lib/community-meta.ts';
import { formatDate } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { isOwner, useCommunity } from '../community-context.ts';
import { usePaged } from '../use-paged.ts';

type Pending = { id: string; kind: 'remove' | 'transfer' } | null;

const message = (error: unknown, fallback: string) => (error instanceof ApiError ? error.message : fallback);

/** Roles, ownership, removals and bans. A moderator may remove or ban members; the owner may do all. */
export function MemberSettings() {
  const { community, setCommunity, reload: reloadCommunity } = useCommunity();
  useDocumentTitle(`Members and roles · ${community.name}`);
  const owner = isOwner(community);
  const me = community.myMembership;
  const fetchPage = useCallback(
    (cursor: string | null) => communitiesApi.members(community.slug, cursor),
    [community.slug],
  );
  const { state, reload, loadMore } = usePaged(fetchPage, 'The members could not be loaded.');
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function setRole(persona: Persona, role: 'moderator' | 'member') {
    setBusy(persona.id);
    setNotice(null);
    try {
      await communitiesApi.setRole(community.slug, persona.id, role);
      await reload();
      setNotice({
        tone: 'success',
        text:
          role === 'moderator'
            ? `@${persona.handle} is now a moderator: they can invite, remove and ban members.`
            : `@${persona.handle} is an ordinary member again.`,
      });
    } catch (error) {
      setNotice({ tone: 'error', text: message(error, 'The role could not be changed.') });
    } finally {
      setBusy(null);
    }
  }

  async function transfer(persona: Persona) {
    setBusy(persona.id);
    setNotice(null);
    try {
      const next = await communitiesApi.transfer(community.slug, persona.id);
      setPending(null);
      setCommunity(next);
      // The new community may not say who I am now; ask for it whole.
      await reloadCommunity();
      setNotice({
        tone: 'success',
        text: `@${persona.handle} owns ${community.name} now. You stay on as a moderator.`,
      });
    } catch (error) {
      setNotice({ tone: 'error', text: message(error, 'Ownership could not be transferred.') });
    } finally {
      setBusy(null);
    }
  }

  async function remove(persona: Persona, ban: boolean, reason: string) {
    setBusy(persona.id);
    setNotice(null);
    try {
      await communitiesApi.removeMember(community.slug, persona.id, {
        ban,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setPending(null);
      await Promise.all([reload(), reloadCommunity()]);
      setNotice({
        tone: 'success',
        text: ban
          ? `@${persona.handle} was banned: they cannot come back under any handle.`
          : `@${persona.handle} was removed. They may join again${community.visibility === 'private' ? ' with a new invite' : ''}.`,
      });
    } catch (error) {
      setNotice({ tone: 'error', text: message(error, 'The member could not be removed.') });
    } finally {
      setBusy(null);
    }
  }

  const mayRemove = (persona: Persona) =>
    persona.role !== 'owner' && (owner || persona.role === 'member') && persona.id !== me?.id;

  return (
    <section className="panel" aria-labelledby="roles-title">
      <div className="panel__header">
        <h2 id="roles-title" className="panel__title">
          Members and roles
        </h2>
        <p className="panel__lead">
          {owner
            ? 'Moderators can invite people and remove or ban members. Only you, the owner, can change roles, hand the community over or delete it.'
            : 'As a moderator you can remove or ban members. Roles are the owner’s to change.'}
        </p>
      </div>
      <StatusMessage notice={notice} className="settings__notice" />
      {state.status === 'loading' ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading members…
        </p>
      ) : state.status === 'failed' ? (
        <div className="muted-state">
          <StatusMessage notice={{ tone: 'error', text: state.message }} />
          <Button variant="secondary" size="sm" onClick={() => void reload()}>
            Try again
          </Button>
        </div>
      ) : (
        <>
          <ul className="member-rows" aria-label="Members">
            {state.items.map((persona) => {
              const self = persona.id === me?.id || persona.handle === me?.handle;
              const open = pending?.id === persona.id ? pending.kind : null;
              return (
                <li key={persona.id} className="member-row">
                  <div className="member-row__main">
                    <Monogram name={persona.displayName || persona.handle} size="sm" />
                    <div className="member-row__who">
                      <p className="member-row__handle">
                        @{persona.handle}
                        {self ? <span className="chip">You</span> : null}
                      </p>
                      <p className="member-row__meta">
                        {persona.displayName ? <>{persona.displayName} · </> : null}
                        {persona.joinedAt ? `joined ${formatDate(persona.joinedAt)}` : ''}
                      </p>
                    </div>
                    <span className={persona.role === 'member' ? 'chip' : 'badge'}>
                      {ROLE_LABELS[persona.role]}
                    </span>
                    <div className="member-row__actions">
                      {owner && !self && persona.role !== 'owner' ? (
                        <>
                          <Button
                            variant="secondary"
                            size="sm"
                            busy={busy === persona.id && open === null}
                            disabled={busy !== null}
                            onClick={() =>
                              void setRole(persona, persona.role === 'moderator' ? 'member' : 'moderator')
                            }
                            aria-label={
                              persona.role === 'moderator'
                                ? `Make @${persona.handle} an ordinary member`
                                : `Make @${persona.handle} a moderator`
                            }
                          >
                            {persona.role === 'moderator' ? 'Make member' : 'Make moderator'}
                          </Button>
                          <Button
                            variant="ghost"
                            size="sm"
                            disabled={busy !== null}
                            aria-expanded={open === 'transfer'}
                            onClick={() =>
                              setPending(open === 'transfer' ? null : { id: persona.id, kind: 'transfer' })
                            }
                            aria-label={`Transfer ownership to @${persona.handle}`}
                          >
                            Transfer ownership…
                          </Button>
                        </>
                      ) : null}
                      {mayRemove(persona) && !self ? (
                        <Button
                          variant="danger-ghost"
                          size="sm"
                          disabled={busy !== null}
                          aria-expanded={open === 'remove'}
                          onClick={() =>
                            setPending(open === 'remove' ? null : { id: persona.id, kind: 'remove' })
                          }
                          aria-label={`Remove or ban @${persona.handle}`}
                        >
                          Remove…
                        </Button>
                      ) : null}
                    </div>
                  </div>
                  {open === 'transfer' ? (
                    <TransferConfirm
                      handle={persona.handle}
                      communityName={community.name}
                      busy={busy === persona.id}
                      onConfirm={() => void transfer(persona)}
                      onCancel={() => setPending(null)}
                    />
                  ) : null}
                  {open === 'remove' ? (
                    <RemoveForm
                      handle={persona.handle}
                      busy={busy === persona.id}
                      onConfirm={(ban, reason) => void remove(persona, ban, reason)}
                      onCancel={() => setPending(null)}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
          {state.nextCursor ? (
            <LoadMore label="Load more members" busy={state.loadingMore} onLoad={loadMore} />
          ) : null}
          <StatusMessage notice={state.moreError ? { tone: 'error', text: state.moreError } : null} />
        </>
      )}
    </section>
  );
}

function TransferConfirm({
  handle,
  communityName,
  busy,
  onConfirm,
  onCancel,
}: {
  handle: string;
  communityName: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  return (
    <div ref={ref} className="member-row__confirm">
      <p>
        Make <strong>@{handle}</strong> the owner of {communityName}? They get every power you have now,
        including deleting it. You become a moderator, and cannot take it back yourself.
      </p>
      <div className="form-actions">
        <Button variant="danger" size="sm" busy={busy} busyLabel="Transferring…" onClick={onConfirm}>
          Make @{handle} the owner
        </Button>
        <Button variant="ghost" size="sm" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function RemoveForm({
  handle,
  busy,
  onConfirm,
  onCancel,
}: {
  handle: string;
  busy: boolean;
  onConfirm: (ban: boolean, reason: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [ban, setBan] = useState(false);
  const [reason, setReason] = useState('');
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onConfirm(ban, reason);
  }

  return (
    <form ref={ref} className="member-row__confirm" onSubmit={submit} noValidate>
      <fieldset className="choice-list">
        <legend className="field__label">What should happen to @{handle}?</legend>
        <div className="check">
          <input
            id={`${id}-remove`}
            type="radio"
            name={`${id}-action`}
            checked={!ban}
            onChange={() => setBan(false)}
          />
          <label htmlFor={`${id}-remove`}>
            <strong>Remove.</strong> They leave now, and may join again later.
          </label>
        </div>
        <div className="check">
          <input
            id={`${id}-ban`}
            type="radio"
            name={`${id}-action`}
            checked={ban}
            onChange={() => setBan(true)}
          />
          <label htmlFor={`${id}-ban`}>
            <strong>Ban.</strong> They leave now and can never rejoin, under any handle.
          </label>
        </div>
      </fieldset>
      <TextAreaField
        label="Reason"
        name="reason"
        rows={2}
        maxLength={500}
        optional
        value={reason}
        onValueChange={setReason}
        hint="Kept in the audit log for the owner. Not shown to the member."
      />
      <div className="form-actions">
        <Button
          type="submit"
          variant="danger"
          size="sm"
          busy={busy}
          busyLabel={ban ? 'Banning…' : 'Removing…'}
        >
          {ban ? `Ban @${handle}` : `Remove @${handle}`}
        </Button>
        <Button variant="ghost" size="sm" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
