import { type FormEvent, useCallback, useId, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { communitiesApi, type Invite, inviteLink } from '../../../api/communities.ts';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { TextField } from '../../../components/fields.tsx';
import { PlusIcon } from '../../../components/icons.tsx';
import { LoadMore } from '../../../components/load-more.tsx';
import { type FieldErrors, toFormErrors } from '../../../lib/form-errors.ts';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useFocusFirstInvalid } from '../../../lib/use-focus-first-invalid.ts';
import { useCommunity } from '../community-context.ts';
import { usePaged } from '../use-paged.ts';

/** Every invite expires; the server allows up to 90 days. */
const EXPIRIES: { hours: number; label: string }[] = [
  { hours: 1, label: 'In 1 hour' },
  { hours: 24, label: 'In 1 day' },
  { hours: 24 * 7, label: 'In 7 days' },
  { hours: 24 * 30, label: 'In 30 days' },
  { hours: 24 * 90, label: 'In 90 days' },
];

const LABELS = { expiresInHours: 'Expires', maxUses: 'Uses allowed' };

function inviteState(invite: Invite, now = Date.now()): 'active' | 'expired' | 'used' {
  if (new Date(invite.expiresAt).getTime() <= now) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used';
  return 'active';
}

/** Copies text, falling back to selecting it so the person can copy it by hand. */
async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    fallback?.focus();
    fallback?.select();
    return false;
  }
}

export function InviteSettings() {
  const { community } = useCommunity();
  useDocumentTitle(`Invites · ${community.name}`);
  const fetchPage = useCallback(
    (cursor: string | null) => communitiesApi.invites(community.slug, cursor),
    [community.slug],
  );
  const { state, reload, loadMore } = usePaged(fetchPage, 'The invites could not be loaded.');
  const [expiry, setExpiry] = useState<string>('168');
  const [maxUses, setMaxUses] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [listNotice, setListNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [created, setCreated] = useState<Invite | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const expiryId = useId();
  useFocusFirstInvalid(formRef, errors);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FieldErrors = {};
    const uses = maxUses.trim();
    if (uses !== '' && (!/^\d+$/.test(uses) || Number(uses) < 1))
      local.maxUses = 'Enter a whole number of at least 1, or leave it empty for no limit.';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setNotice(null);
    try {
      const invite = await communitiesApi.createInvite(community.slug, {
        expiresInHours: Number(expiry),
        ...(uses ? { maxUses: Number(uses) } : {}),
      });
      setCreated(invite);
      setMaxUses('');
      setNotice({
        tone: 'success',
        text: 'Invite created. Copy the link and send it to the people you want.',
      });
      await reload();
    } catch (error) {
      const result = toFormErrors(error, { labels: LABELS });
      setErrors(result.fields);
      setNotice(result.general ? { tone: 'error', text: result.general } : null);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(invite: Invite) {
    setRevoking(invite.code);
    setListNotice(null);
    try {
      await communitiesApi.revokeInvite(community.slug, invite.code);
      if (created?.code === invite.code) setCreated(null);
      await reload();
      setListNotice({ tone: 'success', text: 'Invite revoked: its link no longer works.' });
    } catch (error) {
      setListNotice({
        tone: 'error',
        text: error instanceof ApiError ? error.message : 'The invite could not be revoked.',
      });
    } finally {
      setRevoking(null);
    }
  }

  return (
    <div className="panel-stack">
      <form ref={formRef} className="panel form" onSubmit={create} noValidate aria-labelledby="invite-title">
        <div className="panel__header">
          <h2 id="invite-title" className="panel__title">
            Invite people
          </h2>
          <p className="panel__lead">
            {community.visibility === 'private'
              ? `${community.name} is private: an invite link is the only way in.`
              : `${community.name} is public, so anyone can join; an invite link is a handy way to bring people straight here.`}{' '}
            Whoever opens the link still chooses their own handle and what to share.
          </p>
        </div>
        <div className="form-grid invite-form">
          <div className="field">
            <label className="field__label" htmlFor={expiryId}>
              {LABELS.expiresInHours}
            </label>
            <select
              id={expiryId}
              className="input select"
              value={expiry}
              onChange={(event) => setExpiry(event.target.value)}
            >
              {EXPIRIES.map((option) => (
                <option key={option.label} value={String(option.hours)}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label={LABELS.maxUses}
            name="maxUses"
            type="number"
            inputMode="numeric"
            min={1}
            optional
            placeholder="No limit"
            value={maxUses}
            onValueChange={setMaxUses}
            error={errors.maxUses}
          />
          <div className="invite-form__submit">
            <Button type="submit" busy={busy} busyLabel="Creating…">
              <PlusIcon className="icon icon--inline" />
              Create invite link
            </Button>
          </div>
        </div>
        <StatusMessage notice={notice} />
        {created ? <InviteLinkBox slug={community.slug} invite={created} highlight /> : null}
      </form>

      <section className="panel" aria-labelledby="invites-title">
        <div className="panel__header">
          <h2 id="invites-title" className="panel__title">
            Invite links
          </h2>
          <p className="panel__lead">Revoke a link the moment it has gone further than you meant.</p>
        </div>
        <StatusMessage notice={listNotice} className="settings__notice" />
        {state.status === 'loading' ? (
          <p className="muted-state" role="status">
            <span className="spinner" aria-hidden="true" /> Loading invites…
          </p>
        ) : state.status === 'failed' ? (
          <div className="muted-state">
            <StatusMessage notice={{ tone: 'error', text: state.message }} />
            <Button variant="secondary" size="sm" onClick={() => void reload()}>
              Try again
            </Button>
          </div>
        ) : state.items.length === 0 ? (
          <p className="empty-line">No invite links yet. Create one above.</p>
        ) : (
          <>
            <ul className="invite-list" aria-label="Invite links">
              {state.items.map((invite) => {
                const status = inviteState(invite);
                return (
                  <li key={invite.code} className={`invite invite--${status}`}>
                    <div className="invite__main">
                      <p className="invite__code">
                        <code>{invite.code}</code>
                        {status === 'expired' ? <span className="chip">Expired</span> : null}
                        {status === 'used' ? <span className="chip">Used up</span> : null}
                      </p>
                      <p className="invite__meta">
                        {invite.maxUses === null
                          ? `Used ${invite.uses} ${invite.uses === 1 ? 'time' : 'times'}, no limit`
                          : `Used ${invite.uses} of ${invite.maxUses}`}
                        <span aria-hidden="true"> · </span>
                        {status === 'expired' ? 'expired ' : 'expires '}
                        <time dateTime={invite.expiresAt} title={formatDateTime(invite.expiresAt)}>
                          {formatRelative(invite.expiresAt)}
                        </time>
                        <span aria-hidden="true"> · </span>
                        created <time dateTime={invite.createdAt}>{formatRelative(invite.createdAt)}</time>
                      </p>
                    </div>
                    <div className="invite__actions">
                      {status === 'active' ? (
                        <CopyButton text={inviteLink(community.slug, invite.code)} code={invite.code} />
                      ) : null}
                      <Button
                        variant="danger-ghost"
                        size="sm"
                        busy={revoking === invite.code}
                        busyLabel="Revoking…"
                        disabled={revoking !== null}
                        onClick={() => void revoke(invite)}
                        aria-label={`Revoke invite ${invite.code}`}
                      >
                        Revoke
                      </Button>
                    </div>
                  </li>
                );
              })}
            </ul>
            {state.nextCursor ? (
              <LoadMore label="Load more invites" busy={state.loadingMore} onLoad={loadMore} />
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}

function CopyButton({ text, code }: { text: string; code: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={copied ? `Link for invite ${code} copied` : `Copy the link for invite ${code}`}
      onClick={async () => {
        setCopied(await copyText(text, null));
        window.setTimeout(() => setCopied(false), 2500);
      }}
    >
      {copied ? 'Copied' : 'Copy link'}
    </Button>
  );
}

/** The new invite's link, ready to copy. */
function InviteLinkBox({ slug, invite, highlight }: { slug: string; invite: Invite; highlight?: boolean }) {
  const link = inviteLink(slug, invite.code);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const [status, setStatus] = useState<Notice | null>(null);
  return (
    <div className={highlight ? 'invite-link invite-link--new' : 'invite-link'}>
      <label className="field__label" htmlFor={id}>
        Invite link
      </label>
      <div className="invite-link__row">
        <input
          ref={inputRef}
          id={id}
          className="input invite-link__input"
          value={link}
          readOnly
          onFocus={(event) => event.target.select()}
        />
        <Button
          variant="primary"
          onClick={async () => {
            const ok = await copyText(link, inputRef.current);
            setStatus(
              ok
                ? { tone: 'success', text: 'Link copied.' }
                : {
                    tone: 'info',
                    text: 'Your browser did not allow copying: the link is selected, copy it by hand.',
                  },
            );
          }}
        >
          Copy link
        </Button>
      </div>
      <p className="field__hint">
        {invite.maxUses === null
          ? 'Any number of people'
          : `Up to ${invite.maxUses} ${invite.maxUses === 1 ? 'person' : 'people'}`}{' '}
        can join with it, until {formatDateTime(invite.expiresAt)}.
      </p>
      <StatusMessage notice={status} />
    </div>
  );
}
