import { type ReactNode, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { Dialog } from './dialog.tsx';
import { Button, StatusMessage } from './feedback.tsx';

interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  cancelLabel?: string;
  /** Runs the action; a thrown ApiError is shown in the dialog, which then stays open. */
  onConfirm: () => Promise<void>;
}

/** "Delete this post?": focus starts on the safe choice, and a failure is said in the dialog. */
export function ConfirmDialog({
  open,
  onClose,
  title,
  description,
  confirmLabel,
  busyLabel,
  cancelLabel = 'Cancel',
  onConfirm,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function close() {
    if (busy) return;
    setError(null);
    onClose();
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setBusy(false);
    } catch (failure) {
      setBusy(false);
      setError(failure instanceof ApiError ? failure.message : 'That did not work. Please try again.');
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      description={description}
      className="dialog--small"
      initialFocus={cancelRef}
    >
      <div className="confirm">
        <StatusMessage notice={error ? { tone: 'error', text: error } : null} />
        <div className="form-actions confirm__actions">
          <Button variant="danger" onClick={() => void confirm()} busy={busy} busyLabel={busyLabel}>
            {confirmLabel}
          </Button>
          <Button ref={cancelRef} variant="ghost" onClick={close} disabled={busy}>
            {cancelLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
