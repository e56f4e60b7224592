import { type FormEvent, useRef, useState } from 'react';
import { accountApi } from '../../api/account.ts';
import { Button, type Notice, StatusMessage } from '../../components/feedback.tsx';
import { PasswordField } from '../../components/fields.tsx';
import { type FieldErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid.ts';

const LABELS = { currentPassword: 'Current password', newPassword: 'New password' };

export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FieldErrors = {};
    if (currentPassword === '') local.currentPassword = 'Enter your current password.';
    if ([...newPassword].length < 10) local.newPassword = 'Use at least 10 characters.';
    else if (newPassword === currentPassword)
      local.newPassword = 'Choose a password different from the current one.';
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setNotice(null);
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      await accountApi.changePassword(currentPassword, newPassword);
      setCurrentPassword('');
      setNewPassword('');
      setNotice({
        tone: 'success',
        text: 'Password changed. Every other device was logged out; this one stays logged in.',
      });
      onChanged();
    } catch (error) {
      const result = toFormErrors(error, {
        labels: LABELS,
        codeFields: { wrong_password: 'currentPassword', weak_password: 'newPassword' },
        codeMessages: { wrong_password: 'That is not your current password.' },
      });
      setErrors(result.fields);
      setNotice(result.general ? { tone: 'error', text: result.general } : null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="panel form" onSubmit={submit} noValidate aria-labelledby="password-title">
      <div className="panel__header">
        <h2 id="password-title" className="panel__title">
          Password
        </h2>
        <p className="panel__lead">
          Changing it logs out every other device, in case someone else knew the old one.
        </p>
      </div>
      <div className="form-grid">
        <PasswordField
          label={LABELS.currentPassword}
          name="currentPassword"
          autoComplete="current-password"
          value={currentPassword}
          onValueChange={setCurrentPassword}
          error={errors.currentPassword}
        />
        <PasswordField
          label={LABELS.newPassword}
          name="newPassword"
          autoComplete="new-password"
          value={newPassword}
          onValueChange={setNewPassword}
          error={errors.newPassword}
          hint="At least 10 characters. Not your email or your name, and not a common password."
        />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="secondary" busy={busy} busyLabel="Changing…">
          Change password
        </Button>
        <StatusMessage notice={notice} className="form-actions__status" />
      </div>
    </form>
  );
}
