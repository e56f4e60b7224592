import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Track } from '../api/music.ts';
import { useOutsidePointer } from '../components/action-menu.tsx';
import { Artwork } from '../components/artwork.tsx';
import {
  CloseIcon,
  KeyboardIcon,
  MuteIcon,
  NextIcon,
  PauseIcon,
  PlayIcon,
  PreviousIcon,
  QueueIcon,
  VolumeIcon,
} from '../components/icons.tsx';
import { PlayerPickButton } from '../discovery/pick-control.tsx';
import { useAccent } from '../lib/accent.ts';
import { formatClock, formatDuration, spokenDuration } from '../lib/music.ts';
import { useCommunityAccent } from './community-accent.ts';
import { usePlaybackTime, usePlayer } from './player-context.tsx';
import { SHORTCUTS, usePlayerShortcuts } from './shortcuts.ts';

export const trackPath = (track: Pick<Track, 'communitySlug' | 'id'>) =>
  `/c/${encodeURIComponent(track.communitySlug)}/music/t/${encodeURIComponent(track.id)}`;

/**
 * The bar at the bottom of every page while something is loaded: what plays (linking to its page),
 * the transport, a seek bar, the volume, the queue and the keyboard shortcuts. The page gets room
 * at the bottom for it, so it never covers content.
 */
export function PlayerBar() {
  const player = usePlayer();
  const { current } = player;
  if (!current) return null;
  return <LoadedPlayerBar track={current} />;
}

function LoadedPlayerBar({ track }: { track: Track }) {
  const player = usePlayer();
  usePlayerShortcuts(player);
  const [announcement, setAnnouncement] = useState('');
  // The bar wears the colour of the community whose track plays.
  const themeRef = useRef<HTMLElement>(null);
  useAccent(themeRef, useCommunityAccent(track.communitySlug));

  useEffect(() => {
    document.documentElement.classList.add('has-player');
    return () => document.documentElement.classList.remove('has-player');
  }, []);

  // Says what starts playing, once per track, to screen readers.
  useEffect(() => {
    setAnnouncement(`Now playing: ${track.title} by ${track.artist}.`);
  }, [track.title, track.artist]);

  const playLabel = player.playing ? 'Pause' : 'Play';

  return (
    <section ref={themeRef} className="player themed" aria-label="Player">
      <div className="player__inner">
        {/* Cover, title and artist are one link to the track's page. */}
        <Link to={trackPath(track)} className="player__now">
          <Artwork url={track.artworkUrl} title={track.title} size="sm" className="player__art" />
          <span className="player__text">
            <span className="player__title">{track.title}</span>
            <span className="player__artist">{track.artist}</span>
          </span>
        </Link>

        <div className="player__transport">
          <button
            type="button"
            className="player__button player__button--skip"
            onClick={player.previous}
            aria-label="Previous track"
            title="Previous (Shift+P)"
          >
            <PreviousIcon className="icon" />
          </button>
          <button
            type="button"
            className={
              player.buffering && player.playing ? 'player__play player__play--buffering' : 'player__play'
            }
            onClick={player.toggle}
            aria-label={playLabel}
            title={`${playLabel} (Space or K)`}
          >
            {player.playing ? <PauseIcon className="icon" /> : <PlayIcon className="icon" />}
          </button>
          <button
            type="button"
            className="player__button player__button--skip"
            onClick={player.next}
            disabled={!player.hasNext}
            aria-label="Next track"
            title="Next (Shift+N)"
          >
            <NextIcon className="icon" />
          </button>
        </div>

        <SeekBar track={track} />

        <div className="player__extras">
          <PlayerPickButton track={track} />
          <VolumeControl />
          <QueuePopover />
          <ShortcutsPopover />
          <button
            type="button"
            className="player__button player__button--close"
            onClick={player.close}
            aria-label="Stop and close the player"
            title="Stop and close the player"
          >
            <CloseIcon className="icon" />
          </button>
        </div>
      </div>
      {player.error ? (
        <p className="player__error" role="alert">
          {player.error}
        </p>
      ) : null}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </section>
  );
}

/** The seek bar: a native range, so every assistive technology knows it; scrubbing seeks on release. */
function SeekBar({ track }: { track: Track }) {
  const player = usePlayer();
  const time = usePlaybackTime();
  const [scrub, setScrub] = useState<number | null>(null);
  const pointerDown = useRef(false);
  const duration = time.duration;
  const position = scrub ?? Math.min(time.currentTime, duration || time.currentTime);
  const fill = duration > 0 ? (position / duration) * 100 : 0;
  const buffered = duration > 0 ? Math.min(100, (time.bufferedEnd / duration) * 100) : 0;

  const commit = () => {
    pointerDown.current = false;
    if (scrub !== null) player.seek(scrub);
    setScrub(null);
  };

  return (
    <div className="player__timeline">
      <span className="player__time" aria-hidden="true">
        {formatClock(position)}
      </span>
      <input
        type="range"
        className="player__range player__range--seek"
        min={0}
        max={duration > 0 ? duration : 1}
        step="any"
        value={position}
        disabled={duration <= 0}
        aria-label="Playback position"
        aria-valuetext={`${spokenDuration(position)} of ${spokenDuration(duration)}`}
        ref={(element) => {
          element?.style.setProperty('--fill', `${fill.toFixed(2)}%`);
          element?.style.setProperty('--buffered', `${buffered.toFixed(2)}%`);
        }}
        onPointerDown={() => {
          pointerDown.current = true;
        }}
        onPointerUp={commit}
        onPointerCancel={commit}
        onChange={(event) => {
          const value = Number(event.target.value);
          if (pointerDown.current) setScrub(value);
          else player.seek(value);
        }}
      />
      <span className="player__time player__time--total" aria-hidden="true">
        {duration > 0 ? formatClock(duration) : formatDuration(track.durationMs)}
      </span>
    </div>
  );
}

function VolumeControl() {
  const player = usePlayer();
  const shown = player.muted ? 0 : player.volume;
  return (
    <div className="player__volume">
      <button
        type="button"
        className="player__button"
        onClick={player.toggleMute}
        aria-pressed={player.muted}
        aria-label="Mute"
        title={player.muted ? 'Unmute (M)' : 'Mute (M)'}
      >
        {player.muted || player.volume === 0 ? (
          <MuteIcon className="icon" />
        ) : (
          <VolumeIcon className="icon" />
        )}
      </button>
      <input
        type="range"
        className="player__range player__range--volume"
        min={0}
        max={1}
        step={0.01}
        value={shown}
        aria-label="Volume"
        aria-valuetext={`${Math.round(shown * 100)} %`}
        ref={(element) => element?.style.setProperty('--fill', `${(shown * 100).toFixed(1)}%`)}
        onChange={(event) => player.setVolume(Number(event.target.value))}
      />
    </div>
  );
}

/** A button that opens a small panel above the bar; Escape or a click elsewhere closes it. */
function usePopover() {
  const [open, setOpen] = useState(false);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useOutsidePointer(open, wrapperRef, close);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    }
  };
  return { open, setOpen, wrapperRef, buttonRef, onKeyDown };
}

function QueuePopover() {
  const player = usePlayer();
  const { open, setOpen, wrapperRef, buttonRef, onKeyDown } = usePopover();
  const id = useId();
  const upcoming = player.queue.length - player.index - 1;
  return (
    <div ref={wrapperRef} className="player__popover-wrap">
      <button
        ref={buttonRef}
        type="button"
        className="player__button player__button--queue"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((now) => !now)}
        onKeyDown={onKeyDown}
        title="Queue"
      >
        <QueueIcon className="icon" />
        <span className="visually-hidden">Queue</span>
        {upcoming > 0 ? (
          <span className="player__count">
            {upcoming}
            <span className="visually-hidden"> up next</span>
          </span>
        ) : null}
      </button>
      {open ? (
        <section
          id={id}
          className="player__popover player__popover--queue"
          aria-labelledby={`${id}-title`}
          onKeyDown={onKeyDown}
        >
          <h2 id={`${id}-title`} className="player__popover-title">
            Queue
          </h2>
          <ol className="queue-list">
            {player.queue.map((item, i) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: a track may be queued twice; its place tells them apart.
                key={`${item.id}-${i}`}
                className={i === player.index ? 'queue-item queue-item--current' : 'queue-item'}
                aria-current={i === player.index ? 'true' : undefined}
              >
                <button type="button" className="queue-item__play" onClick={() => player.jumpTo(i)}>
                  <Artwork url={item.artworkUrl} title={item.title} size="xs" />
                  <span className="queue-item__text">
                    <span className="queue-item__title">{item.title}</span>
                    <span className="queue-item__artist">
                      {i === player.index ? 'Now playing · ' : ''}
                      {item.artist}
                    </span>
                  </span>
                  <span className="queue-item__time">{formatDuration(item.durationMs)}</span>
                </button>
                {i !== player.index ? (
                  <button
                    type="button"
                    className="icon-button queue-item__remove"
                    onClick={() => player.removeFromQueue(i)}
                  >
                    <CloseIcon className="icon" />
                    <span className="visually-hidden">Remove {item.title} from the queue</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
          {upcoming === 0 ? <p className="player__popover-note">Nothing after this track.</p> : null}
        </section>
      ) : null}
    </div>
  );
}

function ShortcutsPopover() {
  const { open, setOpen, wrapperRef, buttonRef, onKeyDown } = usePopover();
  const id = useId();
  return (
    <div ref={wrapperRef} className="player__popover-wrap player__shortcuts">
      <button
        ref={buttonRef}
        type="button"
        className="player__button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((now) => !now)}
        onKeyDown={onKeyDown}
        title="Keyboard shortcuts"
      >
        <KeyboardIcon className="icon" />
        <span className="visually-hidden">Keyboard shortcuts</span>
      </button>
      {open ? (
        <section id={id} className="player__popover" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown}>
          <h2 id={`${id}-title`} className="player__popover-title">
            Keyboard shortcuts
          </h2>
          <dl className="shortcut-list">
            {SHORTCUTS.map((shortcut) => (
              <div key={shortcut.action} className="shortcut-list__row">
                <dt>
                  {shortcut.keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 ? <span className="shortcut-list__or"> or </span> : null}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{shortcut.action}</dd>
              </div>
            ))}
          </dl>
          <p className="player__popover-note">They work anywhere, except while you type in a field.</p>
        </section>
      ) : null}
    </div>
  );
}
