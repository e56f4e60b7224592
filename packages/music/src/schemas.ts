import { Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const Link = Type.Object({
  url: Type.String(),
  bytes: Type.Integer(),
  format: Type.Optional(Type.String()),
});

export const Id = Type.String({ minLength: 1, maxLength: 60 });
export const IdParam = Type.Object({ id: Id });
export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 60 }) });
export const TrackVisibility = Type.Union([
  Type.Literal('public'),
  Type.Literal('members'),
  Type.Literal('tier', { description: 'Supporters on `tierId` or a higher-priced tier' }),
]);
const Price = Type.Object({
  amountMinor: Type.Integer(),
  currency: Type.String(),
  payWhatYouWant: Type.Boolean({ description: 'amountMinor is the minimum' }),
});
const PriceInput = Nullable(
  Type.Object(
    {
      amountMinor: Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Integer minor units' }),
      currency: Type.String({ pattern: '^[A-Za-z]{3}$' }),
      payWhatYouWant: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false, description: 'Null: not for sale' },
  ),
);
export const ReleaseKind = Type.Union([Type.Literal('album'), Type.Literal('ep'), Type.Literal('single')]);

export const Track = Type.Object({
  id: Type.String(),
  communitySlug: Type.String(),
  communityName: Type.String(),
  title: Type.String(),
  artist: Type.String(),
  releaseId: Nullable(Type.String()),
  position: Nullable(Type.Integer()),
  visibility: TrackVisibility,
  tierId: Nullable(Type.String()),
  downloadable: Type.Boolean(),
  price: Nullable(Price),
  purchased: Type.Boolean({ description: 'The viewer bought this track or its release' }),
  status: Type.Union([Type.Literal('processing'), Type.Literal('ready'), Type.Literal('failed')]),
  progress: Type.Integer({ description: 'Processing progress, 0–100' }),
  failureReason: Type.Optional(Type.String()),
  durationMs: Nullable(Type.Integer()),
  peaks: Type.Array(Type.Number(), { description: 'Waveform: up to 1,000 peaks in 0..1' }),
  loudnessLufs: Nullable(Type.Number({ description: 'Integrated loudness (EBU R128) for playback gain' })),
  artworkUrl: Nullable(Type.String()),
  streamUrl: Type.String(),
  downloads: Nullable(Type.Object({ original: Type.Optional(Link), mp3: Type.Optional(Link) })),
  canEdit: Type.Boolean(),
  createdAt: Type.String(),
});

export const Release = Type.Object({
  id: Type.String(),
  communitySlug: Type.String(),
  title: Type.String(),
  kind: ReleaseKind,
  releaseDate: Nullable(Type.String()),
  description: Type.String(),
  credits: Type.String(),
  artworkUrl: Nullable(Type.String()),
  tracks: Type.Array(Track),
  durationMs: Type.Integer(),
  price: Nullable(Price),
  purchased: Type.Boolean(),
  canEdit: Type.Boolean(),
});

const Title = Type.String({ minLength: 1, maxLength: 200 });
const DateString = Nullable(Type.String({ maxLength: 10 }));

export const ReleaseCreate = Type.Object(
  {
    title: Title,
    kind: ReleaseKind,
    releaseDate: Type.Optional(DateString),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    credits: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);

export const ReleasePatch = Type.Object(
  {
    title: Type.Optional(Title),
    kind: Type.Optional(ReleaseKind),
    releaseDate: Type.Optional(DateString),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    credits: Type.Optional(Type.String({ maxLength: 5000 })),
    trackIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
    price: Type.Optional(PriceInput),
  },
  { additionalProperties: false },
);

export const TrackPatch = Type.Object(
  {
    title: Type.Optional(Title),
    artist: Type.Optional(Title),
    visibility: Type.Optional(TrackVisibility),
    tierId: Type.Optional(Nullable(Id)),
    downloadable: Type.Optional(Type.Boolean()),
    releaseId: Type.Optional(Nullable(Id)),
    price: Type.Optional(PriceInput),
  },
  { additionalProperties: false },
);
