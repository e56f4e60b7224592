import { Button } from './feedback.tsx';

/** The "load more" button under every cursor-paged list. */
export function LoadMore({
  label,
  busy,
  onLoad,
}: {
  label: string;
  busy: boolean;
  onLoad: () => Promise<void> | void;
}) {
  return (
    <div className="list-more">
      <Button variant="secondary" onClick={() => void onLoad()} busy={busy} busyLabel="Loading…">
        {label}
      </Button>
    </div>
  );
}
