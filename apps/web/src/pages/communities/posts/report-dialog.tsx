import { type FormEvent, useId, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { postsApi, REPORT_MAX } from '../../../api/posts.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { Button, StatusMessage } from '../../../components/feedback.tsx';

const REASONS = [
  'Spam or advertising',
  'Rude, hateful or harassing',
  'Shares private information about someone',
  'Off-topic for this community',
  'Something else',
] as const;
type ReasonChoice = (typeof REASONS)[number];

interface ReportDialogProps {
  open: boolean;
  onClose: () => void;
  kind: 'post' | 'comment';
  targetId: string;
  communityName: string;
  onReported: () => void;
}

/** Telling the moderators what is wrong: a reason to pick and, if needed, a few words. */
export function ReportDialog({
  open,
  onClose,
  kind,
  targetId,
  communityName,
  onReported,
}: ReportDialogProps) {
  const id = useId();
  const firstRef = useRef<HTMLInputElement>(null);
  const [choice, setChoice] = useState<ReasonChoice | null>(null);
  const [details, setDetails] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const room = REPORT_MAX - (choice?.length ?? 0) - 2;

  function close() {
    if (busy) return;
    setChoice(null);
    setDetails('');
    setError(null);
    onClose();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!choice) {
      setError('Choose what is wrong with it.');
      firstRef.current?.focus();
      return;
    }
    const words = details.trim();
    if (choice === 'Something else' && words === '') {
      setError('Say in a few words what is wrong with it.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const reason = words ? `${choice}: ${words}` : choice;
      if (kind === 'post') await postsApi.report(targetId, reason);
      else await postsApi.reportComment(targetId, reason);
      setBusy(false);
      setChoice(null);
      setDetails('');
      onReported();
    } catch (failure) {
      setBusy(false);
      setError(failure instanceof ApiError ? failure.message : 'The report could not be sent.');
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={kind === 'post' ? 'Report this post' : 'Report this comment'}
      description={`Only the owner and moderators of ${communityName} see reports, and they are not told who sent them.`}
      className="dialog--small"
      initialFocus={firstRef}
    >
      <form className="form report-form" onSubmit={submit} noValidate>
        <fieldset className="choice-list report-form__reasons">
          <legend className="field__label">What is wrong with it?</legend>
          {REASONS.map((reason, index) => (
            <div key={reason} className={choice === reason ? 'choice choice--on' : 'choice'}>
              <input
                ref={index === 0 ? firstRef : undefined}
                id={`${id}-${index}`}
                type="radio"
                name={`${id}-reason`}
                checked={choice === reason}
                onChange={() => setChoice(reason)}
              />
              <label htmlFor={`${id}-${index}`}>{reason}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-details`}>
            Anything the moderators should know
            {choice === 'Something else' ? null : <span className="field__optional"> (optional)</span>}
          </label>
          <textarea
            id={`${id}-details`}
            className="input report-form__details"
            value={details}
            maxLength={Math.max(0, room)}
            rows={3}
            onChange={(event) => setDetails(event.target.value)}
          />
        </div>
        <StatusMessage notice={error ? { tone: 'error', text: error } : null} />
        <div className="form-actions">
          <Button type="submit" busy={busy} busyLabel="Sending…">
            Send the report
          </Button>
          <Button variant="ghost" onClick={close} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
