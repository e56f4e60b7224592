import {
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type { Tier } from '../../../api/billing.ts';
import { ApiError } from '../../../api/client.ts';
import {
  IMAGE_MAX_BYTES,
  IMAGE_TYPES,
  POST_MAX,
  type Post,
  postsApi,
  type Upload,
  type UploadedImage,
  uploadPicture,
} from '../../../api/posts.ts';
import { useAuth } from '../../../auth/auth-context.tsx';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { PictureIcon } from '../../../components/icons.tsx';
import { Monogram } from '../../../components/wordmark.tsx';
import { type FieldErrors, toFormErrors } from '../../../lib/form-errors.ts';
import { useCommunity } from '../community-context.ts';
import { type AudienceValue, fromAudience, gateTiers, TIER_PREFIX } from '../purchase/tier-access.tsx';

export const VISIBILITY_CHOICES: { value: AudienceValue; label: string }[] = [
  { value: 'public', label: 'Everyone who can see the community' },
  { value: 'members', label: 'Members only' },
];

/** Everyone, members, then each tier "and up", cheapest first. */
export function audienceChoices(tiers: readonly Tier[] | null): { value: AudienceValue; label: string }[] {
  return [
    ...VISIBILITY_CHOICES,
    ...gateTiers(tiers).map((tier) => ({
      value: `${TIER_PREFIX}${tier.id}` as AudienceValue,
      label: `Tier: ${tier.name} and up`,
    })),
  ];
}

/** The short reminder of what the text box understands. */
export function FormattingHint({ id }: { id: string }) {
  return (
    <p className="format-hint" id={id}>
      <span className="visually-hidden">Formatting: </span>
      <code>**bold**</code> <code>_italic_</code> <code>[link](https://…)</code> <code>- list</code>{' '}
      <code>&gt; quote</code> <code>`code`</code>
    </p>
  );
}

/** Ctrl+Enter (⌘+Enter on a Mac) sends, as in most places people write. */
export function submitOnModEnter(event: KeyboardEvent<HTMLTextAreaElement>): void {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

type Picture =
  | { status: 'uploading'; file: File; preview: string; progress: number; upload: Upload }
  | { status: 'ready'; file: File; preview: string; image: UploadedImage }
  | { status: 'failed'; file: File; preview: string; message: string };

function uploadFailure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'unsupported_image' || error.status === 415)
      return 'That file is not a picture Coterie can use. Choose a JPEG, PNG, WebP, GIF or AVIF.';
    if (error.status === 413) return 'That picture is larger than 10 MB. Choose a smaller one.';
    return error.message;
  }
  return 'The picture could not be uploaded.';
}

/** Writing a post: text, who may see it, an optional picture uploaded while the text is written. */
export function PostComposer({ onPosted }: { onPosted: (post: Post) => void }) {
  const { community, tiers } = useCommunity();
  const { state } = useAuth();
  const membership = community.myMembership;
  // The initials members see: from the display name if it is shared here, else from the handle.
  const signature =
    membership?.share.includes('displayName') && state.status === 'authenticated'
      ? state.me.displayName
      : (membership?.handle ?? '');
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<AudienceValue>('public');
  const [picture, setPicture] = useState<Picture | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pictureNotice, setPictureNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const pictureRef = useRef<Picture | null>(null);
  pictureRef.current = picture;

  // "Posted." has done its job once read: it goes after a few seconds, or as soon as I type again.
  useEffect(() => {
    if (notice?.tone !== 'success') return;
    const timer = setTimeout(() => setNotice(null), 5000);
    return () => clearTimeout(timer);
  }, [notice]);

  // Leaving the page stops an upload and frees the preview.
  useEffect(
    () => () => {
      const current = pictureRef.current;
      if (current?.status === 'uploading') current.upload.abort();
      if (current) URL.revokeObjectURL(current.preview);
    },
    [],
  );

  function dropPicture() {
    const current = pictureRef.current;
    if (current?.status === 'uploading') current.upload.abort();
    if (current) URL.revokeObjectURL(current.preview);
    setPicture(null);
  }

  function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPictureNotice(null);
    if (file.type && !IMAGE_TYPES.includes(file.type)) {
      setPictureNotice({
        tone: 'error',
        text: 'That file is not a picture Coterie can use. Choose a JPEG, PNG, WebP, GIF or AVIF.',
      });
      return;
    }
    if (file.size > IMAGE_MAX_BYTES) {
      setPictureNotice({ tone: 'error', text: 'That picture is larger than 10 MB. Choose a smaller one.' });
      return;
    }
    dropPicture();
    const preview = URL.createObjectURL(file);
    const upload = uploadPicture(community.slug, file, (fraction) =>
      setPicture((current) =>
        current?.status === 'uploading' && current.upload === upload
          ? { ...current, progress: Math.round(fraction * 100) }
          : current,
      ),
    );
    setPicture({ status: 'uploading', file, preview, progress: 0, upload });
    upload.done.then(
      (image) => {
        setPicture((current) =>
          current?.status === 'uploading' && current.upload === upload
            ? { status: 'ready', file, preview, image }
            : current,
        );
        setPictureNotice({ tone: 'success', text: 'Picture uploaded.' });
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'aborted') return;
        setPicture((current) =>
          current?.status === 'uploading' && current.upload === upload
            ? { status: 'failed', file, preview, message: uploadFailure(error) }
            : current,
        );
      },
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (body.trim() === '') {
      setErrors({ body: picture ? 'Say a few words about the picture.' : 'Write something first.' });
      textRef.current?.focus();
      return;
    }
    if (picture?.status === 'uploading') {
      setNotice({ tone: 'info', text: 'The picture is still uploading: post it once the bar is full.' });
      return;
    }
    if (picture?.status === 'failed') {
      setNotice({ tone: 'error', text: 'Remove the picture that failed, or choose another one.' });
      return;
    }
    setBusy(true);
    setErrors({});
    setNotice(null);
    try {
      const post = await postsApi.create(community.slug, {
        body,
        ...fromAudience(visibility),
        ...(picture?.status === 'ready' ? { imageId: picture.image.id } : {}),
      });
      onPosted(post);
      setBody('');
      if (picture) URL.revokeObjectURL(picture.preview);
      setPicture(null);
      setPictureNotice(null);
      setNotice({ tone: 'success', text: 'Posted.' });
      textRef.current?.focus();
    } catch (error) {
      const result = toFormErrors(error, {
        labels: {
          body: 'Your post',
          visibility: 'Who can see it',
          tierId: 'Who can see it',
          imageId: 'The picture',
        },
      });
      setErrors(result.fields);
      setNotice(result.general ? { tone: 'error', text: result.general } : null);
      if (result.fields.body) textRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const count = [...body].length;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const uploading = picture?.status === 'uploading';

  return (
    <form ref={formRef} className="composer" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Write a post
      </h2>
      <div className="composer__row">
        <span className="composer__avatar">
          <Monogram name={signature} size="sm" />
        </span>
        <div className="composer__main">
          <label htmlFor={`${id}-body`} className="visually-hidden">
            Your post
          </label>
          <textarea
            ref={textRef}
            id={`${id}-body`}
            className="input composer__text"
            placeholder={`Share something with ${community.name}…`}
            value={body}
            maxLength={POST_MAX}
            rows={3}
            onChange={(event) => {
              setBody(event.target.value);
              if (errors.body) setErrors({});
              if (notice?.tone === 'success') setNotice(null);
            }}
            onKeyDown={submitOnModEnter}
            aria-describedby={[hintId, errors.body ? errorId : ''].filter(Boolean).join(' ')}
            aria-invalid={errors.body ? true : undefined}
          />
          {errors.body ? (
            <p className="field__error" id={errorId}>
              <span aria-hidden="true" className="field__error-icon">
                !
              </span>
              {errors.body}
            </p>
          ) : null}
          <div className="composer__hint-row">
            <FormattingHint id={hintId} />
            {count > POST_MAX * 0.9 ? (
              <span className="field__count field__count--near">
                {count} / {POST_MAX}
              </span>
            ) : null}
          </div>

          {picture ? <PicturePreview picture={picture} onRemove={dropPicture} disabled={busy} /> : null}
          <StatusMessage notice={pictureNotice?.tone === 'error' ? pictureNotice : null} />

          <div className="composer__toolbar">
            <label htmlFor={`${id}-visibility`} className="visually-hidden">
              Who can see it
            </label>
            <select
              id={`${id}-visibility`}
              className="input select composer__visibility"
              value={visibility}
              onChange={(event) => setVisibility(event.target.value as AudienceValue)}
            >
              {audienceChoices(tiers).map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
            <span className="file-button">
              <input
                id={`${id}-picture`}
                type="file"
                accept={IMAGE_TYPES.join(',')}
                className="file-button__input"
                onChange={choose}
                disabled={busy}
              />
              <label
                htmlFor={`${id}-picture`}
                className="button button--ghost button--sm composer__picture-button"
              >
                <PictureIcon className="icon icon--inline" />
                {picture ? 'Replace the picture' : 'Add a picture'}
              </label>
            </span>
            <Button
              type="submit"
              busy={busy}
              busyLabel="Posting…"
              disabled={uploading}
              className="composer__submit"
            >
              Post
            </Button>
          </div>
          <StatusMessage notice={notice} className="composer__notice" />
          {/* Progress is shown, not read out; the end of the upload is. */}
          <div className="visually-hidden" aria-live="polite">
            {pictureNotice?.tone === 'success' ? pictureNotice.text : ''}
          </div>
        </div>
      </div>
    </form>
  );
}

function PicturePreview({
  picture,
  onRemove,
  disabled,
}: {
  picture: Picture;
  onRemove: () => void;
  disabled: boolean;
}) {
  return (
    <figure className={`upload upload--${picture.status}`}>
      <img className="upload__image" src={picture.preview} alt="Preview of what you are about to post" />
      <figcaption className="upload__body">
        <span className="upload__name">{picture.file.name}</span>
        {picture.status === 'uploading' ? (
          <>
            <progress
              className="upload__progress"
              max={100}
              value={picture.progress}
              aria-label="Uploading the picture"
            />
            <span className="upload__state">Uploading… {picture.progress} %</span>
          </>
        ) : picture.status === 'ready' ? (
          <span className="upload__state upload__state--ready">
            Ready · {picture.image.width} × {picture.image.height}
          </span>
        ) : (
          <span className="upload__state upload__state--failed" role="alert">
            {picture.message}
          </span>
        )}
      </figcaption>
      <Button variant="ghost" size="sm" onClick={onRemove} disabled={disabled} className="upload__remove">
        {picture.status === 'uploading' ? 'Cancel' : 'Remove'}
        <span className="visually-hidden"> the picture</span>
      </Button>
    </figure>
  );
}
