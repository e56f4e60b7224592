import { type FormEvent, useRef, useState } from 'react';
import { accountApi } from '../../api/account.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { Button, type Notice, StatusMessage } from '../../components/feedback.tsx';
import { TextAreaField, TextField } from '../../components/fields.tsx';
import { PersonaIcon } from '../../components/icons.tsx';
import { type FieldErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid.ts';
import { LinksEditor } from './links-editor.tsx';
import {
  buildUpdate,
  formFromProfile,
  formSignature,
  type ProfileForm,
  remapLinkErrors,
} from './profile-form-model.ts';

const LABELS = {
  displayName: 'Display name',
  realName: 'Real name',
  location: 'Location',
  bio: 'About you',
  avatarUrl: 'Picture address',
  birthday: 'Birthday',
  links: 'Links',
};

const today = () => new Date().toISOString().slice(0, 10);

export function ProfilePage() {
  useDocumentTitle('Your profile');
  const { state, updateMe } = useAuth();
  const me = state.status === 'authenticated' ? state.me : null;
  const [form, setForm] = useState<ProfileForm | null>(() => (me ? formFromProfile(me) : null));
  const [saved, setSaved] = useState(() => (form ? formSignature(form) : ''));
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  if (!form) return null;
  const dirty = formSignature(form) !== saved;
  const set =
    <K extends keyof ProfileForm>(key: K) =>
    (value: ProfileForm[K]) =>
      setForm((current) => (current ? { ...current, [key]: value } : current));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form) return;
    const built = buildUpdate(form);
    setErrors(built.errors);
    if (Object.keys(built.errors).length > 0) {
      setNotice({ tone: 'error', text: 'Some fields need a second look before saving.' });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const profile = await accountApi.updateProfile(built.update);
      updateMe(profile);
      const next = formFromProfile(profile);
      setForm(next);
      setSaved(formSignature(next));
      setNotice({ tone: 'success', text: 'Your profile is saved.' });
    } catch (error) {
      const result = toFormErrors(error, { labels: LABELS });
      setErrors(remapLinkErrors(result.fields, built.linkRows));
      setNotice({ tone: 'error', text: result.general ?? 'Some fields need a second look before saving.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="profile-title" className="panel-stack">
      <div className="privacy-callout">
        <PersonaIcon className="icon privacy-callout__icon" />
        <div>
          <h1 id="profile-title" className="page-title">
            Your private profile
          </h1>
          <p>
            Only you see this page. No community ever sees your profile whole: when you join one, you choose a
            handle for it and which of these fields it may see, and you can change your mind at any time.
          </p>
        </div>
      </div>

      <form ref={formRef} className="panel form" onSubmit={submit} noValidate>
        <div className="panel__header">
          <h2 className="panel__title">About you</h2>
          <p className="panel__lead">Everything here is optional except your display name.</p>
        </div>
        <div className="form-grid form-grid--pairs">
          <TextField
            label={LABELS.displayName}
            name="displayName"
            autoComplete="nickname"
            maxLength={80}
            required
            value={form.displayName}
            onValueChange={set('displayName')}
            error={errors.displayName}
            hint="How you appear across this server."
          />
          <TextField
            label={LABELS.realName}
            name="realName"
            autoComplete="name"
            maxLength={120}
            optional
            value={form.realName}
            onValueChange={set('realName')}
            error={errors.realName}
            hint="For communities that use real names."
          />
          <TextField
            label={LABELS.location}
            name="location"
            autoComplete="address-level2"
            maxLength={120}
            optional
            value={form.location}
            onValueChange={set('location')}
            error={errors.location}
            hint="A city or a region is plenty."
          />
          <TextField
            label={LABELS.birthday}
            name="birthday"
            type="date"
            autoComplete="bday"
            min="1900-01-01"
            max={today()}
            optional
            value={form.birthday}
            onValueChange={set('birthday')}
            error={errors.birthday}
            hint="Never shown unless you choose to share it."
          />
        </div>
        <TextAreaField
          label={LABELS.bio}
          name="bio"
          rows={5}
          maxLength={2000}
          optional
          value={form.bio}
          onValueChange={set('bio')}
          error={errors.bio}
          hint="A few lines about what you make, love or listen to."
        />
        <TextField
          label={LABELS.avatarUrl}
          name="avatarUrl"
          type="url"
          inputMode="url"
          spellCheck={false}
          autoCapitalize="off"
          maxLength={500}
          optional
          placeholder="https://"
          value={form.avatarUrl}
          onValueChange={set('avatarUrl')}
          error={errors.avatarUrl}
          hint="A link to a picture of you or your work."
        />
        <LinksEditor rows={form.links} onChange={set('links')} errors={errors} />
        <div className="form-actions form-actions--footer">
          <Button type="submit" busy={busy} busyLabel="Saving…">
            Save profile
          </Button>
          <span className="form-actions__hint" aria-hidden={!dirty}>
            {dirty ? 'You have unsaved changes.' : ''}
          </span>
          <StatusMessage notice={notice} className="form-actions__status" />
        </div>
      </form>
    </section>
  );
}
