import { type ChangeEvent, useId, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { type BrandingImage, communitiesApi } from '../../../api/communities.ts';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { useCommunity } from '../community-context.ts';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/avif';

/** Logo and banner: uploaded as they are chosen, re-encoded by the server, removable. */
export function BrandingImages() {
  const { community } = useCommunity();
  return (
    <section className="panel" aria-labelledby="images-title">
      <div className="panel__header">
        <h2 id="images-title" className="panel__title">
          Logo and banner
        </h2>
        <p className="panel__lead">
          The server re-encodes every picture and strips what a camera hides in it, such as where it was
          taken.
          {community.visibility === 'private' ? ' In a private community only members see them.' : ''}
        </p>
      </div>
      <div className="image-slots">
        <ImageSlot
          purpose="logo"
          label="Logo"
          hint="Square, at least 512 × 512 pixels. Shown on a rounded tile."
        />
        <ImageSlot
          purpose="banner"
          label="Banner"
          hint="Wide, 4 to 1, at least 1600 × 400 pixels. Shown above the coloured header."
        />
      </div>
    </section>
  );
}

function ImageSlot({ purpose, label, hint }: { purpose: BrandingImage; label: string; hint: string }) {
  const { community, setCommunity } = useCommunity();
  const id = useId();
  const [busy, setBusy] = useState<'upload' | 'remove' | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const current = purpose === 'logo' ? community.logoUrl : community.bannerUrl;
  const noun = label.toLowerCase();

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setNotice({ tone: 'error', text: 'That file is larger than 10 MB. Choose a smaller picture.' });
      return;
    }
    setBusy('upload');
    setNotice(null);
    try {
      setCommunity(await communitiesApi.uploadImage(community.slug, purpose, file));
      setNotice({ tone: 'success', text: `New ${noun} saved.` });
    } catch (error) {
      setNotice({
        tone: 'error',
        text: error instanceof ApiError ? error.message : `The ${noun} could not be uploaded.`,
      });
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    setBusy('remove');
    setNotice(null);
    try {
      setCommunity(await communitiesApi.removeImage(community.slug, purpose));
      setNotice({ tone: 'success', text: `The ${noun} is removed.` });
    } catch (error) {
      setNotice({
        tone: 'error',
        text: error instanceof ApiError ? error.message : `The ${noun} could not be removed.`,
      });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className={`image-slot image-slot--${purpose}`}>
      <p className="field__label">{label}</p>
      <div className="image-slot__preview">
        {current ? (
          <img src={current} alt={`Current ${noun}`} />
        ) : (
          <span className="image-slot__empty">No {noun} yet</span>
        )}
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        {hint} JPEG, PNG, WebP, GIF or AVIF, up to 10 MB.
      </p>
      <div className="form-actions">
        <span className="file-button">
          <input
            id={id}
            type="file"
            accept={ACCEPT}
            className="file-button__input"
            onChange={(event) => void choose(event)}
            disabled={busy !== null}
            aria-describedby={`${id}-hint`}
          />
          <label htmlFor={id} className="button button--secondary button--sm">
            {busy === 'upload' ? <span className="spinner" aria-hidden="true" /> : null}
            {busy === 'upload' ? 'Uploading…' : current ? `Replace the ${noun}…` : `Upload a ${noun}…`}
          </label>
        </span>
        {current ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => void remove()}
            busy={busy === 'remove'}
            busyLabel="Removing…"
            disabled={busy !== null}
          >
            Remove
          </Button>
        ) : null}
      </div>
      <StatusMessage notice={notice} />
    </div>
  );
}
