import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CommunityService } from './community-service.ts';
import { CommunitySchema, InviteSchema, Kind, page, ShareList, SlugParam, Visibility } from './schemas.ts';

const tags = ['communities'];
const Colour = Type.String({ maxLength: 7 });
const Cap = Type.Union([Type.Integer({ minimum: 1, maximum: 100000 }), Type.Null()]);

export function communityRoutes(service: CommunityService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/communities',
      {
        schema: {
          tags,
          summary: 'Create a community; I become its owner',
          body: Type.Object(
            {
              slug: Type.String({ maxLength: 60 }),
              name: Type.String({ minLength: 1, maxLength: 80 }),
              kind: Kind,
              visibility: Visibility,
              tagline: Type.Optional(Type.Union([Type.String({ maxLength: 160 }), Type.Null()])),
              accentColor: Type.Optional(Colour),
              memberCap: Type.Optional(Cap),
              ownerHandle: Type.Optional(Type.String({ maxLength: 40 })),
              ownerShare: Type.Optional(ShareList),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Ref('Community') },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.create(await request.requireViewer(), request.body)),
    );

    app.get(
      '/api/communities',
      {
        schema: {
          tags,
          summary: 'Public communities (search with q), or mine with mine=true',
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ maxLength: 100 })),
              cursor: Type.Optional(Type.String({ maxLength: 60 })),
              mine: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: { 200: page(Type.Ref('Community')) },
        },
      },
      async (request) => service.list(await request.viewer(), request.query),
    );

    app.get(
      '/api/communities/:slug',
      {
        schema: {
          tags,
          summary: 'One community with my membership (private ones: members, or with ?invite=CODE)',
          params: SlugParam,
          querystring: Type.Object(
            { invite: Type.Optional(Type.String({ maxLength: 60 })) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Ref('Community') },
        },
      },
      async (request) => service.get(await request.viewer(), request.params.slug, request.query.invite),
    );

    app.patch(
      '/api/communities/:slug',
      {
        schema: {
          tags,
          summary: 'Owner: branding, visibility, member cap',
          params: SlugParam,
          body: Type.Object(
            {
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
              tagline: Type.Optional(Type.Union([Type.String({ maxLength: 160 }), Type.Null()])),
              accentColor: Type.Optional(Colour),
              memberCap: Type.Optional(Cap),
              visibility: Type.Optional(Visibility),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: Type.Ref('Community') },
        },
      },
      async (request) => service.update(await request.requireViewer(), request.params.slug, request.body),
    );

    app.delete(
      '/api/communities/:slug',
      {
        schema: {
          tags,
          summary: 'Owner: delete the community and destroy its key',
          params: SlugParam,
          body: Type.Object({ confirmSlug: Type.String({ maxLength: 60 }) }, { additionalProperties: false }),
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await service.remove(await request.requireViewer(), request.params.slug, request.body.confirmSlug);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/communities/:slug/invites',
      {
        schema: {
          tags,
          summary: 'Owner or moderator: a new invite code',
          params: SlugParam,
          body: Type.Object(
            {
              expiresInHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 90 })),
              maxUses: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 10000 }), Type.Null()])),
            },
            { additionalProperties: false, 'x-optional-body': true },
          ),
          response: { 201: InviteSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await service.createInvite(
              await request.requireViewer(),
              request.params.slug,
              request.body ?? {},
            ),
          ),
    );

    app.get(
      '/api/communities/:slug/invites',
      { schema: { tags, summary: 'Live invites', params: SlugParam, response: { 200: page(InviteSchema) } } },
      async (request) => ({
        items: await service.listInvites(await request.requireViewer(), request.params.slug),
        nextCursor: null,
      }),
    );

    app.delete(
      '/api/communities/:slug/invites/:code',
      {
        schema: {
          tags,
          summary: 'Revoke an invite',
          params: Type.Object({ slug: Type.String({ maxLength: 60 }), code: Type.String({ maxLength: 60 }) }),
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await service.revokeInvite(await request.requireViewer(), request.params.slug, request.params.code);
        return reply.code(204).send(null);
      },
    );
  };
}

export { CommunitySchema };
