import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import {
  musicApi,
  RELEASE_KIND_LABELS,
  RELEASE_TEXT_MAX,
  RELEASE_TITLE_MAX,
  type Release,
  type ReleaseKind,
} from '../../../api/music.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { TextAreaField, TextField } from '../../../components/fields.tsx';
import { type FieldErrors, toFormErrors } from '../../../lib/form-errors.ts';
import { useCommunity } from '../community-context.ts';
import {
  PriceControl,
  type PriceDraft,
  priceRangeMessage,
  readPriceDraft,
  toPriceDraft,
} from '../purchase/price-control.tsx';

const LABELS = {
  title: 'The title',
  kind: 'The kind',
  releaseDate: 'The release date',
  description: 'The description',
  credits: 'The credits',
  price: 'The price',
  'price.amountMinor': 'The price',
};

const KIND_HINTS: Record<ReleaseKind, string> = {
  album: 'A full-length record.',
  ep: 'A handful of songs, shorter than an album.',
  single: 'One song, maybe with a B-side.',
};

/** Creating a release (no `release`) or editing one: title, kind, date, description and credits. */
export function ReleaseFormDialog({
  slug,
  release,
  open,
  onClose,
  onSaved,
}: {
  slug: string;
  release?: Release;
  open: boolean;
  onClose: () => void;
  onSaved: (release: Release) => void;
}) {
  const id = useId();
  const { tiers } = useCommunity();
  const currency = tiers?.find((t) => !t.archived)?.currency ?? 'EUR';
  const titleRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<ReleaseKind>('album');
  const [releaseDate, setReleaseDate] = useState('');
  const [description, setDescription] = useState('');
  const [credits, setCredits] = useState('');
  const [price, setPrice] = useState<PriceDraft>(toPriceDraft(null, currency));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setTitle(release?.title ?? '');
    setKind(release?.kind ?? 'album');
    setReleaseDate(release?.releaseDate ?? '');
    setDescription(release?.description ?? '');
    setCredits(release?.credits ?? '');
    setPrice(toPriceDraft(release?.price ?? null, currency));
    setErrors({});
    setGeneral(null);
  }, [open, release, currency]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (title.trim() === '') {
      setErrors({ title: 'Give the release a title.' });
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
    const input = {
      title: title.trim(),
      kind,
      releaseDate: releaseDate || null,
      description: description.trim(),
      credits: credits.trim(),
    };
    try {
      // A new release is created first; its price is set like any later change.
      let saved = release
        ? await musicApi.editRelease(release.id, { ...input, price: priced.price })
        : await musicApi.createRelease(slug, input);
      if (!release && priced.price) saved = await musicApi.editRelease(saved.id, { price: priced.price });
      onSaved(saved);
    } catch (error) {
      const result = toFormErrors(error, {
        labels: LABELS,
        codeMessages: { invalid_price: priceRangeMessage(price.currency) },
        codeFields: { invalid_price: 'price', unsupported_currency: 'price' },
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
      title={release ? 'Edit the release' : 'New release'}
      description={
        release
          ? 'Title, kind, date and the words that go with it. Artwork and track order are on the page itself.'
          : 'An album, EP or single to gather tracks in. Add the artwork and the tracks once it exists.'
      }
      initialFocus={titleRef}
    >
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          ref={titleRef}
          label="Title"
          value={title}
          onValueChange={setTitle}
          maxLength={RELEASE_TITLE_MAX}
          error={errors.title}
          required
        />
        <div className="form-grid">
          <div className={errors.kind ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor={`${id}-kind`}>
              Kind
            </label>
            <select
              id={`${id}-kind`}
              className="input select"
              value={kind}
              onChange={(event) => setKind(event.target.value as ReleaseKind)}
              aria-describedby={`${id}-kind-hint`}
            >
              {(Object.keys(RELEASE_KIND_LABELS) as ReleaseKind[]).map((value) => (
                <option key={value} value={value}>
                  {RELEASE_KIND_LABELS[value]}
                </option>
              ))}
            </select>
            <p className="field__hint" id={`${id}-kind-hint`}>
              {KIND_HINTS[kind]}
            </p>
          </div>
          <TextField
            label="Release date"
            type="date"
            optional
            value={releaseDate}
            onValueChange={setReleaseDate}
            error={errors.releaseDate}
            hint="Releases are listed newest first."
          />
        </div>
        <TextAreaField
          label="Description"
          optional
          value={description}
          onValueChange={setDescription}
          maxLength={RELEASE_TEXT_MAX}
          rows={4}
          error={errors.description}
          hint="The story of the record, as listeners will read it."
        />
        <TextAreaField
          label="Credits"
          optional
          value={credits}
          onValueChange={setCredits}
          maxLength={RELEASE_TEXT_MAX}
          rows={4}
          error={errors.credits}
          hint="Who wrote, played, recorded, mixed and mastered it: one credit a line."
        />
        <PriceControl
          legend="Price of the whole release"
          value={price}
          onChange={setPrice}
          error={errors.price ?? errors['price.amountMinor']}
          freeHint="Not sold as a whole; each track keeps its own price and downloads."
        />
        <StatusMessage notice={general ? { tone: 'error', text: general } : null} />
        <div className="form-actions">
          <Button type="submit" busy={busy} busyLabel={release ? 'Saving…' : 'Creating…'}>
            {release ? 'Save changes' : 'Create the release'}
          </Button>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
