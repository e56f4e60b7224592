import { useState } from 'react';
import { useAuth } from '../../auth/auth-context.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { ChangeEmailForm } from './change-email-form.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';
import { SessionsPanel } from './sessions-panel.tsx';

export function SecurityPage() {
  useDocumentTitle('Security');
  const { state } = useAuth();
  // A password change ends the other sessions, so the list is fetched again afterwards.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  if (state.status !== 'authenticated') return null;
  return (
    <div className="panel-stack">
      <h1 className="page-title page-title--section">Security</h1>
      <SessionsPanel reloadKey={sessionsVersion} />
      <ChangeEmailForm currentEmail={state.me.email} />
      <ChangePasswordForm onChanged={() => setSessionsVersion((v) => v + 1)} />
    </div>
  );
}
