import { type SQL, sql } from 'drizzle-orm';
import type { Weights } from './chart-rules.ts';

/**
 * The week's tallies, computing exactly what `chart-rules.ts` `tally` does (a test holds the two
 * equal on random data), from the running aggregates the database keeps on write (migration 0018):
 * `chart_track_weeks` already has, per track and week, the supporters (one per account, track and
 * kind; the team and voided accounts set apart; accounts under 7 days old counted half), and
 * `chart_listener_weeks` each community's new listeners per week. A read of one row per track,
 * however many events the week holds.
 */
export type TallyScope =
  | { kind: 'rising'; maxListeners: number }
  | { kind: 'community'; communityId: string }
  /** Every community's own chart at once: tracks of the community, support of its members. */
  | { kind: 'communities' };

export interface TallyRow {
  communityId: string;
  trackId: string;
  points2: number;
  supporters: number;
  fresh: number;
  listen: number;
  download: number;
  purchase: number;
  pick: number;
  discounted: number;
  voided: number;
  team: number;
}

export interface TallyWindow {
  week: string;
  start: Date;
  end: Date;
  /** Only this track (the artist's "why this rank"). */
  trackId?: string;
}

export function tallySql(window: TallyWindow, scope: TallyScope, weights: Weights): SQL {
  const oneTrack = window.trackId ? sql`and a.track_id = ${window.trackId}` : sql``;
  // A community's chart counts its own members' support; Rising everyone's.
  const audience = scope.kind === 'rising' ? 'all' : 'members';
  const inCommunity = scope.kind === 'community' ? sql`and a.community_id = ${scope.communityId}` : sql``;
  // Rising is for emerging artists: a community with fewer lifetime unique listeners than the limit.
  const established =
    scope.kind === 'rising'
      ? sql`with established as materialized (
          select lw.community_id from chart_listener_weeks lw
          where lw.week <= ${window.week}
          group by lw.community_id having sum(lw.listeners) >= ${scope.maxListeners}::int
        )`
      : sql``;
  const scopeFilter =
    scope.kind === 'rising'
      ? sql`and tr.visibility = 'public' and c.visibility = 'public'
            and not exists (select 1 from established e where e.community_id = tr.community_id)`
      : sql``;
  // Points in halves: a full-weight supporter counts 2, one under 7 days old 1.
  const points = (kind: 'listen' | 'download' | 'purchase' | 'pick', weight: number) =>
    sql`${weight}::int * (2 * a.${sql.raw(kind)} - a.${sql.raw(`${kind}_half`)})`;
  return sql`
    ${established}
    select tr.community_id as "communityId", a.track_id as "trackId",
           (${points('listen', weights.listen)} + ${points('download', weights.download)}
             + ${points('purchase', weights.purchase)} + ${points('pick', weights.pick)})::int as points2,
           a.supporters, a.fresh, a.listen, a.download, a.purchase, a.pick,
           (a.listen_half + a.download_half + a.purchase_half + a.pick_half)::int as discounted,
           a.voided, a.team
      from chart_track_weeks a
      join tracks tr on tr.id = a.track_id
      join communities c on c.id = tr.community_id
      where a.week = ${window.week} and a.audience = ${audience} ${inCommunity} ${oneTrack}
        and (a.supporters > 0 or a.voided > 0 or a.team > 0)
        and tr.status = 'ready' ${scopeFilter}`;
}
