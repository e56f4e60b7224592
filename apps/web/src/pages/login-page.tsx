import { type FormEvent, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { accountApi } from '../api/account.ts';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { AuthShell } from '../components/auth-shell.tsx';
import { Button, type Notice, StatusMessage } from '../components/feedback.tsx';
import { PasswordField, TextField } from '../components/fields.tsx';
import { readFlashState } from '../lib/flash.ts';
import { type FieldErrors, toFormErrors, waitMessage } from '../lib/form-errors.ts';
import { useCountdown } from '../lib/use-countdown.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';

const LABELS = { email: 'Email', password: 'Password' };

/** 75 → "1:15", so a long wait reads like a timer rather than a big number. */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

export function LoginPage() {
  useDocumentTitle('Log in');
  const { state, signedIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = readFlashState(location.state).from ?? '/me';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCountdown();

  if (state.status === 'authenticated' && !busy) return <Navigate to={from} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FieldErrors = {};
    if (email.trim() === '') local.email = 'Enter the email you signed up with.';
    if (password === '') local.password = 'Enter your password.';
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setNotice({ tone: 'error', text: 'Please fill in both fields.' });
      return;
    }
    setNotice(null);
    setBusy(true);
    try {
      const profile = await accountApi.login({ email: email.trim(), password });
      signedIn(profile);
      navigate(from, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setNotice({
          tone: 'error',
          text: 'That email and password do not match an account. Check them and try again.',
        });
        setPassword('');
      } else if (error instanceof ApiError && error.status === 429) {
        const seconds = error.retryAfterSeconds;
        if (seconds !== null) wait.start(seconds);
        setNotice({ tone: 'error', text: waitMessage(seconds) });
      } else {
        const result = toFormErrors(error, { labels: LABELS });
        setErrors(result.fields);
        setNotice({ tone: 'error', text: result.general ?? 'Please fix the highlighted fields.' });
      }
      setBusy(false);
    }
  }

  const waiting = wait.secondsLeft > 0;
  return (
    <AuthShell
      title="Welcome back"
      intro="Log in to edit your profile and see where you are logged in."
      footer={
        <>
          New to Coterie?{' '}
          <Link to="/signup" state={location.state}>
            Create an account
          </Link>
        </>
      }
    >
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        <TextField
          label={LABELS.email}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="off"
          required
          value={email}
          onValueChange={setEmail}
          error={errors.email}
        />
        <PasswordField
          label={LABELS.password}
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onValueChange={setPassword}
          error={errors.password}
        />
        <StatusMessage notice={notice} />
        <Button
          type="submit"
          busy={busy}
          busyLabel="Logging in…"
          disabled={waiting}
          className="button--block"
        >
          {waiting ? `Try again in ${clock(wait.secondsLeft)}` : 'Log in'}
        </Button>
      </form>
    </AuthShell>
  );
}
