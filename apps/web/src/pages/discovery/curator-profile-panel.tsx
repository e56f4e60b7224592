import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { CURATOR_BIO_MAX, type Curator, curatorPath } from '../../api/discovery.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { Button, type Notice, StatusMessage } from '../../components/feedback.tsx';
import { TextAreaField, TextField } from '../../components/fields.tsx';
import { ShieldIcon } from '../../components/icons.tsx';
import { Monogram } from '../../components/wordmark.tsx';
import { discoveryStore, useDiscovery } from '../../discovery/discovery-store.ts';
import { HANDLE_MAX, HANDLE_RULE, handleProblem } from '../../lib/community-meta.ts';
import { type FieldErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid.ts';
import { pickCountText } from './curator-suggestions.tsx';

/**
 * My public curator profile: opting in under a name chosen for curation, renaming, opting out.
 * Picks are private until then; the profile never links to any community persona.
 */
export function CuratorProfilePanel() {
  const discovery = useDiscovery('me');
  const announce = useAnnounce();
  const me = discovery.me;
  const [editing, setEditing] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);

  return (
    <section className="panel curator-profile" aria-labelledby="curator-profile-title">
      <div className="panel__header">
        <h2 id="curator-profile-title" className="panel__title">
          Your curator profile
        </h2>
        <p className="panel__lead">
          Share your picks, and people can trust your taste: what you pick then reaches their Discover page,
          with your note.
        </p>
      </div>
      <div className="privacy-callout curator-profile__promise">
        <ShieldIcon className="icon privacy-callout__icon" />
        <div>
          <p>
            <strong>
              Your picks become public under this name; it is not linked to your community personas.
            </strong>{' '}
            Choose a name you use nowhere else if you want them kept apart. What you play stays private either
            way: it only ever counts, unnamed, as “played in someone’s micro-elite”.
          </p>
        </div>
      </div>
      <StatusMessage notice={notice} />
      {me === undefined ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading your profile…
        </p>
      ) : me === null ? (
        <CuratorForm
          me={null}
          onSaved={(saved) => {
            setNotice({
              tone: 'success',
              text: `You are @${saved.handle}, curator. Your picks are public now.`,
            });
          }}
        />
      ) : editing ? (
        <CuratorForm
          me={me}
          onSaved={(saved) => {
            setEditing(false);
            announce(`Saved. You are @${saved.handle}.`);
            requestAnimationFrame(() => editRef.current?.focus());
          }}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => editRef.current?.focus());
          }}
        />
      ) : (
        <div className="curator-profile__card">
          <Monogram name={me.handle} size="md" />
          <div className="curator-profile__who">
            <Link to={curatorPath(me.handle)} className="curator-profile__handle">
              @{me.handle}
            </Link>
            <p className="curator-profile__bio">{me.bio || 'No bio yet.'}</p>
            <p className="curator-profile__meta">{pickCountText(me.pickCount)}, public</p>
          </div>
          <div className="curator-profile__buttons">
            <Button ref={editRef} variant="secondary" size="sm" onClick={() => setEditing(true)}>
              Rename or edit
            </Button>
            <Button variant="danger-ghost" size="sm" onClick={() => setLeaving(true)}>
              Stop sharing…
            </Button>
          </div>
        </div>
      )}
      <ConfirmDialog
        open={leaving}
        onClose={() => setLeaving(false)}
        title="Stop sharing your picks?"
        description={
          me
            ? `@${me.handle} goes away, and everyone who trusts it stops. Your picks stay, private to you; you can share them again later, under any name.`
            : ''
        }
        confirmLabel="Stop sharing"
        busyLabel="Stopping…"
        onConfirm={async () => {
          await discoveryStore.deleteMe();
          setLeaving(false);
          setNotice({ tone: 'success', text: 'Your curator profile is gone. Your picks are private again.' });
        }}
      />
    </section>
  );
}

function CuratorForm({
  me,
  onSaved,
  onCancel,
}: {
  me: Curator | null;
  onSaved: (saved: Curator) => void;
  onCancel?: () => void;
}) {
  const [handle, setHandle] = useState(me?.handle ?? '');
  const [bio, setBio] = useState(me?.bio ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);

  useEffect(() => {
    if (me) formRef.current?.querySelector('input')?.focus();
  }, [me]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = handle.trim() ? handleProblem(handle) : 'Choose the name your picks go by.';
    if (problem) {
      setErrors({ handle: problem });
      return;
    }
    setBusy(true);
    setErrors({});
    setGeneral(null);
    try {
      const saved = await discoveryStore.saveMe({ handle: handle.trim().replace(/^@/, ''), bio: bio.trim() });
      setBusy(false);
      onSaved(saved);
    } catch (error) {
      setBusy(false);
      const found = toFormErrors(error, {
        labels: { handle: 'The name', bio: 'The bio' },
        codeFields: { handle_taken: 'handle' },
      });
      setErrors(found.fields);
      setGeneral(found.general);
    }
  }

  return (
    <form ref={formRef} className="form curator-form" onSubmit={submit} noValidate>
      <div className="form-grid">
        <TextField
          label="Curator name"
          hint={`${HANDLE_RULE} Shown as @name.`}
          value={handle}
          onValueChange={setHandle}
          error={errors.handle}
          maxLength={HANDLE_MAX}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
        <TextAreaField
          label="A line about your taste"
          optional
          hint="What you listen for, where you dig: it helps people decide to trust you."
          value={bio}
          onValueChange={setBio}
          error={errors.bio}
          maxLength={CURATOR_BIO_MAX}
          rows={3}
        />
      </div>
      <StatusMessage notice={general ? { tone: 'error', text: general } : null} />
      <div className="form-actions">
        <Button type="submit" busy={busy} busyLabel="Saving…">
          {me ? 'Save' : 'Share my picks'}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
