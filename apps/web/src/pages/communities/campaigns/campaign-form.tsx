import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import {
  CAMPAIGN_TEXT_MAX,
  CAMPAIGN_TITLE_MAX,
  type Campaign,
  type CampaignInput,
  type CampaignKind,
  campaignsApi,
} from '../../../api/campaigns.ts';
import { type ChartName, chartsApi } from '../../../api/charts.ts';
import { musicApi, type Track } from '../../../api/music.ts';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { TextAreaField, TextField } from '../../../components/fields.tsx';
import { RadioCards } from '../../../components/radio-cards.tsx';
import { type FieldErrors, toFormErrors } from '../../../lib/form-errors.ts';
import { CURRENCIES, formatMoney, parseMajor } from '../../../lib/money.ts';
import { useFocusFirstInvalid } from '../../../lib/use-focus-first-invalid.ts';
import { addWeeks, isoWeekOf, weekLabel } from '../../../lib/weeks.ts';
import { dateIn, KIND_OPTIONS, LABELS } from './campaign-form-model.ts';

/** The team starts a campaign: what kind, for which track, how far, by when. */
export function CampaignForm({
  slug,
  onCreated,
  onCancel,
}: {
  slug: string;
  onCreated: (campaign: Campaign) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<CampaignKind>('supporters');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [tracks, setTracks] = useState<Track[] | null>(null);
  const [trackId, setTrackId] = useState('');
  const [target, setTarget] = useState('25');
  const [chart, setChart] = useState<ChartName>('community');
  const [openWeek, setOpenWeek] = useState(() => isoWeekOf(new Date()));
  const [byWeek, setByWeek] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [endsOn, setEndsOn] = useState(() => dateIn(14));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusFirstInvalid(formRef, errors);

  useEffect(() => {
    musicApi.tracks(slug).then(
      (page) => setTracks(page.tracks.filter((t) => t.status === 'ready')),
      () => setTracks([]),
    );
    chartsApi.weeks().then(
      (weeks) => setOpenWeek(weeks.open.week),
      () => undefined,
    );
  }, [slug]);

  const weeks = Array.from({ length: 9 }, (_, i) => addWeeks(openWeek, i));

  function read(): { input: CampaignInput } | { problems: FieldErrors } {
    const problems: FieldErrors = {};
    if (!title.trim()) problems.title = 'Give the campaign a title.';
    const input: CampaignInput = { kind, title: title.trim(), target: 0 };
    if (description.trim()) input.description = description.trim();
    if (kind !== 'funding' && trackId) input.trackId = trackId;
    if (kind === 'chart' && !trackId) problems.trackId = 'Choose the track to get onto the chart.';
    if (kind === 'funding') {
      const minor = parseMajor(target, currency);
      if (minor === null || minor < 1)
        problems.target = `Write an amount in ${currency}, like 500 or 499.50.`;
      else input.target = minor;
      input.currency = currency;
    } else {
      const n = Number(target);
      if (!Number.isInteger(n) || n < 1) problems.target = 'A whole number, 1 or more.';
      else input.target = n;
    }
    if (kind === 'chart') {
      input.chart = chart;
      input.byWeek = byWeek || openWeek;
    } else {
      const end = new Date(`${endsOn}T23:59:59`);
      if (!endsOn || Number.isNaN(end.getTime())) problems.endsAt = 'Choose the last day of the campaign.';
      else if (end.getTime() <= Date.now()) problems.endsAt = 'The deadline must be in the future.';
      else input.endsAt = end.toISOString();
    }
    return Object.keys(problems).length > 0 ? { problems } : { input };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = read();
    if ('problems' in outcome) {
      setErrors(outcome.problems);
      return;
    }
    setErrors({});
    setGeneral(null);
    setBusy(true);
    try {
      onCreated(await campaignsApi.create(slug, outcome.input));
    } catch (error) {
      const found = toFormErrors(error, { labels: LABELS });
      setErrors(found.fields);
      setGeneral(found.general);
    } finally {
      setBusy(false);
    }
  }

  const parsedFunding = kind === 'funding' ? parseMajor(target, currency) : null;
  return (
    <form
      ref={formRef}
      className="panel form campaign-form"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      noValidate
    >
      <div className="panel__header">
        <h3 id={`${id}-title`} className="panel__title">
          Start a campaign
        </h3>
        <p className="panel__lead">A goal with a deadline that members can say “I’m in” to and help reach.</p>
      </div>
      <RadioCards
        legend="Kind of goal"
        name={`${id}-kind`}
        options={KIND_OPTIONS}
        value={kind}
        onChange={(k) => {
          setKind(k);
          setTarget(k === 'chart' ? '10' : k === 'funding' ? '500' : '25');
        }}
      />
      <TextField
        label={LABELS.title}
        name="title"
        value={title}
        onValueChange={setTitle}
        maxLength={CAMPAIGN_TITLE_MAX}
        error={errors.title}
        required
      />
      <TextAreaField
        label={LABELS.description}
        name="description"
        value={description}
        onValueChange={setDescription}
        maxLength={CAMPAIGN_TEXT_MAX}
        optional
        rows={3}
        error={errors.description}
      />
      {kind !== 'funding' ? (
        <div className={errors.trackId ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor={`${id}-track`}>
            {LABELS.trackId}
            {kind === 'supporters' ? <span className="field__optional"> (optional)</span> : null}
          </label>
          <select
            id={`${id}-track`}
            name="trackId"
            className="input select"
            value={trackId}
            onChange={(e) => setTrackId(e.target.value)}
            aria-invalid={errors.trackId ? true : undefined}
            aria-describedby={errors.trackId ? `${id}-track-error` : undefined}
          >
            <option value="">{kind === 'chart' ? 'Choose a track…' : 'Any of our tracks'}</option>
            {(tracks ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
          {errors.trackId ? (
            <p className="field__error" id={`${id}-track-error`}>
              <span aria-hidden="true" className="field__error-icon">
                !
              </span>
              {errors.trackId}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="form-grid form-grid--pairs">
        {kind === 'funding' ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-currency`}>
              {LABELS.currency}
            </label>
            <select
              id={`${id}-currency`}
              className="input select"
              value={currency}
              onChange={(e) => setCurrency(e.target.value)}
            >
              {CURRENCIES.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <TextField
          label={
            kind === 'chart'
              ? 'Top how many'
              : kind === 'funding'
                ? `Amount to raise (${currency})`
                : 'How many supporters'
          }
          name="target"
          inputMode={kind === 'funding' ? 'decimal' : 'numeric'}
          value={target}
          onValueChange={setTarget}
          error={errors.target}
          hint={
            kind === 'funding' && parsedFunding
              ? `That is ${formatMoney(parsedFunding, currency)}.`
              : kind === 'chart'
                ? 'Into the top 10, say.'
                : 'Different people, the team not counted.'
          }
        />
        {kind === 'chart' ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-week`}>
              {LABELS.byWeek}
            </label>
            <select
              id={`${id}-week`}
              className="input select"
              value={byWeek || openWeek}
              onChange={(e) => setByWeek(e.target.value)}
            >
              {weeks.map((w, i) => (
                <option key={w} value={w}>
                  {i === 0 ? 'This week · ' : ''}
                  {weekLabel(w)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <TextField
            label={LABELS.endsAt}
            name="endsAt"
            type="date"
            min={dateIn(1)}
            value={endsOn}
            onValueChange={setEndsOn}
            error={errors.endsAt}
            hint="It ends at the end of that day."
          />
        )}
      </div>
      {kind === 'chart' ? (
        <RadioCards
          legend="Which chart"
          name={`${id}-chart`}
          value={chart}
          onChange={setChart}
          options={[
            { value: 'community', label: 'Our chart', text: 'Ranked by this community’s members.' },
            { value: 'rising', label: 'Rising', text: 'Instance-wide, among emerging artists.' },
          ]}
        />
      ) : null}
      <StatusMessage notice={general ? { tone: 'error', text: general } : null} />
      <div className="form-actions">
        <Button type="submit" busy={busy} busyLabel="Starting…">
          Start the campaign
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
