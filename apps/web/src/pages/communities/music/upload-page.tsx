import {
  type ChangeEvent,
  type DragEvent,
  type FormEvent,
  type RefObject,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import {
  AUDIO_ACCEPT,
  type MusicLimits,
  musicApi,
  TRACK_TITLE_MAX,
  type Track,
  type TrackUpload,
  type TrackVisibility,
  uploadTrack,
} from '../../../api/music.ts';
import { Artwork } from '../../../components/artwork.tsx';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { TextField } from '../../../components/fields.tsx';
import { ArrowIcon, MusicIcon, RetryIcon, UploadIcon } from '../../../components/icons.tsx';
import { RadioCards } from '../../../components/radio-cards.tsx';
import { type FieldErrors, toFormErrors } from '../../../lib/form-errors.ts';
import { canManageMusic, formatBytes, formatDuration, titleFromFileName } from '../../../lib/music.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { trackPath } from '../../../player/player-bar.tsx';
import { Waveform } from '../../../player/waveform.tsx';
import { useCommunity } from '../community-context.ts';
import {
  musicPath,
  ReleaseSelect,
  TRACK_VISIBILITY_CHOICES,
  TrackPlayButton,
  useReleases,
} from './music-parts.tsx';

const FALLBACK_LIMITS: MusicLimits = {
  maxTrackBytes: 300 * 1024 * 1024,
  acceptedFormats: ['WAV', 'FLAC', 'MP3', 'OGG', 'Opus', 'M4A/AAC', 'AIFF'],
};

const AUDIO_EXTENSIONS = /\.(wav|wave|flac|mp3|ogg|oga|opus|m4a|mp4|aac|aif|aiff|aifc|webm|wma|alac)$/i;

type Phase =
  | { step: 'form' }
  | { step: 'uploading'; loaded: number; total: number; startedAt: number; upload: TrackUpload }
  | { step: 'processing'; track: Track | null; id: string }
  | { step: 'done'; track: Track };

/** Words for what the server refused, with what to do about it. */
function uploadFailure(error: unknown, limits: MusicLimits): string {
  if (error instanceof ApiError) {
    if (error.status === 413 || error.code === 'payload_too_large')
      return `${error.code === 'payload_too_large' ? error.message : `That file is larger than ${formatBytes(limits.maxTrackBytes)}, the most this server accepts.`} Export a smaller file (FLAC instead of WAV halves it) and try again.`;
    if (error.status === 415 || error.code === 'unsupported_media_type')
      return `That file is not audio Coterie can read. Upload ${formatList(limits.acceptedFormats)}.`;
    if (error.status === 422 || error.code === 'unreadable_audio')
      return 'That file looks like audio but cannot be read: it may be damaged, empty or cut short. Export it again and upload the new file.';
    return error.message;
  }
  return 'The track could not be uploaded. Please try again.';
}

function formatList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** "about 20 seconds left", once the upload has run long enough to tell. */
function remaining(loaded: number, total: number, startedAt: number): string | null {
  const elapsed = (Date.now() - startedAt) / 1000;
  if (elapsed < 2 || loaded <= 0) return null;
  const seconds = ((total - loaded) / loaded) * elapsed;
  if (seconds < 5) return 'a few seconds left';
  if (seconds < 90) return `about ${Math.round(seconds / 5) * 5} seconds left`;
  return `about ${Math.round(seconds / 60)} minutes left`;
}

/** /c/:slug/music/upload: a file, a few details, a real progress bar, then processing live until it plays. */
export function UploadPage() {
  const { community } = useCommunity();
  useDocumentTitle(`Upload a track · ${community.name}`);
  if (!canManageMusic(community)) {
    return (
      <section className="empty-state" aria-labelledby="upload-denied-title">
        <MusicIcon className="icon empty-state__icon" />
        <h2 id="upload-denied-title" className="empty-state__title">
          Only the artist uploads here
        </h2>
        <p className="empty-state__text">
          Owners and moderators of {community.name} publish its music. Everyone else can listen.
        </p>
        <div className="empty-state__actions">
          <Link to={musicPath(community.slug)} className="button button--primary">
            Listen to the music
          </Link>
        </div>
      </section>
    );
  }
  return <UploadFlow />;
}

function UploadFlow() {
  const { community } = useCommunity();
  const [params] = useSearchParams();
  const id = useId();
  const { releases } = useReleases(community.slug);
  const [limits, setLimits] = useState<MusicLimits>(FALLBACK_LIMITS);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [visibility, setVisibility] = useState<TrackVisibility>('public');
  const [downloadable, setDownloadable] = useState(false);
  const [releaseId, setReleaseId] = useState(params.get('release') ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'form' });
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [retrying, setRetrying] = useState(false);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const statusRef = useRef<HTMLHeadingElement>(null);
  const dropRef = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    let cancelled = false;
    musicApi.limits().then(
      (answer) => {
        if (!cancelled) setLimits(answer);
      },
      () => {
        // The usual limits are shown; the server still has the last word.
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  // Leaving the page stops an upload that is still sending (processing goes on without us).
  useEffect(
    () => () => {
      const now = phaseRef.current;
      if (now.step === 'uploading') now.upload.abort();
    },
    [],
  );

  // Once the file is on the server, follow its processing, about once a second, until it ends.
  const processingId = phase.step === 'processing' ? phase.id : null;
  useEffect(() => {
    if (!processingId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const tick = async () => {
      try {
        const track = await musicApi.track(processingId);
        if (cancelled) return;
        if (track.status !== 'processing') {
          setPhase({ step: 'done', track });
          setAnnouncement(
            track.status === 'ready'
              ? `${track.title} is ready to play.`
              : `${track.title} could not be processed.`,
          );
          return;
        }
        setPhase({ step: 'processing', id: track.id, track });
      } catch {
        // One missed answer changes nothing: the next one asks again.
      }
      if (!cancelled) timer = setTimeout(() => void tick(), 1000);
    };
    void tick();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [processingId]);

  useEffect(() => {
    if (phase.step === 'processing' || phase.step === 'done') statusRef.current?.focus();
  }, [phase.step]);

  function choose(chosen: File | undefined) {
    if (!chosen) return;
    setFileError(null);
    setGeneral(null);
    const type = chosen.type;
    if (type && !type.startsWith('audio/') && !AUDIO_EXTENSIONS.test(chosen.name)) {
      setFileError(`“${chosen.name}” is not an audio file. Upload ${formatList(limits.acceptedFormats)}.`);
      return;
    }
    if (chosen.size === 0) {
      setFileError(`“${chosen.name}” is empty. Export the track again and upload the new file.`);
      return;
    }
    if (chosen.size > limits.maxTrackBytes) {
      setFileError(
        `“${chosen.name}” is ${formatBytes(chosen.size)}: more than the ${formatBytes(limits.maxTrackBytes)} this server accepts. Export a smaller file (FLAC instead of WAV halves it).`,
      );
      return;
    }
    setFile(chosen);
    setTitle(titleFromFileName(chosen.name));
  }

  function onInput(event: ChangeEvent<HTMLInputElement>) {
    choose(event.target.files?.[0]);
    event.target.value = '';
  }

  function onDrop(event: DragEvent<HTMLFieldSetElement>) {
    event.preventDefault();
    setDragging(false);
    if (phase.step !== 'form') return;
    choose(event.dataTransfer.files[0]);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (phase.step !== 'form') return;
    if (!file) {
      setFileError('Choose the audio file first.');
      document.getElementById(`${id}-file`)?.focus();
      return;
    }
    setErrors({});
    setGeneral(null);
    const upload = uploadTrack(
      community.slug,
      { file, title, visibility, downloadable, releaseId: releaseId || null },
      (loaded, total) =>
        setPhase((now) =>
          now.step === 'uploading' && now.upload === upload ? { ...now, loaded, total } : now,
        ),
    );
    setPhase({ step: 'uploading', loaded: 0, total: file.size, startedAt: Date.now(), upload });
    setAnnouncement(`Uploading ${file.name}.`);
    upload.done.then(
      (answer) => {
        setPhase({ step: 'processing', id: answer.id, track: null });
        setAnnouncement('Uploaded. Processing the audio.');
      },
      (error: unknown) => {
        setPhase({ step: 'form' });
        if (error instanceof ApiError && error.code === 'aborted') {
          setAnnouncement('Upload cancelled.');
          return;
        }
        if (error instanceof ApiError && [413, 415, 422].includes(error.status)) {
          setFileError(uploadFailure(error, limits));
          // The message sits by the file, above the button just pressed: bring it into view.
          requestAnimationFrame(() => {
            dropRef.current?.scrollIntoView({ block: 'center' });
            document.getElementById(`${id}-file`)?.focus({ preventScroll: true });
          });
          return;
        }
        const result = toFormErrors(error, {
          labels: { title: 'The title', visibility: 'Who can listen', releaseId: 'The release' },
        });
        setErrors(result.fields);
        setGeneral(result.general ? uploadFailure(error, limits) : null);
      },
    );
  }

  async function retry(track: Track) {
    setRetrying(true);
    try {
      const fresh = await musicApi.retryTrack(track.id);
      setPhase(
        fresh.status === 'processing'
          ? { step: 'processing', id: fresh.id, track: fresh }
          : { step: 'done', track: fresh },
      );
      setAnnouncement('Processing the audio again.');
    } catch (error) {
      setGeneral(error instanceof ApiError ? error.message : 'The track could not be retried.');
    } finally {
      setRetrying(false);
    }
  }

  function startOver() {
    setPhase({ step: 'form' });
    setFile(null);
    setTitle('');
    setFileError(null);
    setGeneral(null);
    setErrors({});
  }

  const busy = phase.step !== 'form';
  const fileHintId = `${id}-file-hint`;
  const fileErrorId = `${id}-file-error`;

  return (
    <div className="upload-page">
      <Link to={musicPath(community.slug)} className="back-link">
        <ArrowIcon className="icon icon--inline back-link__icon" />
        All music in {community.name}
      </Link>
      <div className="upload-page__intro">
        <h2 className="music__title">Upload a track</h2>
        <p className="music__lead">
          Send the best file you have. Coterie keeps the original, makes streaming copies, evens out the
          loudness and draws the waveform; listeners can play it as soon as that is done, usually within a
          minute.
        </p>
      </div>

      {phase.step === 'processing' || phase.step === 'done' ? (
        <ProcessingCard
          phase={phase}
          statusRef={statusRef}
          onRetry={(track) => void retry(track)}
          retrying={retrying}
          onAnother={startOver}
          general={general}
        />
      ) : (
        <form
          className="panel form upload-form"
          onSubmit={submit}
          noValidate
          aria-labelledby={`${id}-legend`}
        >
          <h3 id={`${id}-legend`} className="visually-hidden">
            The track
          </h3>
          <fieldset
            ref={dropRef}
            className={[
              'dropzone',
              dragging ? 'dropzone--over' : '',
              file ? 'dropzone--chosen' : '',
              fileError ? 'dropzone--invalid' : '',
            ]
              .filter(Boolean)
              .join(' ')}
            onDragEnter={(event) => {
              event.preventDefault();
              if (!busy) setDragging(true);
            }}
            onDragOver={(event) => {
              event.preventDefault();
              event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
            }}
            onDragLeave={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
            }}
            onDrop={onDrop}
          >
            <legend className="visually-hidden">The audio file</legend>
            <input
              id={`${id}-file`}
              type="file"
              accept={AUDIO_ACCEPT}
              className="dropzone__input"
              onChange={onInput}
              disabled={busy}
              aria-describedby={[fileHintId, fileError ? fileErrorId : ''].filter(Boolean).join(' ')}
              aria-invalid={fileError ? true : undefined}
            />
            <label htmlFor={`${id}-file`} className="dropzone__label">
              {file ? (
                <>
                  <Artwork url={null} title={title || file.name} size="sm" className="dropzone__art" />
                  <span className="dropzone__file">
                    <span className="dropzone__name">{file.name}</span>
                    <span className="dropzone__size">{formatBytes(file.size)}</span>
                  </span>
                  {busy ? null : <span className="dropzone__change">Choose another file</span>}
                </>
              ) : (
                <>
                  <span className="dropzone__icon" aria-hidden="true">
                    <UploadIcon className="icon" />
                  </span>
                  <span className="dropzone__title dropzone__title--pointer">Drop your track here</span>
                  <span className="dropzone__title dropzone__title--touch">Choose your track</span>
                  <span className="dropzone__or">
                    or <span className="dropzone__browse">choose an audio file</span>
                  </span>
                </>
              )}
            </label>
            <p className="dropzone__hint" id={fileHintId}>
              {formatList(limits.acceptedFormats)}, up to {formatBytes(limits.maxTrackBytes)}. Lossless is
              best: the streaming copies are made from it.
            </p>
            {fileError ? (
              <p className="field__error dropzone__error" id={fileErrorId} role="alert">
                <span aria-hidden="true" className="field__error-icon">
                  !
                </span>
                {fileError}
              </p>
            ) : null}
          </fieldset>

          <TextField
            label="Title"
            value={title}
            onValueChange={setTitle}
            maxLength={TRACK_TITLE_MAX}
            error={errors.title}
            disabled={busy}
            hint="Taken from the file name; leave it empty to use the title in the file's tags."
          />
          <RadioCards
            legend="Who can listen"
            name={`${id}-visibility`}
            options={TRACK_VISIBILITY_CHOICES}
            value={visibility}
            onChange={setVisibility}
            error={errors.visibility}
          />
          <div className="form-grid">
            <div className="check check--accent">
              <input
                id={`${id}-download`}
                type="checkbox"
                checked={downloadable}
                onChange={(event) => setDownloadable(event.target.checked)}
                disabled={busy}
              />
              <label htmlFor={`${id}-download`}>
                <strong>Let listeners download it</strong>
                <span className="check__text">
                  The original file and an MP3, for everyone who can listen. You can change this later.
                </span>
              </label>
            </div>
            <ReleaseSelect releases={releases} value={releaseId} onChange={setReleaseId} disabled={busy} />
          </div>

          <StatusMessage notice={general ? { tone: 'error', text: general } : null} />

          {phase.step === 'uploading' ? (
            <UploadProgress phase={phase} name={file?.name ?? ''} />
          ) : (
            <div className="form-actions">
              <Button type="submit" className="button--lg">
                <UploadIcon className="icon icon--inline" />
                Upload and publish
              </Button>
              <span className="form-actions__hint">
                {visibility === 'members' ? 'Members will hear it' : 'Everyone will hear it'} once it is
                processed.
              </span>
            </div>
          )}
        </form>
      )}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  );
}

function UploadProgress({ phase, name }: { phase: Extract<Phase, { step: 'uploading' }>; name: string }) {
  const percent = phase.total > 0 ? Math.floor((phase.loaded / phase.total) * 100) : 0;
  const left = remaining(phase.loaded, phase.total, phase.startedAt);
  return (
    <div className="upload-progress">
      <div className="upload-progress__top">
        <span className="upload-progress__label" id="upload-progress-label">
          {percent >= 100 ? 'Finishing the upload…' : `Uploading ${name}`}
        </span>
        <span className="upload-progress__percent">{percent} %</span>
      </div>
      <progress
        className="upload__progress upload-progress__bar"
        max={100}
        value={percent}
        aria-labelledby="upload-progress-label"
      />
      <div className="upload-progress__bottom">
        <span className="upload-progress__bytes">
          {formatBytes(phase.loaded)} of {formatBytes(phase.total)}
          {left ? ` · ${left}` : ''}
        </span>
        <Button variant="ghost" size="sm" onClick={() => phase.upload.abort()}>
          Cancel upload
        </Button>
      </div>
      <p className="upload-progress__note">
        Stay on this page until the upload is done; processing carries on without you.
      </p>
    </div>
  );
}

function ProcessingCard({
  phase,
  statusRef,
  onRetry,
  retrying,
  onAnother,
  general,
}: {
  phase: Extract<Phase, { step: 'processing' | 'done' }>;
  statusRef: RefObject<HTMLHeadingElement | null>;
  onRetry: (track: Track) => void;
  retrying: boolean;
  onAnother: () => void;
  general: string | null;
}) {
  const { community } = useCommunity();
  const track = phase.track;
  const progress = track?.status === 'processing' ? Math.round(track.progress) : 0;
  const title = track?.title ?? 'Your track';
  return (
    <section
      className={`panel processing processing--${phase.step === 'done' ? track?.status : 'processing'}`}
      aria-labelledby="processing-title"
    >
      <div className="processing__head">
        <Artwork url={track?.artworkUrl ?? null} title={title} size="md" className="processing__art" />
        <div className="processing__text">
          <p className={track?.status === 'failed' ? 'eyebrow processing__failed' : 'eyebrow'}>
            {phase.step === 'processing'
              ? 'Uploaded'
              : track?.status === 'ready'
                ? 'Ready'
                : 'Processing failed'}
          </p>
          <h3 id="processing-title" className="processing__title" ref={statusRef} tabIndex={-1}>
            {title}
          </h3>
          <p className="processing__meta">
            {phase.step === 'processing'
              ? 'Making the streaming copies, measuring the loudness and drawing the waveform…'
              : track?.status === 'ready'
                ? `${formatDuration(track.durationMs)} · ${track.visibility === 'members' ? 'Members only' : 'Everyone can listen'}. It is live in ${track.communityName}.`
                : 'Coterie could not make this file playable.'}
          </p>
        </div>
        {track?.status === 'ready' ? (
          <TrackPlayButton tracks={[track]} index={0} size="xl" className="processing__play" />
        ) : null}
      </div>

      {phase.step === 'processing' ? (
        <div className="upload-progress">
          <div className="upload-progress__top">
            <span className="upload-progress__label" id="processing-label">
              Processing
            </span>
            <span className="upload-progress__percent">{progress} %</span>
          </div>
          <progress
            className="upload__progress upload-progress__bar processing__bar"
            max={100}
            value={progress}
            aria-labelledby="processing-label"
          />
          <p className="upload-progress__note">
            You can leave this page: the track appears in Music when it is done.
          </p>
        </div>
      ) : track?.status === 'ready' ? (
        <Waveform track={track} size="md" />
      ) : track ? (
        <div className="processing__failure">
          <StatusMessage
            notice={{ tone: 'error', text: track.failureReason ?? 'The audio could not be processed.' }}
          />
        </div>
      ) : null}

      <StatusMessage notice={general ? { tone: 'error', text: general } : null} />

      <div className="form-actions">
        {track?.status === 'ready' ? (
          <Link to={trackPath(track)} className="button button--primary">
            Open the track page
          </Link>
        ) : null}
        {track?.status === 'failed' ? (
          <Button variant="secondary" onClick={() => onRetry(track)} busy={retrying} busyLabel="Retrying…">
            <RetryIcon className="icon icon--inline" />
            Try processing again
          </Button>
        ) : null}
        {phase.step === 'done' ? (
          <Button variant="secondary" onClick={onAnother}>
            <UploadIcon className="icon icon--inline" />
            Upload another track
          </Button>
        ) : null}
        <Link to={musicPath(community.slug)} className="button button--ghost">
          Back to Music
        </Link>
      </div>
    </section>
  );
}
