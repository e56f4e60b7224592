import { type FormEvent, useEffect, useRef, useState } from 'react';
import { accountApi, type Profile } from '../../api/account.ts';
import { ApiError } from '../../api/client.ts';
import { type Community, communitiesApi, type Membership, type ShareField } from '../../api/communities.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Button, type Notice, StatusMessage } from '../../components/feedback.tsx';
import { TextField } from '../../components/fields.tsx';
import { PersonaCard } from '../../components/persona-card.tsx';
import { SharePicker } from '../../components/share-picker.tsx';
import {
  HANDLE_MAX,
  HANDLE_RULE,
  handleProblem,
  previewPersona,
  SHARE_FIELD_INFO,
  suggestHandle,
} from '../../lib/community-meta.ts';
import { type FieldErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid.ts';

interface JoinDialogProps {
  open: boolean;
  onClose: () => void;
  community: Community;
  invite: string | null;
  onJoined: (membership: Membership) => void | Promise<void>;
}

/** "Members will see @rosa, your display name and your location." */
function shareSummary(handle: string, share: readonly ShareField[]): string {
  const who = `@${handle.trim().replace(/^@/, '') || '…'}`;
  const fields = share.map((field) => `your ${SHARE_FIELD_INFO[field].toLowerCase()}`);
  if (fields.length === 0) return `Members will see ${who} and nothing else.`;
  const list = [who, ...fields];
  return `Members will see ${list.slice(0, -1).join(', ')} and ${list.at(-1)}.`;
}

const LABELS = { handle: 'Your handle', share: 'What it may see of you', inviteCode: 'Invite code' };

/** Joining: a handle for this community, the fields it may see, and the card its members will see. */
export function JoinDialog({ open, onClose, community, invite, onJoined }: JoinDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      className="dialog--wide"
      title={`Join ${community.name}`}
      description="Choose how you appear here. Only what you tick leaves your private profile, and you can change it at any time."
    >
      <JoinForm community={community} invite={invite} onJoined={onJoined} onCancel={onClose} />
    </Dialog>
  );
}

function JoinForm({
  community,
  invite,
  onJoined,
  onCancel,
}: Omit<JoinDialogProps, 'open' | 'onClose'> & { onCancel: () => void }) {
  const { state, updateMe } = useAuth();
  const initial = state.status === 'authenticated' ? state.me : null;
  const [me, setMe] = useState<Profile | null>(initial);
  const [handle, setHandle] = useState(() => (initial ? suggestHandle(initial.displayName) : ''));
  const [share, setShare] = useState<ShareField[]>([]);
  const [inviteCode, setInviteCode] = useState(invite ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);

  // The preview is built from the profile as the server has it now, not as this tab last saw it.
  useEffect(() => {
    let cancelled = false;
    accountApi.me().then(
      (profile) => {
        if (cancelled) return;
        setMe(profile);
        updateMe(profile);
      },
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [updateMe]);

  if (!me) return null;
  const needsInvite = community.visibility === 'private';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FieldErrors = {};
    const handleIssue = handleProblem(handle);
    if (handleIssue) local.handle = handleIssue;
    if (needsInvite && inviteCode.trim() === '')
      local.inviteCode = 'This community is private: enter the code from your invite.';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setNotice(null);
    try {
      const membership = await communitiesApi.join(community.slug, {
        handle: handle.trim(),
        share,
        ...(needsInvite || inviteCode.trim() ? { inviteCode: inviteCode.trim() } : {}),
      });
      await onJoined(membership);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'already_member') {
        await onJoined({ id: '', handle: handle.trim(), role: 'member', share, joinedAt: '' });
        return;
      }
      const result = toFormErrors(error, {
        labels: LABELS,
        codeFields: { handle_taken: 'handle', invite_required: 'inviteCode', invite_invalid: 'inviteCode' },
        codeMessages: {
          handle_taken: 'Someone here already uses that handle. Try another one.',
          invite_required: 'This community is private: enter the code from your invite.',
          invite_invalid: 'That invite does not work: it may have expired, been used up or been revoked.',
          community_full: `${community.name} is full: it has reached its member cap.`,
          banned: `You cannot join ${community.name}: its moderators have banned you.`,
        },
      });
      setErrors(result.fields);
      setNotice(result.general ? { tone: 'error', text: result.general } : null);
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="join" onSubmit={submit} noValidate>
      <div className="join__grid">
        <div className="join__controls">
          <TextField
            label={LABELS.handle}
            name="handle"
            maxLength={HANDLE_MAX}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            value={handle}
            onValueChange={setHandle}
            error={errors.handle}
            hint={`How members of ${community.name} will know you; it need not match anything else. ${HANDLE_RULE}`}
          />
          {needsInvite ? (
            <TextField
              label={LABELS.inviteCode}
              name="inviteCode"
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              value={inviteCode}
              onValueChange={setInviteCode}
              error={errors.inviteCode}
              hint={invite ? 'Filled in from your invite link.' : 'From the invite link you were sent.'}
            />
          ) : null}
          <SharePicker
            profile={me}
            value={share}
            onChange={setShare}
            audience={community.name}
            error={errors.share}
          />
        </div>
        <div className="join__preview">
          <div className="join__preview-sticky">
            <PersonaCard
              persona={previewPersona(me, handle, share)}
              kicker={`Members of ${community.name} will see`}
              label="Preview of what members will see"
              variant="preview"
            />
            <p className="join__preview-note">
              This is exactly what the community receives: nothing else about you, not even your email, unless
              you tick it.
            </p>
          </div>
        </div>
      </div>
      <div className="join__footer">
        <p className="join__summary">{shareSummary(handle, share)}</p>
        <StatusMessage notice={notice} />
        <div className="form-actions">
          <Button type="submit" busy={busy} busyLabel="Joining…">
            Join {community.name}
          </Button>
          <Button variant="ghost" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        </div>
      </div>
    </form>
  );
}
