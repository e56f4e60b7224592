import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { musicApi, playableStreamUrl, type Track } from '../api/music.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { loudnessFactor } from '../lib/music.ts';

/** What the player is doing; changes a few times per track, so the whole app may read it. */
export interface Player {
  queue: Track[];
  /** Index of the current track in the queue, or -1 when nothing is loaded. */
  index: number;
  current: Track | null;
  /** The audio is running (it may still be waiting for data: see `buffering`). */
  playing: boolean;
  buffering: boolean;
  /** Why the current track does not play, in words. */
  error: string | null;
  /** The listener's volume, 0 to 1, before the loudness correction of each track. */
  volume: number;
  muted: boolean;
  hasNext: boolean;
  hasPrevious: boolean;

  /** Plays one track now, replacing the queue. */
  playTrack: (track: Track, startAt?: number) => void;
  /** Replaces the queue with a list and plays from `index`; tracks that are not ready are left out. */
  playList: (tracks: Track[], index: number, startAt?: number) => void;
  /** Adds a track to the end of the queue (and plays it if nothing is playing). */
  addToQueue: (track: Track) => void;
  removeFromQueue: (index: number) => void;
  jumpTo: (index: number) => void;
  play: () => void;
  pause: () => void;
  toggle: () => void;
  /** Seconds from the start of the current track. */
  seek: (seconds: number) => void;
  seekBy: (seconds: number) => void;
  next: () => void;
  previous: () => void;
  setVolume: (volume: number) => void;
  toggleMute: () => void;
  /** A track changed elsewhere (renamed, made members-only): keeps the queue's copy current. */
  updateTrack: (track: Track) => void;
  /** Stops and empties the queue: the player bar goes away. */
  close: () => void;
  isCurrent: (trackId: string) => boolean;
}

export interface PlaybackTime {
  /** Seconds. */
  currentTime: number;
  /** Seconds; the track's own duration until the audio knows better; 0 when unknown. */
  duration: number;
  /** Seconds of audio buffered from the start of the current position's range. */
  bufferedEnd: number;
}

const PlayerContext = createContext<Player | null>(null);

interface TimeStore {
  get: () => PlaybackTime;
  subscribe: (listener: () => void) => () => void;
  set: (next: PlaybackTime) => void;
}

function createTimeStore(): TimeStore {
  let value: PlaybackTime = { currentTime: 0, duration: 0, bufferedEnd: 0 };
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (next) => {
      if (
        next.currentTime === value.currentTime &&
        next.duration === value.duration &&
        next.bufferedEnd === value.bufferedEnd
      )
        return;
      value = next;
      for (const listener of listeners) listener();
    },
  };
}

const TimeContext = createContext<TimeStore>(createTimeStore());

const VOLUME_KEY = 'coterie.player.volume';
/** A listen counts after this much real playback (or the whole of a shorter track). */
const PLAY_THRESHOLD_MS = 30_000;
/**
 * Seeks are caught by their own events; as a second guard, a jump in currentTime larger than this
 * between two timeupdates (which come every quarter second, a little slower in a background tab)
 * is not counted as listening.
 */
const MAX_TICK_SECONDS = 4;

function readVolume(): { volume: number; muted: boolean } {
  try {
    const saved = JSON.parse(window.localStorage.getItem(VOLUME_KEY) ?? 'null') as {
      volume?: unknown;
      muted?: unknown;
    } | null;
    const volume =
      typeof saved?.volume === 'number' && saved.volume >= 0 && saved.volume <= 1 ? saved.volume : 1;
    return { volume, muted: saved?.muted === true };
  } catch {
    return { volume: 1, muted: false };
  }
}

function mediaErrorText(error: MediaError | null): string {
  if (error?.code === MediaError.MEDIA_ERR_NETWORK)
    return 'The connection dropped while this track was loading. Press play to try again.';
  if (error?.code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED)
    return 'This track cannot be played here: it may have been removed or made members-only.';
  return 'This track could not be played. Press play to try again.';
}

/** One listening session of one track, for the plays report. */
interface Session {
  trackId: string;
  playedMs: number;
  lastTime: number | null;
  reported: boolean;
}

/**
 * The one <audio> element of the app and everything that drives it: the queue, the volume (kept
 * in this browser), the loudness correction, the media keys of the system and the plays report.
 * It sits above the routes, so music keeps playing while the listener moves around.
 */
export function PlayerProvider({ children }: { children: ReactNode }) {
  const audioRef = useRef<HTMLAudioElement>(null);
  const timeStore = useMemo(createTimeStore, []);
  const { state: auth } = useAuth();
  const loggedIn = useRef(false);
  loggedIn.current = auth.status === 'authenticated';

  const [queue, setQueue] = useState<Track[]>([]);
  const [index, setIndex] = useState(-1);
  const [playing, setPlaying] = useState(false);
  const [buffering, setBuffering] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [{ volume, muted }, setVolumeState] = useState(readVolume);

  // Event handlers and media-session actions read the latest values through refs.
  const queueRef = useRef(queue);
  queueRef.current = queue;
  const indexRef = useRef(index);
  indexRef.current = index;
  const current = queue[index] ?? null;
  const currentRef = useRef(current);
  currentRef.current = current;
  const pendingStart = useRef<number | null>(null);
  const session = useRef<Session | null>(null);
  const endedRef = useRef(false);
  const canPlayOpus = useRef<boolean | null>(null);

  const publishTime = useCallback(() => {
    const element = audioRef.current;
    const track = currentRef.current;
    if (!element || !track) {
      timeStore.set({ currentTime: 0, duration: 0, bufferedEnd: 0 });
      return;
    }
    const duration =
      Number.isFinite(element.duration) && element.duration > 0
        ? element.duration
        : (track.durationMs ?? 0) / 1000;
    let bufferedEnd = 0;
    for (let i = 0; i < element.buffered.length; i++) {
      if (element.buffered.start(i) <= element.currentTime + 0.5)
        bufferedEnd = Math.max(bufferedEnd, element.buffered.end(i));
    }
    timeStore.set({ currentTime: element.currentTime, duration, bufferedEnd });
  }, [timeStore]);

  const load = useCallback(
    (track: Track, startAt = 0, autoplay = true) => {
      const element = audioRef.current;
      if (!element) return;
      if (canPlayOpus.current === null)
        canPlayOpus.current = element.canPlayType('audio/ogg; codecs="opus"') !== '';
      currentRef.current = track;
      session.current = { trackId: track.id, playedMs: 0, lastTime: null, reported: false };
      endedRef.current = false;
      pendingStart.current = startAt > 0 ? startAt : null;
      setError(null);
      setBuffering(autoplay);
      element.src = playableStreamUrl(track, canPlayOpus.current);
      if (startAt > 0) element.currentTime = startAt;
      publishTime();
      if (autoplay) {
        element.play().catch((failure: unknown) => {
          // A newer load interrupts this one (AbortError), or the browser wants a gesture first.
          if (failure instanceof DOMException && failure.name === 'AbortError') return;
          setBuffering(false);
          setPlaying(false);
        });
      }
    },
    [publishTime],
  );

  const playList = useCallback(
    (tracks: Track[], start: number, startAt = 0) => {
      const chosen = tracks[start];
      const list = tracks.filter((t) => t.status === 'ready');
      const at = chosen ? list.findIndex((t) => t.id === chosen.id) : -1;
      if (list.length === 0) return;
      const first = Math.max(0, at);
      queueRef.current = list;
      indexRef.current = first;
      setQueue(list);
      setIndex(first);
      const track = list[first];
      if (track) load(track, startAt);
    },
    [load],
  );

  const playTrack = useCallback((track: Track, startAt = 0) => playList([track], 0, startAt), [playList]);

  const jumpTo = useCallback(
    (to: number) => {
      const track = queueRef.current[to];
      if (!track) return;
      indexRef.current = to;
      setIndex(to);
      load(track);
    },
    [load],
  );

  const addToQueue = useCallback(
    (track: Track) => {
      if (track.status !== 'ready') return;
      const list = [...queueRef.current, track];
      queueRef.current = list;
      setQueue(list);
      if (indexRef.current === -1) jumpTo(list.length - 1);
    },
    [jumpTo],
  );

  const removeFromQueue = useCallback((at: number) => {
    const list = queueRef.current;
    if (at < 0 || at >= list.length || at === indexRef.current) return;
    const next = list.filter((_, i) => i !== at);
    queueRef.current = next;
    setQueue(next);
    if (at < indexRef.current) {
      indexRef.current -= 1;
      setIndex(indexRef.current);
    }
  }, []);

  const play = useCallback(() => {
    const element = audioRef.current;
    const track = currentRef.current;
    if (!element || !track) return;
    if (error !== null || element.error) {
      // After a failure, start this track again where it stopped.
      load(track, element.currentTime || 0);
      return;
    }
    element.play().catch(() => setPlaying(false));
  }, [error, load]);

  const pause = useCallback(() => audioRef.current?.pause(), []);

  const toggle = useCallback(() => {
    const element = audioRef.current;
    if (!element || !currentRef.current) return;
    if (element.paused) play();
    else element.pause();
  }, [play]);

  const seek = useCallback(
    (seconds: number) => {
      const element = audioRef.current;
      if (!element || !currentRef.current) return;
      const duration = Number.isFinite(element.duration) ? element.duration : Number.POSITIVE_INFINITY;
      element.currentTime = Math.max(0, Math.min(seconds, duration));
      publishTime();
    },
    [publishTime],
  );

  const seekBy = useCallback((delta: number) => seek((audioRef.current?.currentTime ?? 0) + delta), [seek]);

  const next = useCallback(() => {
    if (indexRef.current + 1 < queueRef.current.length) jumpTo(indexRef.current + 1);
  }, [jumpTo]);

  const previous = useCallback(() => {
    const element = audioRef.current;
    // As on every player: back to the start of this track first, then to the one before.
    if (element && element.currentTime > 3) seek(0);
    else if (indexRef.current > 0) jumpTo(indexRef.current - 1);
    else seek(0);
  }, [jumpTo, seek]);

  const setVolume = useCallback((value: number) => {
    setVolumeState({ volume: Math.min(1, Math.max(0, value)), muted: false });
  }, []);

  const toggleMute = useCallback(() => setVolumeState((now) => ({ ...now, muted: !now.muted })), []);

  const updateTrack = useCallback((track: Track) => {
    setQueue((list) =>
      list.some((t) => t.id === track.id) ? list.map((t) => (t.id === track.id ? track : t)) : list,
    );
  }, []);

  const close = useCallback(() => {
    const element = audioRef.current;
    if (element) {
      element.pause();
      element.removeAttribute('src');
      element.load();
    }
    session.current = null;
    queueRef.current = [];
    indexRef.current = -1;
    currentRef.current = null;
    setQueue([]);
    setIndex(-1);
    setPlaying(false);
    setBuffering(false);
    setError(null);
    publishTime();
  }, [publishTime]);

  const isCurrent = useCallback((trackId: string) => current?.id === trackId, [current]);

  // The listener's volume times the track's loudness correction; remembered in this browser.
  useEffect(() => {
    const element = audioRef.current;
    if (element) {
      element.volume = volume * loudnessFactor(current?.loudnessLufs ?? null);
      element.muted = muted;
    }
  }, [volume, muted, current?.loudnessLufs]);

  useEffect(() => {
    try {
      window.localStorage.setItem(VOLUME_KEY, JSON.stringify({ volume, muted }));
    } catch {
      // Private mode or a full storage: the volume is simply not remembered.
    }
  }, [volume, muted]);

  // The audio element's events: playing state, time, the end of a track, the plays report.
  useEffect(() => {
    const element = audioRef.current;
    if (!element) return;

    const report = () => {
      const now = session.current;
      if (!now || now.reported || !loggedIn.current) return;
      now.reported = true;
      musicApi.reportPlay(now.trackId, now.playedMs).catch(() => {
        // A lost listen is not worth bothering the listener about.
      });
    };

    const durationMs = () => {
      if (Number.isFinite(element.duration) && element.duration > 0) return element.duration * 1000;
      return currentRef.current?.durationMs ?? null;
    };

    const onTimeUpdate = () => {
      const now = session.current;
      if (now && !element.paused && !element.seeking) {
        if (now.lastTime !== null) {
          const delta = element.currentTime - now.lastTime;
          if (delta > 0 && delta < MAX_TICK_SECONDS) now.playedMs += delta * 1000;
        }
        now.lastTime = element.currentTime;
        if (now.playedMs >= PLAY_THRESHOLD_MS) report();
      }
      publishTime();
    };
    const onSeeking = () => {
      if (session.current) session.current.lastTime = null;
      publishTime();
    };
    const onSeeked = () => {
      if (session.current && !element.paused) session.current.lastTime = element.currentTime;
      publishTime();
    };
    const onPlay = () => {
      if (endedRef.current && currentRef.current) {
        // Playing a finished track again is a new listen.
        session.current = { trackId: currentRef.current.id, playedMs: 0, lastTime: null, reported: false };
        endedRef.current = false;
      }
      if (session.current) session.current.lastTime = element.currentTime;
      setPlaying(true);
      setError(null);
    };
    const onPause = () => {
      if (session.current) session.current.lastTime = null;
      setPlaying(false);
      setBuffering(false);
    };
    const onWaiting = () => setBuffering(true);
    const onPlaying = () => setBuffering(false);
    const onLoadedMetadata = () => {
      if (pendingStart.current !== null) {
        if (Math.abs(element.currentTime - pendingStart.current) > 0.5)
          element.currentTime = pendingStart.current;
        pendingStart.current = null;
      }
      publishTime();
    };
    const onEnded = () => {
      const now = session.current;
      const length = durationMs();
      // A track shorter than the threshold counts once it has been heard (nearly) whole.
      if (now && length !== null && length < PLAY_THRESHOLD_MS && now.playedMs >= length * 0.8) report();
      endedRef.current = true;
      setPlaying(false);
      setBuffering(false);
      if (indexRef.current + 1 < queueRef.current.length) {
        const following = indexRef.current + 1;
        indexRef.current = following;
        setIndex(following);
        const track = queueRef.current[following];
        if (track) load(track);
      }
    };
    const onError = () => {
      if (!element.getAttribute('src')) return;
      setError(mediaErrorText(element.error));
      setPlaying(false);
      setBuffering(false);
    };

    element.addEventListener('timeupdate', onTimeUpdate);
    element.addEventListener('durationchange', publishTime);
    element.addEventListener('progress', publishTime);
    element.addEventListener('seeking', onSeeking);
    element.addEventListener('seeked', onSeeked);
    element.addEventListener('play', onPlay);
    element.addEventListener('pause', onPause);
    element.addEventListener('waiting', onWaiting);
    element.addEventListener('playing', onPlaying);
    element.addEventListener('canplay', onPlaying);
    element.addEventListener('loadedmetadata', onLoadedMetadata);
    element.addEventListener('ended', onEnded);
    element.addEventListener('error', onError);
    return () => {
      element.removeEventListener('timeupdate', onTimeUpdate);
      element.removeEventListener('durationchange', publishTime);
      element.removeEventListener('progress', publishTime);
      element.removeEventListener('seeking', onSeeking);
      element.removeEventListener('seeked', onSeeked);
      element.removeEventListener('play', onPlay);
      element.removeEventListener('pause', onPause);
      element.removeEventListener('waiting', onWaiting);
      element.removeEventListener('playing', onPlaying);
      element.removeEventListener('canplay', onPlaying);
      element.removeEventListener('loadedmetadata', onLoadedMetadata);
      element.removeEventListener('ended', onEnded);
      element.removeEventListener('error', onError);
    };
  }, [load, publishTime]);

  // The system's media controls: lock screen, headset buttons, keyboard media keys.
  const actions = useRef({ play, pause, next, previous, seek, seekBy });
  actions.current = { play, pause, next, previous, seek, seekBy };
  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    const session = navigator.mediaSession;
    const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
      ['play', () => actions.current.play()],
      ['pause', () => actions.current.pause()],
      ['previoustrack', () => actions.current.previous()],
      ['nexttrack', () => actions.current.next()],
      ['seekto', (details) => actions.current.seek(details.seekTime ?? 0)],
      ['seekbackward', (details) => actions.current.seekBy(-(details.seekOffset ?? 10))],
      ['seekforward', (details) => actions.current.seekBy(details.seekOffset ?? 10)],
      ['stop', () => actions.current.pause()],
    ];
    for (const [action, handler] of handlers) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // This browser does not know that action.
      }
    }
    return () => {
      for (const [action] of handlers) {
        try {
          session.setActionHandler(action, null);
        } catch {
          // As above.
        }
      }
    };
  }, []);

  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    if (!current) {
      navigator.mediaSession.metadata = null;
      return;
    }
    const artwork = current.artworkUrl
      ? [{ src: new URL(current.artworkUrl, window.location.origin).href, sizes: '512x512' }]
      : [];
    navigator.mediaSession.metadata = new MediaMetadata({
      title: current.title,
      artist: current.artist,
      album: current.communityName,
      artwork,
    });
  }, [current]);

  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    navigator.mediaSession.playbackState = current ? (playing ? 'playing' : 'paused') : 'none';
  }, [current, playing]);

  useEffect(() => {
    const element = audioRef.current;
    if (!element || !('mediaSession' in navigator) || !navigator.mediaSession.setPositionState) return;
    const update = () => {
      const { duration, currentTime } = element;
      if (!Number.isFinite(duration) || duration <= 0) return;
      try {
        navigator.mediaSession.setPositionState({
          duration,
          playbackRate: element.playbackRate || 1,
          position: Math.min(Math.max(0, currentTime), duration),
        });
      } catch {
        // An inconsistent moment (position past a shrinking duration): the next event fixes it.
      }
    };
    const events = ['loadedmetadata', 'durationchange', 'play', 'pause', 'seeked', 'ratechange'];
    for (const name of events) element.addEventListener(name, update);
    return () => {
      for (const name of events) element.removeEventListener(name, update);
    };
  }, []);

  const player = useMemo<Player>(
    () => ({
      queue,
      index,
      current,
      playing,
      buffering,
      error,
      volume,
      muted,
      hasNext: index + 1 < queue.length,
      hasPrevious: index > 0,
      playTrack,
      playList,
      addToQueue,
      removeFromQueue,
      jumpTo,
      play,
      pause,
      toggle,
      seek,
      seekBy,
      next,
      previous,
      setVolume,
      toggleMute,
      updateTrack,
      close,
      isCurrent,
    }),
    [
      queue,
      index,
      current,
      playing,
      buffering,
      error,
      volume,
      muted,
      playTrack,
      playList,
      addToQueue,
      removeFromQueue,
      jumpTo,
      play,
      pause,
      toggle,
      seek,
      seekBy,
      next,
      previous,
      setVolume,
      toggleMute,
      updateTrack,
      close,
      isCurrent,
    ],
  );

  return (
    <PlayerContext.Provider value={player}>
      <TimeContext.Provider value={timeStore}>
        {children}
        {/* No controls attribute: the player bar is its face. */}
        {/* biome-ignore lint/a11y/useMediaCaption: music without words; nothing to caption. */}
        <audio ref={audioRef} data-testid="coterie-audio" preload="auto" />
      </TimeContext.Provider>
    </PlayerContext.Provider>
  );
}

export function usePlayer(): Player {
  const player = useContext(PlayerContext);
  if (!player) throw new Error('usePlayer needs a PlayerProvider above it.');
  return player;
}

/** Where the current track is, updated several times a second: only the parts that show time read it. */
export function usePlaybackTime(): PlaybackTime {
  const store = useContext(TimeContext);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
