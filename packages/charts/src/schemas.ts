import { Type } from 'typebox';

const Week = Type.String({ pattern: '^\\d{4}-W\\d{2}$', description: 'ISO week, e.g. 2026-W49' });
export const WeekQuery = Type.Object({ week: Type.Optional(Week) }, { additionalProperties: false });
export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 60 }) });
export const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 60 }) });
const ChartName = Type.Union([Type.Literal('rising'), Type.Literal('community')]);
export const ChartQuery = Type.Object(
  { chart: Type.Optional(ChartName), week: Type.Optional(Week) },
  { additionalProperties: false },
);
const Movement = Type.Union([
  Type.Literal('new'),
  Type.Literal('re-entry'),
  Type.Literal('up'),
  Type.Literal('down'),
  Type.Literal('same'),
]);

export const Chart = Type.Object({
  week: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  chart: ChartName,
  closedAt: Type.Optional(Type.String()),
  entries: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      trackId: Type.String(),
      title: Type.String(),
      artist: Type.String(),
      communitySlug: Type.String(),
      movement: Movement,
      moveBy: Type.Integer({ description: 'Places gained (up) or lost (down)' }),
      weeksOnChart: Type.Integer(),
      peak: Type.Integer(),
      supporters: Type.Optional(Type.Integer({ description: 'Only once the week is closed' })),
      points: Type.Optional(Type.Number({ description: 'Only once the week is closed' })),
    }),
  ),
  corrections: Type.Array(
    Type.Object({ revision: Type.Integer(), reason: Type.String(), publishedAt: Type.String() }),
  ),
});

export const ChartWeeks = Type.Object({
  open: Type.Object({ week: Type.String(), closesAt: Type.String({ description: 'Monday 00:00 UTC' }) }),
  closed: Type.Array(Type.Object({ week: Type.String(), closedAt: Type.String() })),
});

export const ChartRun = Type.Object({
  chart: ChartName,
  weeks: Type.Array(Type.Object({ week: Type.String(), rank: Type.Integer() })),
});

const ByKind = Type.Object({
  listen: Type.Integer(),
  download: Type.Integer(),
  purchase: Type.Integer(),
  pick: Type.Integer(),
});
export const Breakdown = Type.Object({
  week: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  chart: ChartName,
  rank: Type.Union([Type.Integer(), Type.Null()]),
  points: Type.Number(),
  supporters: Type.Integer(),
  byKind: ByKind,
  discounted: Type.Integer({ description: 'Events from accounts under 7 days old, counted half' }),
  fresh: Type.Integer({ description: 'Supporters whose account was under 48 hours old' }),
  voided: Type.Integer(),
  team: Type.Integer(),
});

export const CloseInput = Type.Object({ week: Week }, { additionalProperties: false });
export const CloseResult = Type.Object({
  week: Type.String(),
  closed: Type.Boolean({ description: 'False when it was closed already' }),
  charts: Type.Integer(),
  entries: Type.Integer(),
});

export const Flags = Type.Object({
  week: Type.String(),
  flags: Type.Array(
    Type.Object({
      week: Type.String(),
      chart: Type.String(),
      rank: Type.Integer(),
      trackId: Type.String(),
      title: Type.String(),
      artist: Type.String(),
      supporters: Type.Integer(),
      fresh: Type.Integer(),
      freshAccounts: Type.Array(
        Type.Object({
          userId: Type.String(),
          displayName: Type.String(),
          createdAt: Type.String(),
          voided: Type.Boolean(),
        }),
      ),
    }),
  ),
});

export const VoidInput = Type.Object(
  {
    userId: Type.String({ minLength: 1, maxLength: 60 }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export const VoidResult = Type.Object({
  voided: Type.Boolean({ description: 'False when the account was voided already' }),
  corrections: Type.Array(
    Type.Object({ week: Type.String(), scope: Type.String(), revision: Type.Integer() }),
  ),
});
