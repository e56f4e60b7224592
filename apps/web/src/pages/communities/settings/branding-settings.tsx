import { type FormEvent, useRef, useState } from 'react';
import {
  type Community,
  type CommunityUpdate,
  communitiesApi,
  type Visibility,
} from '../../../api/communities.ts';
import { ColorField } from '../../../components/color-field.tsx';
import { CommunityBanner } from '../../../components/community-banner.tsx';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { TextField } from '../../../components/fields.tsx';
import { LockIcon, SmallCircleIcon } from '../../../components/icons.tsx';
import { RadioCards } from '../../../components/radio-cards.tsx';
import { useAccent } from '../../../lib/accent.ts';
import { parseCap, VISIBILITY_OPTIONS } from '../../../lib/community-meta.ts';
import { type FieldErrors, toFormErrors } from '../../../lib/form-errors.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useFocusFirstInvalid } from '../../../lib/use-focus-first-invalid.ts';
import { useCommunity } from '../community-context.ts';
import { BrandingImages } from './branding-images.tsx';

const LABELS = {
  name: 'Name',
  tagline: 'Tagline',
  accentColor: 'Accent colour',
  visibility: 'Who can join',
  memberCap: 'Member cap',
};

interface Draft {
  name: string;
  tagline: string;
  accentColor: string;
  visibility: Visibility;
  memberCap: string;
}

const draftOf = (c: Community): Draft => ({
  name: c.name,
  tagline: c.tagline ?? '',
  accentColor: c.accentColor,
  visibility: c.visibility,
  memberCap: c.memberCap === null ? '' : String(c.memberCap),
});

export function BrandingSettings() {
  const { community, setCommunity } = useCommunity();
  useDocumentTitle(`Settings · ${community.name}`);
  const [draft, setDraft] = useState<Draft>(() => draftOf(community));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  useFocusFirstInvalid(formRef, errors);
  useAccent(previewRef, draft.accentColor);

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));
  const saved = draftOf(community);
  const dirty = JSON.stringify(saved) !== JSON.stringify(draft);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FieldErrors = {};
    if (draft.name.trim() === '') local.name = 'Your community needs a name.';
    const cap = parseCap(draft.memberCap);
    if (cap.error) local.memberCap = cap.error;
    else if (cap.cap !== null && cap.cap < community.memberCount)
      local.memberCap = `${community.name} already has ${community.memberCount} members: the cap cannot be lower.`;
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    // Only what changed, so two people editing different fields do not undo each other.
    const update: CommunityUpdate = {};
    if (draft.name.trim() !== community.name) update.name = draft.name.trim();
    if ((draft.tagline.trim() || null) !== community.tagline) update.tagline = draft.tagline.trim() || null;
    if (draft.accentColor !== community.accentColor) update.accentColor = draft.accentColor;
    if (draft.visibility !== community.visibility) update.visibility = draft.visibility;
    if (cap.cap !== community.memberCap) update.memberCap = cap.cap;
    if (Object.keys(update).length === 0) {
      setNotice({ tone: 'info', text: 'Nothing changed, so there was nothing to save.' });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const next = await communitiesApi.update(community.slug, update);
      setCommunity(next);
      setDraft(draftOf(next));
      setNotice({ tone: 'success', text: 'Saved. Everyone sees the new look from now on.' });
    } catch (error) {
      const result = toFormErrors(error, { labels: LABELS, codeFields: { cap_below_members: 'memberCap' } });
      setErrors(result.fields);
      setNotice({ tone: 'error', text: result.general ?? 'Some fields need a second look.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="panel-stack">
      <form
        ref={formRef}
        className="panel form"
        onSubmit={submit}
        noValidate
        aria-labelledby="branding-title"
      >
        <div className="panel__header">
          <h2 id="branding-title" className="panel__title">
            Branding
          </h2>
          <p className="panel__lead">
            How {community.name} looks and who may join. The address, <code>/c/{community.slug}</code>, stays
            as it is.
          </p>
        </div>
        <div className="form-grid form-grid--pairs">
          <TextField
            label={LABELS.name}
            name="name"
            maxLength={80}
            value={draft.name}
            onValueChange={set('name')}
            error={errors.name}
          />
          <TextField
            label={LABELS.tagline}
            name="tagline"
            maxLength={140}
            optional
            value={draft.tagline}
            onValueChange={set('tagline')}
            error={errors.tagline}
          />
        </div>
        <div className="branding">
          <ColorField
            label={LABELS.accentColor}
            value={draft.accentColor}
            onChange={set('accentColor')}
            error={errors.accentColor}
            hint="Text on it is switched to white or black, whichever reads better."
          />
          <div className="branding__preview themed" ref={previewRef}>
            <p className="branding__preview-label">Preview</p>
            <CommunityBanner
              headingLevel="p"
              className="community-banner--compact"
              community={{
                name: draft.name,
                kind: community.kind,
                visibility: draft.visibility,
                tagline: draft.tagline.trim() || null,
                memberCount: community.memberCount,
                memberCap: parseCap(draft.memberCap).cap,
                logoUrl: community.logoUrl,
                bannerUrl: community.bannerUrl,
              }}
            />
          </div>
        </div>
        <RadioCards
          legend={LABELS.visibility}
          name="visibility"
          options={VISIBILITY_OPTIONS.map((option) => ({
            ...option,
            icon:
              option.value === 'private' ? (
                <LockIcon className="icon icon--inline" />
              ) : (
                <SmallCircleIcon className="icon icon--inline" />
              ),
          }))}
          value={draft.visibility}
          onChange={set('visibility')}
          error={errors.visibility}
          hint={
            draft.visibility !== community.visibility && draft.visibility === 'private'
              ? 'Once private, it leaves the public list; members stay, and new people need an invite.'
              : undefined
          }
        />
        <TextField
          label={LABELS.memberCap}
          name="memberCap"
          type="number"
          inputMode="numeric"
          min={Math.max(2, community.memberCount)}
          optional
          value={draft.memberCap}
          onValueChange={set('memberCap')}
          error={errors.memberCap}
          hint={`Leave empty for no cap. ${community.name} has ${community.memberCount} ${community.memberCount === 1 ? 'member' : 'members'} now.`}
          fieldClassName="create__cap"
        />
        <div className="form-actions form-actions--footer">
          <Button type="submit" busy={busy} busyLabel="Saving…">
            Save changes
          </Button>
          {dirty ? (
            <Button variant="ghost" onClick={() => setDraft(draftOf(community))} disabled={busy}>
              Undo changes
            </Button>
          ) : null}
          <StatusMessage notice={notice} className="form-actions__status" />
        </div>
      </form>
      <BrandingImages />
    </div>
  );
}
