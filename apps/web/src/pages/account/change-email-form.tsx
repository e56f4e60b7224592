import { type FormEvent, useRef, useState } from 'react';
import { accountApi } from '../../api/account.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { Button, type Notice, StatusMessage } from '../../components/feedback.tsx';
import { PasswordField, TextField } from '../../components/fields.tsx';
import { type FieldErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid.ts';

const LABELS = { email: 'New email', currentPassword: 'Current password' };

export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const { updateMe } = useAuth();
  const [email, setEmail] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FieldErrors = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email.trim()))
      local.email = 'Enter an email address like name@example.com.';
    else if (email.trim().toLowerCase() === currentEmail) local.email = 'That is already your email.';
    if (currentPassword === '') local.currentPassword = 'Enter your current password to confirm it is you.';
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setNotice(null);
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const profile = await accountApi.changeEmail(email.trim(), currentPassword);
      updateMe(profile);
      setEmail('');
      setCurrentPassword('');
      setNotice({ tone: 'success', text: `Done. You now log in with ${profile.email}.` });
    } catch (error) {
      const result = toFormErrors(error, {
        labels: LABELS,
        codeFields: { wrong_password: 'currentPassword', email_taken: 'email' },
        codeMessages: { wrong_password: 'That is not your current password.' },
      });
      setErrors(result.fields);
      setNotice(result.general ? { tone: 'error', text: result.general } : null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="panel form" onSubmit={submit} noValidate aria-labelledby="email-title">
      <div className="panel__header">
        <h2 id="email-title" className="panel__title">
          Email
        </h2>
        <p className="panel__lead">
          You log in with <strong>{currentEmail}</strong>. It is never shown to a community.
        </p>
      </div>
      <div className="form-grid">
        <TextField
          label={LABELS.email}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="off"
          value={email}
          onValueChange={setEmail}
          error={errors.email}
        />
        <PasswordField
          label={LABELS.currentPassword}
          name="currentPassword"
          autoComplete="current-password"
          value={currentPassword}
          onValueChange={setCurrentPassword}
          error={errors.currentPassword}
          hint="To make sure it is really you."
        />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="secondary" busy={busy} busyLabel="Changing…">
          Change email
        </Button>
        <StatusMessage notice={notice} className="form-actions__status" />
      </div>
    </form>
  );
}
