import { type SQL, sql } from 'drizzle-orm';
import type { Weights } from './chart-rules.ts';

/**
 * The week's tallies in one SQL statement, computing exactly what `chart-rules.ts` `tally` does
 * (a test holds the two equal on random data): support events from where the capabilities keep
 * them — listens and downloads (`track_events`, already one row per account, track, kind and
 * week), purchases of a track or of its release, curator picks — deduplicated per account, track
 * and kind, the team and voided accounts set apart, accounts under 7 days old counted half.
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
  /** Only these people (a campaign's supporters since it began). */
  since?: Date;
}

export function tallySql(window: TallyWindow, scope: TallyScope, weights: Weights): SQL {
  const start = window.start.toISOString();
  const end = window.end.toISOString();
  const oneTrack = (column: SQL) => (window.trackId ? sql`and ${column} = ${window.trackId}` : sql``);
  const inCommunity = (column: SQL) =>
    scope.kind === 'community' ? sql`and ${column} = ${scope.communityId}` : sql``;
  const weight = sql`case f.kind when 'listen' then ${weights.listen}::int when 'download' then ${weights.download}::int
    when 'purchase' then ${weights.purchase}::int else ${weights.pick}::int end`;
  const since = (column: SQL) => (window.since ? sql`and ${column} >= ${window.since.toISOString()}` : sql``);
  // Rising is for emerging artists: a community with fewer lifetime unique listeners than the limit.
  // The communities at or over it, from one ordered pass over track_events_listeners_idx.
  const established =
    scope.kind === 'rising'
      ? sql`established as materialized (
          select l.community_id from (
            select distinct te2.community_id, te2.user_id from track_events te2
            where te2.kind = 'listen' and te2.week <= ${window.week}
          ) l
          group by l.community_id having count(*) >= ${scope.maxListeners}::int
        ),`
      : sql``;
  const scopeFilter =
    scope.kind === 'rising'
      ? sql`and tr.visibility = 'public' and c.visibility = 'public'
            and not exists (select 1 from established e where e.community_id = tr.community_id)`
      : // A community's chart counts its own members' support.
        sql`and exists (select 1 from memberships mm where mm.community_id = tr.community_id and mm.user_id = f.user_id)`;
  const counted = sql`not p.voided and not p.team`;
  return sql`
    with purchased as (
      select t.id as track_id, p.user_id, p.created_at as at
        from purchases p join tracks t on t.id = p.item_id
        where p.item_type = 'track' and not p.refunded and p.user_id is not null
          and p.created_at >= ${start} and p.created_at < ${end}
          ${inCommunity(sql`p.community_id`)} ${oneTrack(sql`t.id`)} ${since(sql`p.created_at`)}
      union all
      select t.id, p.user_id, p.created_at
        from purchases p join tracks t on t.release_id = p.item_id
        where p.item_type = 'release' and not p.refunded and p.user_id is not null
          and p.created_at >= ${start} and p.created_at < ${end}
          ${inCommunity(sql`p.community_id`)} ${oneTrack(sql`t.id`)} ${since(sql`p.created_at`)}
    ),
    -- One row per account, track and kind, the first time. Listens and downloads (one row per
    -- account, track, kind and week) and picks (per account and track) are so by their unique keys;
    -- only purchases (a track and its release, or bought twice) need grouping.
    firsts as (
      select te.track_id, te.user_id, te.kind, te.first_at as at
        from track_events te
        where te.week = ${window.week} and te.kind in ('listen', 'download')
          ${inCommunity(sql`te.community_id`)} ${oneTrack(sql`te.track_id`)} ${since(sql`te.first_at`)}
      union all
      select track_id, user_id, 'purchase', min(at) from purchased group by track_id, user_id
      union all
      select pk.track_id, pk.user_id, 'pick', pk.created_at
        from picks pk
        where pk.created_at >= ${start} and pk.created_at < ${end}
          ${inCommunity(sql`pk.community_id`)} ${oneTrack(sql`pk.track_id`)} ${since(sql`pk.created_at`)}
    ),
    ${established}
    marked as (
      select f.track_id, f.user_id, f.kind, tr.community_id,
             extract(epoch from (f.at - u.created_at)) as age,
             ${weight} as weight,
             exists (select 1 from chart_voids v where v.user_id = f.user_id) as voided,
             exists (select 1 from memberships m where m.community_id = tr.community_id
                     and m.user_id = f.user_id and m.role in ('owner', 'moderator')) as team
        from firsts f
        join tracks tr on tr.id = f.track_id
        join communities c on c.id = tr.community_id
        join users u on u.id = f.user_id
        where tr.status = 'ready' ${scopeFilter}
    ),
    -- Each account's support of a track (voided and team are the account's, the same on each row).
    people as (
      select community_id, track_id, user_id, voided, team, min(age) as age, count(*) as events,
             sum(weight * (case when age < 604800 then 1 else 2 end)) as points2,
             count(*) filter (where kind = 'listen') as listen,
             count(*) filter (where kind = 'download') as download,
             count(*) filter (where kind = 'purchase') as purchase,
             count(*) filter (where kind = 'pick') as pick,
             count(*) filter (where age < 604800) as discounted
        from marked group by community_id, track_id, user_id, voided, team
    )
    select p.community_id as "communityId", p.track_id as "trackId",
           coalesce(sum(p.points2) filter (where ${counted}), 0)::int as points2,
           (count(*) filter (where ${counted}))::int as supporters,
           (count(*) filter (where ${counted} and p.age < 172800))::int as fresh,
           coalesce(sum(p.listen) filter (where ${counted}), 0)::int as listen,
           coalesce(sum(p.download) filter (where ${counted}), 0)::int as download,
           coalesce(sum(p.purchase) filter (where ${counted}), 0)::int as purchase,
           coalesce(sum(p.pick) filter (where ${counted}), 0)::int as pick,
           coalesce(sum(p.discounted) filter (where ${counted}), 0)::int as discounted,
           coalesce(sum(p.events) filter (where p.voided), 0)::int as voided,
           coalesce(sum(p.events) filter (where p.team and not p.voided), 0)::int as team
      from people p
      group by p.community_id, p.track_id`;
}
