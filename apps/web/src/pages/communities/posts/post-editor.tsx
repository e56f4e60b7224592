import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { POST_MAX, type Post, type PostVisibility, postsApi } from '../../../api/posts.ts';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { type FieldErrors, toFormErrors } from '../../../lib/form-errors.ts';
import { useCommunity } from '../community-context.ts';
import { type AudienceValue, fromAudience, toAudience } from '../purchase/tier-access.tsx';
import { audienceChoices, FormattingHint, submitOnModEnter } from './composer.tsx';

/** Editing my post in place: the text as I wrote it, and who may see it. */
export function PostEditor({
  post,
  onSaved,
  onCancel,
}: {
  post: Post;
  onSaved: (post: Post) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const { tiers } = useCommunity();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState(post.body);
  const before = toAudience(post.visibility, post.tierId);
  const [visibility, setVisibility] = useState<AudienceValue>(before);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const text = textRef.current;
    if (!text) return;
    text.focus();
    text.setSelectionRange(text.value.length, text.value.length);
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body.trim() === '') {
      setErrors({ body: 'A post cannot be empty. Delete it instead, if it should go.' });
      textRef.current?.focus();
      return;
    }
    const patch: { body?: string; visibility?: PostVisibility; tierId?: string | null } = {};
    if (body !== post.body) patch.body = body;
    if (visibility !== before) Object.assign(patch, fromAudience(visibility));
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    setErrors({});
    setNotice(null);
    try {
      onSaved(await postsApi.edit(post.id, patch));
    } catch (error) {
      const result = toFormErrors(error, {
        labels: { body: 'Your post', visibility: 'Who can see it', tierId: 'Who can see it' },
      });
      setErrors(result.fields);
      setNotice(result.general ? { tone: 'error', text: result.general } : null);
      setBusy(false);
    }
  }

  return (
    <form
      className="post-editor"
      onSubmit={submit}
      noValidate
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !busy) {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <label htmlFor={`${id}-body`} className="field__label">
        Edit your post
      </label>
      <textarea
        ref={textRef}
        id={`${id}-body`}
        className="input composer__text"
        value={body}
        maxLength={POST_MAX}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={submitOnModEnter}
        aria-describedby={[`${id}-hint`, errors.body ? `${id}-error` : ''].filter(Boolean).join(' ')}
        aria-invalid={errors.body ? true : undefined}
      />
      {errors.body ? (
        <p className="field__error" id={`${id}-error`}>
          <span aria-hidden="true" className="field__error-icon">
            !
          </span>
          {errors.body}
        </p>
      ) : null}
      <FormattingHint id={`${id}-hint`} />
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
        <div className="post-editor__buttons">
          <Button variant="ghost" size="sm" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" size="sm" busy={busy} busyLabel="Saving…">
            Save
          </Button>
        </div>
      </div>
      <StatusMessage notice={notice} />
    </form>
  );
}
