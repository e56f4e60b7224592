import { type FormEvent, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { accountApi } from '../api/account.ts';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { AuthShell } from '../components/auth-shell.tsx';
import { Button, type Notice, StatusMessage } from '../components/feedback.tsx';
import { PasswordField, TextField } from '../components/fields.tsx';
import { type FlashState, readFlashState } from '../lib/flash.ts';
import { type FieldErrors, toFormErrors, waitMessage } from '../lib/form-errors.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';

const LABELS = { email: 'Email', displayName: 'Display name', password: 'Password' };
const PASSWORD_RULE = 'At least 10 characters. Not your email or your name, and not a common password.';

function checkLocally(email: string, displayName: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email.trim()))
    errors.email = 'Enter an email address like name@example.com.';
  if (displayName.trim() === '') errors.displayName = 'Enter the name people will know you by.';
  if ([...password].length < 10) errors.password = 'Use at least 10 characters.';
  return errors;
}

export function SignupPage() {
  useDocumentTitle('Sign up');
  const { state, signedIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  // Where the person was going (an invite link, say) before they were asked to sign up.
  const from = readFlashState(location.state).from;
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === 'authenticated' && !busy) return <Navigate to={from ?? '/me'} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local = checkLocally(email, displayName, password);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setNotice({ tone: 'error', text: 'Please fix the highlighted fields.' });
      return;
    }
    setNotice(null);
    setBusy(true);
    try {
      const profile = await accountApi.register({
        email: email.trim(),
        password,
        displayName: displayName.trim(),
      });
      signedIn(profile);
      const flash: FlashState = {
        flash: {
          tone: 'success',
          text: from
            ? `Welcome to Coterie, ${profile.displayName}.`
            : `Welcome to Coterie, ${profile.displayName}. This is your private profile.`,
        },
      };
      navigate(from ?? '/me', { replace: true, state: flash });
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        setNotice({ tone: 'error', text: waitMessage(error.retryAfterSeconds) });
      } else {
        const result = toFormErrors(error, {
          labels: LABELS,
          codeFields: { weak_password: 'password', email_taken: 'email' },
        });
        setErrors(result.fields);
        setNotice({ tone: 'error', text: result.general ?? 'Please fix the highlighted fields.' });
      }
      setBusy(false);
    }
  }

  return (
    <AuthShell
      title="Create your account"
      intro="One account for every community on this server. What each of them sees is up to you."
      footer={
        <>
          Already have an account?{' '}
          <Link to="/login" state={from ? ({ from } satisfies FlashState) : undefined}>
            Log in
          </Link>
        </>
      }
    >
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        <TextField
          label={LABELS.email}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="off"
          required
          value={email}
          onValueChange={setEmail}
          error={errors.email}
          hint="For logging in. Never shown to a community, never used for marketing."
        />
        <TextField
          label={LABELS.displayName}
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={80}
          value={displayName}
          onValueChange={setDisplayName}
          error={errors.displayName}
          hint="How you appear on this server. You can pick a different handle in each community."
        />
        <PasswordField
          label={LABELS.password}
          name="password"
          autoComplete="new-password"
          required
          value={password}
          onValueChange={setPassword}
          error={errors.password}
          hint={PASSWORD_RULE}
        />
        <StatusMessage notice={notice} />
        <Button type="submit" busy={busy} busyLabel="Creating your account…" className="button--block">
          Create account
        </Button>
      </form>
    </AuthShell>
  );
}
