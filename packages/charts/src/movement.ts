/** How an entry moved since last week, from the chart's own history. Pure. */
export type Movement = 'new' | 're-entry' | 'up' | 'down' | 'same';

export interface History {
  /** Rank in the previous closed week, if it was on the chart then. */
  previousRank: number | null;
  /** Closed weeks before this one it was on the chart. */
  weeksBefore: number;
  /** Its best rank before this week, if any. */
  peakBefore: number | null;
}

export interface MovementView {
  movement: Movement;
  /** Places gained (up) or lost (down); 0 otherwise. */
  by: number;
  weeksOnChart: number;
  peak: number;
}

export function movementOf(rank: number, history: History): MovementView {
  const weeksOnChart = history.weeksBefore + 1;
  const peak = history.peakBefore === null ? rank : Math.min(history.peakBefore, rank);
  if (history.previousRank !== null) {
    const by = history.previousRank - rank;
    return { movement: by > 0 ? 'up' : by < 0 ? 'down' : 'same', by: Math.abs(by), weeksOnChart, peak };
  }
  return { movement: history.weeksBefore > 0 ? 're-entry' : 'new', by: 0, weeksOnChart, peak };
}
