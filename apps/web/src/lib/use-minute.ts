import { useSyncExternalStore } from 'react';

/*
 * One timer for the whole page: every relative time ("5 minutes ago") re-renders once a minute,
 * and the timer stops when nothing on screen shows one.
 */
const listeners = new Set<() => void>();
let minute = Math.floor(Date.now() / 60_000);
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    timer = setInterval(() => {
      const next = Math.floor(Date.now() / 60_000);
      if (next === minute) return;
      minute = next;
      for (const notify of listeners) notify();
    }, 15_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current minute, as a number that changes once a minute. */
export function useMinute(): number {
  return useSyncExternalStore(subscribe, () => minute);
}
