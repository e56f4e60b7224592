import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { accountApi, type PostsOnErasure } from '../../api/account.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { Button, type Notice, StatusMessage } from '../../components/feedback.tsx';
import { PasswordField } from '../../components/fields.tsx';
import { RadioCards } from '../../components/radio-cards.tsx';
import type { FlashState } from '../../lib/flash.ts';
import { type FieldErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid.ts';

/** Erasing an account takes two deliberate steps: open the form, then confirm with the password. */
export function DeleteAccountPanel() {
  const { forget } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [posts, setPosts] = useState<PostsOnErasure>('delete');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);

  useEffect(() => {
    if (open) formRef.current?.querySelector('input')?.focus();
  }, [open]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FieldErrors = {};
    if (password === '') local.password = 'Enter your password to confirm.';
    if (!understood) local.understood = 'Tick the box to confirm that you understand.';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setNotice(null);
    try {
      await accountApi.deleteAccount(password, posts);
      const flash: FlashState = {
        flash: {
          tone: 'success',
          text:
            posts === 'anonymise'
              ? 'Your account was deleted and everything in it erased; your posts stay, signed by no one. Goodbye, and thank you.'
              : 'Your account was deleted, and everything in it erased. Goodbye, and thank you.',
        },
      };
      navigate('/', { replace: true, state: flash });
      forget();
    } catch (error) {
      const result = toFormErrors(error, {
        labels: { password: 'Password' },
        codeFields: { wrong_password: 'password' },
        codeMessages: { wrong_password: 'That is not your password.' },
      });
      setErrors(result.fields);
      setNotice(result.general ? { tone: 'error', text: result.general } : null);
      setBusy(false);
    }
  }

  function cancel() {
    setOpen(false);
    setPassword('');
    setUnderstood(false);
    setPosts('delete');
    setErrors({});
    setNotice(null);
  }

  return (
    <section className="panel panel--danger" aria-labelledby="delete-title">
      <div className="panel__header">
        <h2 id="delete-title" className="panel__title">
          Delete my account
        </h2>
        <p className="panel__lead">
          Erases your profile, your sessions, your memberships and everything you shared, everywhere on this
          server. You choose what happens to your posts and comments. Records of payments are kept without
          your name, as accounting law requires. This cannot be undone.
        </p>
      </div>
      {open ? (
        <form ref={formRef} className="form delete-form" onSubmit={submit} noValidate>
          <PasswordField
            label="Password"
            name="password"
            autoComplete="current-password"
            value={password}
            onValueChange={setPassword}
            error={errors.password}
            hint="Your password confirms that it really is you."
            fieldClassName="delete-form__password"
          />
          <RadioCards<PostsOnErasure>
            legend="Your posts and comments"
            name="posts"
            value={posts}
            onChange={setPosts}
            options={[
              {
                value: 'delete',
                label: 'Delete my posts and comments',
                text: 'They disappear from every community, with their pictures and reactions.',
              },
              {
                value: 'anonymise',
                label: 'Keep them, without my name',
                text: 'They stay where they are, signed “Former member”. Nothing in them links back to you, unless you wrote it yourself.',
              },
            ]}
          />
          <div className={errors.understood ? 'check field--invalid' : 'check'}>
            <input
              id="delete-understood"
              type="checkbox"
              checked={understood}
              onChange={(event) => setUnderstood(event.target.checked)}
              aria-describedby={errors.understood ? 'delete-understood-error' : undefined}
              aria-invalid={errors.understood ? true : undefined}
            />
            <label htmlFor="delete-understood">
              I understand that my account and my data will be gone for good.
              {posts === 'anonymise' ? ' My posts and comments stay, without my name.' : null}
            </label>
          </div>
          {errors.understood ? (
            <p className="field__error" id="delete-understood-error">
              <span aria-hidden="true" className="field__error-icon">
                !
              </span>
              {errors.understood}
            </p>
          ) : null}
          <StatusMessage notice={notice} />
          <div className="form-actions">
            <Button type="submit" variant="danger" busy={busy} busyLabel="Deleting…">
              Delete my account for good
            </Button>
            <Button variant="ghost" onClick={cancel} disabled={busy}>
              Keep my account
            </Button>
          </div>
        </form>
      ) : (
        <div className="form-actions">
          <Button variant="danger-ghost" onClick={() => setOpen(true)}>
            Delete my account…
          </Button>
        </div>
      )}
    </section>
  );
}
