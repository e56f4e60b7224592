import { Track } from '@coterie/music/schemas';
import { Type } from 'typebox';

export const CuratorIdParam = Type.Object({ curatorId: Type.String({ minLength: 1, maxLength: 60 }) });
export const HandleParam = Type.Object({ handle: Type.String({ minLength: 1, maxLength: 40 }) });
export const PickIdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 60 }) });
export const CursorQuery = Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 200 })) });
export const PageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});

export const Curator = Type.Object({
  id: Type.String(),
  handle: Type.String(),
  bio: Type.String(),
  pickCount: Type.Integer(),
  trusted: Type.Boolean({ description: 'Whether you trust this curator' }),
  isYou: Type.Boolean(),
});

export const CuratorProfileInput = Type.Object(
  {
    handle: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'A public name for your curation, not any community persona',
    }),
    bio: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const Pick = Type.Object({
  id: Type.String(),
  note: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  track: Track,
});

export const PickInput = Type.Object(
  {
    trackId: Type.String({ minLength: 1, maxLength: 60 }),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'Why: at most 280 characters' })),
  },
  { additionalProperties: false },
);

export const PickPage = Type.Object({
  picks: Type.Array(Pick),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const CuratorProfile = Type.Intersect([Curator, PickPage]);

export const TrustList = Type.Object({
  limit: Type.Integer({ description: 'The most curators one person may trust' }),
  curators: Type.Array(
    Type.Intersect([Curator, Type.Object({ since: Type.String({ format: 'date-time' }) })]),
  ),
});

const CuratorRef = Type.Object({ id: Type.String(), handle: Type.String() });

export const Reason = Type.Object({
  kind: Type.Union([
    Type.Literal('picked'),
    Type.Literal('picked-nearby'),
    Type.Literal('circle'),
    Type.Literal('similar'),
    Type.Literal('fresh'),
  ]),
  text: Type.String(),
  curators: Type.Optional(Type.Array(CuratorRef)),
  notes: Type.Optional(Type.Array(Type.Object({ curator: CuratorRef, note: Type.String() }))),
});

export const DiscoverPage = Type.Object({
  items: Type.Array(Type.Object({ track: Track, score: Type.Number(), reasons: Type.Array(Reason) })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  trusting: Type.Integer({ description: 'How many curators you trust' }),
});

export const Suggestions = Type.Object({
  curators: Type.Array(
    Type.Object({
      curator: Curator,
      sharedTracks: Type.Integer(),
      overlap: Type.Number(),
      reason: Type.String(),
      sample: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
    }),
  ),
});
