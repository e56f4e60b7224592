import { useState } from 'react';
import type { ChartEntry, ChartWeeks } from '../api/charts.ts';
import { ApiError } from '../api/client.ts';
import { musicApi } from '../api/music.ts';
import { useAnnounce } from '../components/announcer.tsx';
import { PauseIcon, PlayIcon } from '../components/icons.tsx';
import { weekDays, weekLabel } from '../lib/weeks.ts';
import { usePlayer } from '../player/player-context.tsx';

const MOVES: Record<ChartEntry['movement'], (by: number) => { shown: string; said: string }> = {
  new: () => ({ shown: 'NEW', said: 'new entry' }),
  're-entry': () => ({ shown: 'RE', said: 'back on the chart' }),
  up: (by) => ({ shown: `▲ ${by}`, said: `up ${by} ${by === 1 ? 'place' : 'places'}` }),
  down: (by) => ({ shown: `▼ ${by}`, said: `down ${by} ${by === 1 ? 'place' : 'places'}` }),
  same: () => ({ shown: '–', said: 'no change' }),
};

/** ▲ 3, ▼ 2, NEW, RE or –, read out as words ("up 3 places"). */
export function MovementBadge({ movement, moveBy }: Pick<ChartEntry, 'movement' | 'moveBy'>) {
  const { shown, said } = MOVES[movement](moveBy);
  return (
    <span className={`movement movement--${movement}`}>
      <span aria-hidden="true">{shown}</span>
      <span className="visually-hidden">{said}</span>
    </span>
  );
}

/**
 * Plays a chart entry: a chart knows a track only by its id, so the track is fetched the first
 * time, then handed to the player like any other.
 */
export function ChartPlayButton({ entry }: { entry: ChartEntry }) {
  const player = usePlayer();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const current = player.current?.id === entry.trackId;
  const playing = current && player.playing;

  async function press() {
    if (current) {
      player.toggle();
      return;
    }
    setBusy(true);
    try {
      const track = await musicApi.track(entry.trackId);
      if (track.status !== 'ready') announce(`${entry.title} cannot be played right now.`);
      else player.playTrack(track);
    } catch (error) {
      announce(
        error instanceof ApiError && (error.status === 403 || error.status === 404)
          ? `${entry.title} is for members of its community only.`
          : `${entry.title} could not be loaded.`,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <button
      type="button"
      className={current ? 'play-button play-button--md play-button--current' : 'play-button play-button--md'}
      onClick={() => void press()}
      aria-busy={busy || undefined}
      disabled={busy}
    >
      {playing ? <PauseIcon className="icon" /> : <PlayIcon className="icon" />}
      <span className="visually-hidden">
        {playing ? 'Pause' : 'Play'} {entry.title}
      </span>
    </button>
  );
}

/** The open week first, then the archive; a week an admin closed early is listed once, as closed. */
export function weekChoices(weeks: ChartWeeks): { value: string; label: string }[] {
  const closedEarly = weeks.closed.some((w) => w.week === weeks.open.week);
  const open = closedEarly
    ? []
    : [{ value: weeks.open.week, label: `This week, open · ${weekDays(weeks.open.week)}` }];
  return [...open, ...weeks.closed.map((w) => ({ value: w.week, label: weekLabel(w.week) }))];
}

export function WeekPicker({
  weeks,
  value,
  onChange,
  id,
}: {
  weeks: ChartWeeks;
  value: string;
  onChange: (week: string) => void;
  id: string;
}) {
  const choices = weekChoices(weeks);
  return (
    <div className="week-picker">
      <label htmlFor={id} className="week-picker__label">
        Week
      </label>
      <select
        id={id}
        className="input select week-picker__select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
