import { Type } from 'typebox';
import { KINDS, ROLES, SHAREABLE_FIELDS, VISIBILITIES } from './rules.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const Kind = literals(KINDS);
export const Visibility = literals(VISIBILITIES);
export const ShareList = Type.Array(Type.String({ maxLength: 40 }), {
  maxItems: 16,
  description: `Which private-profile fields this community may see: ${SHAREABLE_FIELDS.join(', ')}`,
});
export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 60 }) });
export const MemberParam = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 60 }),
  memberId: Type.String({ minLength: 1, maxLength: 60 }),
});

export const MembershipSchema = Type.Object(
  {
    id: Type.String(),
    handle: Type.String(),
    role: literals(ROLES),
    share: Type.Array(Type.String()),
    joinedAt: Type.String(),
  },
  { $id: 'Membership' },
);

export const CommunitySchema = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    name: Type.String(),
    kind: Kind,
    visibility: Visibility,
    tagline: Nullable(Type.String()),
    accentColor: Type.String(),
    memberCap: Nullable(Type.Integer()),
    memberCount: Type.Integer(),
    logoUrl: Nullable(Type.String()),
    bannerUrl: Nullable(Type.String()),
    createdAt: Type.String(),
    myMembership: Nullable(Type.Ref('Membership')),
  },
  { $id: 'Community' },
);

/** A persona carries only the fields its member shared, so the shared ones are all optional. */
export const PersonaSchema = Type.Object(
  {
    id: Type.String(),
    handle: Type.String(),
    role: literals(ROLES),
    joinedAt: Type.String(),
    displayName: Type.Optional(Type.String()),
    realName: Type.Optional(Nullable(Type.String())),
    email: Type.Optional(Type.String()),
    location: Type.Optional(Nullable(Type.String())),
    bio: Type.Optional(Nullable(Type.String())),
    avatarUrl: Type.Optional(Nullable(Type.String())),
    links: Type.Optional(Type.Array(Type.Object({ label: Type.String(), url: Type.String() }))),
    birthday: Type.Optional(Nullable(Type.String())),
  },
  { $id: 'Persona', additionalProperties: false },
);

export const InviteSchema = Type.Object({
  code: Type.String(),
  expiresAt: Type.String(),
  maxUses: Nullable(Type.Integer()),
  uses: Type.Integer(),
  createdAt: Type.String(),
});

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  action: Type.String(),
  actor: Nullable(Type.Object({ id: Type.String(), handle: Nullable(Type.String()) })),
  target: Nullable(Type.Object({ id: Type.String(), handle: Nullable(Type.String()) })),
  detail: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
});

export const page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const MineSchema = Type.Object({ membership: Type.Ref('Membership'), seenAs: Type.Ref('Persona') });
