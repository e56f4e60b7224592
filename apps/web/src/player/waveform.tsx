import { type KeyboardEvent, type PointerEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Track } from '../api/music.ts';
import { downsamplePeaks, formatClock, spokenDuration } from '../lib/music.ts';
import { usePlaybackTime, usePlayer } from './player-context.tsx';

const BAR_PIXELS = 4;

/**
 * A track's waveform, drawn from the peaks the server measured, and the way to move around in it:
 * a slider (click, drag, arrow keys, Home and End). The part already heard takes the community's
 * colour. Seeking in a track that is not playing starts it there.
 */
export function Waveform({
  track,
  size = 'lg',
  onStart,
}: {
  track: Track;
  size?: 'md' | 'lg';
  /** Starts this track at a point; by default it plays alone. */
  onStart?: (seconds: number) => void;
}) {
  const player = usePlayer();
  const time = usePlaybackTime();
  const frameRef = useRef<HTMLDivElement>(null);
  const clipId = `wave${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [width, setWidth] = useState(0);
  const [drag, setDrag] = useState<number | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const dragging = useRef(false);

  const current = player.current?.id === track.id;
  const ready = track.status === 'ready';
  const duration = current && time.duration > 0 ? time.duration : (track.durationMs ?? 0) / 1000;
  const position = drag !== null ? drag * duration : current ? Math.min(time.currentTime, duration) : 0;
  const fraction = duration > 0 ? position / duration : 0;

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  const count = Math.max(32, Math.min(260, Math.floor((width || 600) / BAR_PIXELS)));
  const bars = useMemo(() => downsamplePeaks(track.peaks, count), [track.peaks, count]);
  const path = useMemo(
    () =>
      bars
        .map((peak, i) => {
          const h = Math.max(3, peak * 96);
          return `M${(i + 0.18).toFixed(2)} ${(50 - h / 2).toFixed(2)}h0.64v${h.toFixed(2)}h-0.64z`;
        })
        .join(''),
    [bars],
  );

  function seekTo(seconds: number) {
    const target = Math.max(0, Math.min(seconds, duration));
    if (current) player.seek(target);
    else if (onStart) onStart(target);
    else player.playTrack(track, target);
  }

  function fractionAt(event: PointerEvent<HTMLDivElement>): number {
    const box = event.currentTarget.getBoundingClientRect();
    return box.width > 0 ? Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)) : 0;
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (!ready || duration <= 0 || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    dragging.current = true;
    setDrag(fractionAt(event));
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (!ready || duration <= 0) return;
    const at = fractionAt(event);
    if (dragging.current) setDrag(at);
    else if (event.pointerType === 'mouse') setHover(at);
  }

  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    if (!dragging.current) return;
    dragging.current = false;
    const at = fractionAt(event);
    setDrag(null);
    seekTo(at * duration);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!ready || duration <= 0) return;
    const steps: Record<string, number> = {
      ArrowLeft: -5,
      ArrowDown: -5,
      ArrowRight: 5,
      ArrowUp: 5,
      PageDown: -30,
      PageUp: 30,
    };
    let target: number | null = null;
    if (event.key in steps) target = position + (steps[event.key] ?? 0);
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = Math.max(0, duration - 1);
    if (target === null) return;
    event.preventDefault();
    seekTo(target);
  }

  const empty = bars.length === 0;
  const classes = [
    'waveform',
    `waveform--${size}`,
    current ? 'waveform--current' : '',
    empty ? 'waveform--empty' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={classes}>
      <div
        ref={frameRef}
        className="waveform__frame"
        role="slider"
        tabIndex={ready ? 0 : -1}
        aria-label={`Seek in ${track.title}`}
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        aria-valuenow={Math.round(position)}
        aria-valuetext={`${spokenDuration(position)} of ${spokenDuration(duration)}`}
        aria-disabled={ready ? undefined : true}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          dragging.current = false;
          setDrag(null);
        }}
        onPointerLeave={() => setHover(null)}
        onKeyDown={onKeyDown}
      >
        {empty ? (
          <span className="waveform__flat" aria-hidden="true" />
        ) : (
          <svg
            className="waveform__svg"
            viewBox={`0 0 ${bars.length} 100`}
            preserveAspectRatio="none"
            aria-hidden="true"
            focusable="false"
          >
            <defs>
              <clipPath id={`${clipId}-played`}>
                <rect x="0" y="0" height="100" width={(fraction * bars.length).toFixed(3)} />
              </clipPath>
              <clipPath id={`${clipId}-hover`}>
                <rect
                  x={(Math.min(fraction, hover ?? 0) * bars.length).toFixed(3)}
                  y="0"
                  height="100"
                  width={(Math.abs((hover ?? 0) - fraction) * bars.length).toFixed(3)}
                />
              </clipPath>
            </defs>
            <path d={path} className="waveform__bars" />
            {hover !== null ? (
              <path
                d={path}
                className="waveform__bars waveform__bars--hover"
                clipPath={`url(#${clipId}-hover)`}
              />
            ) : null}
            <path
              d={path}
              className="waveform__bars waveform__bars--played"
              clipPath={`url(#${clipId}-played)`}
            />
          </svg>
        )}
        {hover !== null && duration > 0 ? (
          <HoverTime fraction={hover} label={formatClock(hover * duration)} />
        ) : null}
      </div>
      <div className="waveform__times" aria-hidden="true">
        <span>{formatClock(position)}</span>
        <span>{formatClock(duration)}</span>
      </div>
    </div>
  );
}

/** The time under the pointer, placed through the CSSOM (no style attributes under our CSP). */
function HoverTime({ fraction, label }: { fraction: number; label: string }) {
  return (
    <span
      className="waveform__hover-time"
      aria-hidden="true"
      ref={(element) => element?.style.setProperty('--at', `${(fraction * 100).toFixed(2)}%`)}
    >
      {label}
    </span>
  );
}
