import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { communitiesApi } from '../../../api/communities.ts';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { TextField } from '../../../components/fields.tsx';
import type { FlashState } from '../../../lib/flash.ts';
import { toFormErrors } from '../../../lib/form-errors.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCommunity } from '../community-context.ts';

/** Deleting a community destroys its key, so what it held is unreadable for good, backups included. */
export function DangerZone() {
  const { community } = useCommunity();
  useDocumentTitle(`Danger zone · ${community.name}`);
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const matches = typed.trim() === community.slug;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!matches) {
      setError(`Type ${community.slug} exactly, to show you mean it.`);
      return;
    }
    setError(undefined);
    setBusy(true);
    setNotice(null);
    try {
      await communitiesApi.remove(community.slug, typed.trim());
      const flash: FlashState = {
        flash: { tone: 'success', text: `${community.name} was deleted, with everything it held.` },
      };
      navigate('/me/communities', { replace: true, state: flash });
    } catch (failure) {
      const result = toFormErrors(failure, { labels: { confirmSlug: 'The address' } });
      setError(result.fields.confirmSlug);
      setNotice(result.general ? { tone: 'error', text: result.general } : null);
      setBusy(false);
    }
  }

  return (
    <section className="panel panel--danger" aria-labelledby="delete-community-title">
      <div className="panel__header">
        <h2 id="delete-community-title" className="panel__title">
          Delete {community.name}
        </h2>
        <p className="panel__lead">
          Deleting destroys the community’s own encryption key. Everything its {community.memberCount}{' '}
          {community.memberCount === 1 ? 'member' : 'members'} shared with it becomes unreadable at once,
          backups included, and its address is freed. Members keep their accounts. This cannot be undone.
        </p>
      </div>
      <form className="form delete-form" onSubmit={submit} noValidate>
        <TextField
          label={
            <>
              Type <code>{community.slug}</code> to confirm
            </>
          }
          name="confirmSlug"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          value={typed}
          onValueChange={setTyped}
          error={error}
          fieldClassName="delete-form__password"
        />
        <StatusMessage notice={notice} />
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={busy} busyLabel="Deleting…" disabled={!matches}>
            Delete this community for good
          </Button>
        </div>
      </form>
    </section>
  );
}
