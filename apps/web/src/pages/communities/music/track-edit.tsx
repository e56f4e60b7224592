import { type FormEvent, useEffect, useRef, useState } from 'react';
import { musicApi, type Release, TRACK_TITLE_MAX, type Track } from '../../../api/music.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { TextField } from '../../../components/fields.tsx';
import { RadioCards } from '../../../components/radio-cards.tsx';
import { type FieldErrors, toFormErrors } from '../../../lib/form-errors.ts';
import { usePlayer } from '../../../player/player-context.tsx';
import { useCommunity } from '../community-context.ts';
import {
  PriceControl,
  type PriceDraft,
  priceRangeMessage,
  readPriceDraft,
  toPriceDraft,
} from '../purchase/price-control.tsx';
import { type AudienceValue, fromAudience, toAudience } from '../purchase/tier-access.tsx';
import { ReleaseSelect, useTrackAudienceChoices } from './music-parts.tsx';

const LABELS = {
  title: 'The title',
  artist: 'The artist',
  visibility: 'Who can listen',
  downloadable: 'Downloads',
  releaseId: 'The release',
  tierId: 'Who can listen',
  price: 'The price',
  'price.amountMinor': 'The price',
};

/** Title, who can listen, downloads and release of a track, in a dialog. */
export function TrackEditDialog({
  track,
  releases,
  open,
  onClose,
  onSaved,
}: {
  track: Track;
  releases: Release[] | null;
  open: boolean;
  onClose: () => void;
  onSaved: (track: Track) => void;
}) {
  const player = usePlayer();
  const { tiers } = useCommunity();
  const audiences = useTrackAudienceChoices();
  const currency = tiers?.find((t) => !t.archived)?.currency ?? 'EUR';
  const titleRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState(track.title);
  const [artist, setArtist] = useState(track.artist);
  const [audience, setAudience] = useState<AudienceValue>(toAudience(track.visibility, track.tierId));
  const [price, setPrice] = useState<PriceDraft>(toPriceDraft(track.price, currency));
  const [downloadable, setDownloadable] = useState(track.downloadable);
  const [releaseId, setReleaseId] = useState(track.releaseId ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Each opening starts from the track as it is now.
  useEffect(() => {
    if (!open) return;
    setTitle(track.title);
    setArtist(track.artist);
    setAudience(toAudience(track.visibility, track.tierId));
    setPrice(toPriceDraft(track.price, currency));
    setDownloadable(track.downloadable);
    setReleaseId(track.releaseId ?? '');
    setErrors({});
    setGeneral(null);
  }, [open, track, currency]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (title.trim() === '') {
      setErrors({ title: 'Give the track a title.' });
      titleRef.current?.focus();
      return;
    }
    const priced = readPriceDraft(price);
    if ('error' in priced) {
      setErrors({ price: priced.error });
      return;
    }
    setBusy(true);
    setErrors({});
    setGeneral(null);
    try {
      const saved = await musicApi.editTrack(track.id, {
        title: title.trim(),
        ...(artist.trim() ? { artist: artist.trim() } : {}),
        ...fromAudience(audience),
        downloadable,
        releaseId: releaseId || null,
        price: priced.price,
      });
      player.updateTrack(saved);
      onSaved(saved);
      onClose();
    } catch (error) {
      const result = toFormErrors(error, {
        labels: LABELS,
        codeMessages: { invalid_price: priceRangeMessage(price.currency) },
        codeFields: { invalid_price: 'price', unsupported_currency: 'price', invalid_tier: 'tierId' },
      });
      setErrors(result.fields);
      setGeneral(result.general);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={() => {
        if (!busy) onClose();
      }}
      title="Edit the track"
      description={`Changes to “${track.title}” apply at once, also for listeners who have it open.`}
      initialFocus={titleRef}
    >
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          ref={titleRef}
          label="Title"
          value={title}
          onValueChange={setTitle}
          maxLength={TRACK_TITLE_MAX}
          error={errors.title}
          required
        />
        <TextField
          label="Artist"
          value={artist}
          onValueChange={setArtist}
          maxLength={TRACK_TITLE_MAX}
          error={errors.artist}
          hint={`Shown under the title and in the player; ${track.communityName} unless someone else is credited.`}
        />
        <RadioCards
          legend="Who can listen"
          name="visibility"
          options={audiences}
          value={audience}
          onChange={setAudience}
          error={errors.visibility ?? errors.tierId}
        />
        <div className="check check--accent">
          <input
            id={`download-${track.id}`}
            type="checkbox"
            checked={downloadable}
            onChange={(event) => setDownloadable(event.target.checked)}
          />
          <label htmlFor={`download-${track.id}`}>
            <strong>Let listeners download it</strong>
            <span className="check__text">
              The original file and an MP3, for everyone who can listen; with a price, once they buy it.
            </span>
          </label>
        </div>
        <PriceControl
          legend="Price"
          value={price}
          onChange={setPrice}
          error={errors.price ?? errors['price.amountMinor']}
          freeHint={
            downloadable
              ? 'Free to download for everyone who can listen.'
              : 'Not for sale. Tick downloads above to give it away.'
          }
        />
        <ReleaseSelect releases={releases} value={releaseId} onChange={setReleaseId} />
        <StatusMessage notice={general ? { tone: 'error', text: general } : null} />
        <div className="form-actions">
          <Button type="submit" busy={busy} busyLabel="Saving…">
            Save changes
          </Button>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** "Delete this track?", and out of the queue with it. */
export function TrackDeleteDialog({
  track,
  open,
  onClose,
  onDeleted,
}: {
  track: Track;
  open: boolean;
  onClose: () => void;
  onDeleted: (track: Track) => void;
}) {
  const player = usePlayer();
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title={`Delete “${track.title}”?`}
      description="The audio, its streaming copies and its plays are deleted for good. Listeners can no longer hear or download it."
      confirmLabel="Delete the track"
      busyLabel="Deleting…"
      onConfirm={async () => {
        await musicApi.removeTrack(track.id);
        if (player.current?.id === track.id) player.close();
        else {
          const at = player.queue.findIndex((t) => t.id === track.id);
          if (at >= 0) player.removeFromQueue(at);
        }
        onClose();
        onDeleted(track);
      }}
    />
  );
}
