import { type FormEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Profile } from '../../api/account.ts';
import {
  type CommunityKind,
  communitiesApi,
  type ShareField,
  type Visibility,
} from '../../api/communities.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ColorField } from '../../components/color-field.tsx';
import { CommunityBanner } from '../../components/community-banner.tsx';
import { Button, type Notice, StatusMessage } from '../../components/feedback.tsx';
import { TextField } from '../../components/fields.tsx';
import { LockIcon, SmallCircleIcon } from '../../components/icons.tsx';
import { PersonaCard } from '../../components/persona-card.tsx';
import { RadioCards } from '../../components/radio-cards.tsx';
import { SharePicker } from '../../components/share-picker.tsx';
import { DEFAULT_ACCENT, useAccent } from '../../lib/accent.ts';
import {
  HANDLE_MAX,
  HANDLE_RULE,
  handleProblem,
  KINDS,
  parseCap,
  previewPersona,
  SLUG_MAX,
  SLUG_RULE,
  slugify,
  slugProblem,
  suggestHandle,
  VISIBILITY_OPTIONS,
} from '../../lib/community-meta.ts';
import type { FlashState } from '../../lib/flash.ts';
import { type FieldErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid.ts';

const LABELS = {
  name: 'Name',
  slug: 'Address',
  kind: 'Kind',
  visibility: 'Who can join',
  tagline: 'Tagline',
  accentColor: 'Accent colour',
  memberCap: 'Member cap',
  ownerHandle: 'Your handle',
  ownerShare: 'What it may see of you',
};

export function CreateCommunityPage() {
  useDocumentTitle('Start a community');
  const { state } = useAuth();
  if (state.status !== 'authenticated') return null;
  return <CreateCommunityForm me={state.me} />;
}

function CreateCommunityForm({ me }: { me: Profile }) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [kind, setKind] = useState<CommunityKind>('artist');
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [tagline, setTagline] = useState('');
  const [accent, setAccent] = useState(DEFAULT_ACCENT);
  const [cap, setCap] = useState('');
  const [handle, setHandle] = useState(() => suggestHandle(me.displayName));
  const [share, setShare] = useState<ShareField[]>(['displayName']);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  useFocusFirstInvalid(formRef, errors);
  useAccent(previewRef, accent);

  const shownSlug = slugEdited ? slug : slugify(name);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FieldErrors = {};
    if (name.trim() === '') local.name = 'Give your community a name.';
    const slugIssue = slugProblem(shownSlug);
    if (slugIssue) local.slug = slugIssue;
    const parsedCap = parseCap(cap);
    if (parsedCap.error) local.memberCap = parsedCap.error;
    const handleIssue = handleProblem(handle);
    if (handleIssue) local.ownerHandle = handleIssue;
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setNotice({ tone: 'error', text: 'Some fields need a second look.' });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const community = await communitiesApi.create({
        name: name.trim(),
        slug: shownSlug,
        kind,
        visibility,
        ...(tagline.trim() ? { tagline: tagline.trim() } : {}),
        accentColor: accent,
        memberCap: parsedCap.cap,
        ownerHandle: handle.trim(),
        ownerShare: share,
      });
      const flash: FlashState = {
        flash: {
          tone: 'success',
          text:
            community.visibility === 'private'
              ? `${community.name} is ready. It is private: invite people from Settings.`
              : `${community.name} is ready, and listed in Communities.`,
        },
      };
      navigate(`/c/${community.slug}`, { state: flash });
    } catch (error) {
      const result = toFormErrors(error, {
        labels: LABELS,
        codeFields: { slug_taken: 'slug', handle_taken: 'ownerHandle', slug_reserved: 'slug' },
        codeMessages: {
          slug_taken: 'That address is taken. Try another one.',
          handle_taken: 'That handle is taken. Try another one.',
        },
      });
      // The server speaks of the "slug"; this form calls it the address.
      if (result.fields.slug) result.fields.slug = result.fields.slug.replace(/\bslug\b/g, 'address');
      if (result.fields.slug) {
        // From here on the address is the person's to fix, no longer following the name.
        setSlug(shownSlug);
        setSlugEdited(true);
      }
      setErrors(result.fields);
      setNotice({ tone: 'error', text: result.general ?? 'Some fields need a second look.' });
      setBusy(false);
    }
  }

  const address = `${window.location.host}/c/`;
  return (
    <div className="container create">
      <header className="create__header">
        <p className="eyebrow">New community</p>
        <h1 className="create__title">Start a community</h1>
        <p className="create__lead">
          A small room of your own. You can change everything but the address later, in Settings.
        </p>
      </header>

      <form ref={formRef} className="create__form" onSubmit={submit} noValidate>
        <section className="panel form" aria-labelledby="basics-title">
          <div className="panel__header">
            <h2 id="basics-title" className="panel__title">
              The basics
            </h2>
          </div>
          <div className="form-grid form-grid--pairs">
            <TextField
              label={LABELS.name}
              name="name"
              maxLength={80}
              required
              autoComplete="off"
              value={name}
              onValueChange={setName}
              error={errors.name}
              hint="What people will call it."
            />
            <TextField
              label={LABELS.slug}
              name="slug"
              required
              maxLength={SLUG_MAX}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              value={shownSlug}
              onValueChange={(value) => {
                setSlugEdited(true);
                setSlug(value.toLowerCase());
              }}
              error={errors.slug}
              hint={
                <>
                  <span className="create__address">
                    {address}
                    <strong>{shownSlug || '…'}</strong>
                  </span>
                  <br />
                  {SLUG_RULE} It cannot change later.
                </>
              }
            />
          </div>
          <RadioCards
            legend={LABELS.kind}
            name="kind"
            options={KINDS}
            value={kind}
            onChange={setKind}
            error={errors.kind}
          />
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
            value={visibility}
            onChange={setVisibility}
            error={errors.visibility}
          />
        </section>

        <section className="panel form" aria-labelledby="look-title">
          <div className="panel__header">
            <h2 id="look-title" className="panel__title">
              Look and feel
            </h2>
            <p className="panel__lead">Your colour themes the community’s pages, buttons and links.</p>
          </div>
          <TextField
            label={LABELS.tagline}
            name="tagline"
            maxLength={140}
            optional
            autoComplete="off"
            value={tagline}
            onValueChange={setTagline}
            error={errors.tagline}
            hint="One line that says what happens here."
          />
          <div className="branding">
            <ColorField
              label={LABELS.accentColor}
              value={accent}
              onChange={setAccent}
              error={errors.accentColor}
              hint="Text on it is switched to white or black, whichever reads better."
            />
            <div className="branding__preview themed" ref={previewRef}>
              <p className="branding__preview-label">Preview</p>
              <CommunityBanner
                headingLevel="p"
                className="community-banner--compact"
                community={{
                  name,
                  kind,
                  visibility,
                  tagline: tagline.trim() || null,
                  memberCount: 1,
                  memberCap: parseCap(cap).cap,
                }}
              >
                <span className="button button--on-accent button--sm" aria-hidden="true">
                  Join
                </span>
              </CommunityBanner>
            </div>
          </div>
          <TextField
            label={LABELS.memberCap}
            name="memberCap"
            type="number"
            inputMode="numeric"
            min={2}
            step={1}
            optional
            value={cap}
            onValueChange={setCap}
            error={errors.memberCap}
            hint="Small by design: a cap keeps the room the size you want. Leave empty for no cap."
            fieldClassName="create__cap"
          />
        </section>

        <section className="panel form" aria-labelledby="you-title">
          <div className="panel__header">
            <h2 id="you-title" className="panel__title">
              You, in this community
            </h2>
            <p className="panel__lead">
              You will be its owner. Like every member, you choose a handle and what it may see of you.
            </p>
          </div>
          <div className="persona-editor">
            <div className="persona-editor__controls">
              <TextField
                label={LABELS.ownerHandle}
                name="ownerHandle"
                maxLength={HANDLE_MAX}
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
                value={handle}
                onValueChange={setHandle}
                error={errors.ownerHandle}
                hint={`How members will know you here. ${HANDLE_RULE}`}
              />
              <SharePicker
                profile={me}
                value={share}
                onChange={setShare}
                audience={name.trim() || 'this community'}
                error={errors.ownerShare}
              />
            </div>
            <div className="persona-editor__preview">
              <PersonaCard
                persona={previewPersona(me, handle, share, 'owner')}
                kicker="Members will see"
                label="Preview of what members will see"
                variant="preview"
              />
            </div>
          </div>
        </section>

        <div className="create__submit">
          <StatusMessage notice={notice} />
          <div className="form-actions">
            <Button type="submit" busy={busy} busyLabel="Creating…" className="button--lg">
              Create community
            </Button>
            <span className="form-actions__hint">You can invite people as soon as it exists.</span>
          </div>
        </div>
      </form>
    </div>
  );
}
