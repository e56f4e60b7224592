/**
 * Seconds to wait before the next attempt after `attempt` failures: 5 s, 10 s, 20 s … capped at an
 * hour, with ±20 % jitter so that jobs that failed together (a storage outage) do not retry together.
 */
export function retryDelaySeconds(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(3600, 5 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()) * 10) / 10;
}
