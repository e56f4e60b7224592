import { Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const Kind = Type.Union([Type.Literal('chart'), Type.Literal('supporters'), Type.Literal('funding')]);
const ChartName = Type.Union([Type.Literal('community'), Type.Literal('rising')]);

export const CampaignInput = Type.Object(
  {
    kind: Kind,
    title: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    trackId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 60 }))),
    target: Type.Integer({
      minimum: 1,
      maximum: 1_000_000_000,
      description: 'chart: the rank to reach (top N); supporters: how many people; funding: minor units',
    }),
    chart: Type.Optional(ChartName),
    byWeek: Type.Optional(
      Type.String({ pattern: '^\\d{4}-W\\d{2}$', description: 'chart: the last week that counts' }),
    ),
    currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
    endsAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'supporters and funding: the deadline' }),
    ),
  },
  { additionalProperties: false },
);

export const Campaign = Type.Object({
  id: Type.String(),
  communitySlug: Type.String(),
  kind: Kind,
  title: Type.String(),
  description: Type.String(),
  track: Nullable(Type.Object({ id: Type.String(), title: Type.String(), artist: Type.String() })),
  target: Type.Integer(),
  currency: Nullable(Type.String()),
  chart: Nullable(ChartName),
  byWeek: Nullable(Type.String()),
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('succeeded'), Type.Literal('failed')]),
  progress: Type.Object({
    value: Nullable(
      Type.Number({ description: 'chart: best rank reached in a closed week; else the count or amount' }),
    ),
    target: Type.Integer(),
    percent: Type.Integer({ minimum: 0, maximum: 100 }),
    reached: Type.Boolean(),
    currentRank: Type.Optional(Nullable(Type.Integer({ description: 'chart: the rank in the open week' }))),
  }),
  backers: Type.Object({
    count: Type.Integer(),
    shown: Type.Array(Type.Object({ handle: Type.String() }), {
      description: 'Backers who chose to be shown',
    }),
  }),
  joined: Type.Boolean(),
  myBacking: Nullable(Type.Object({ shown: Type.Boolean() })),
  canEdit: Type.Boolean(),
});
export const CampaignList = Type.Object({ campaigns: Type.Array(Campaign) });
export const JoinInput = Type.Object({ shown: Type.Boolean() }, { additionalProperties: false });
