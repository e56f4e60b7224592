/** Campaign goals, pure: what progress means for each kind, and when one has been reached. */
export type CampaignKind = 'chart' | 'supporters' | 'funding';

export interface Progress {
  /** chart: the best rank reached so far (null: not on the chart yet); others: the count or amount. */
  value: number | null;
  target: number;
  /** 0–100, for a progress bar. */
  percent: number;
  reached: boolean;
}

export function progressOf(kind: CampaignKind, value: number | null, target: number): Progress {
  if (kind === 'chart') {
    const reached = value !== null && value <= target;
    // From outside the top 2N to the target rank: a bar that moves as the track climbs.
    const percent =
      value === null ? 0 : reached ? 100 : Math.max(0, Math.round(((2 * target - value) / target) * 100));
    return { value, target, percent: Math.min(100, percent), reached };
  }
  const v = value ?? 0;
  return { value: v, target, percent: Math.min(100, Math.floor((v / target) * 100)), reached: v >= target };
}

/** Before its end a campaign is active, unless a count goal is already met; at its end it is settled. */
export function statusOf(progress: Progress, ended: boolean): 'active' | 'succeeded' | 'failed' {
  if (progress.reached) return 'succeeded';
  return ended ? 'failed' : 'active';
}
