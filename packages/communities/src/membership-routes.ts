import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { MembershipService } from './membership-service.ts';
import { AuditEntrySchema, MemberParam, page, ShareList, SlugParam } from './schemas.ts';

const tags = ['communities'];
const Cursor = Type.Object(
  { cursor: Type.Optional(Type.String({ maxLength: 60 })) },
  { additionalProperties: false },
);

export function membershipRoutes(service: MembershipService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/communities/:slug/join',
      {
        schema: {
          tags,
          summary: 'Join under a persona: a handle and the fields this community may see',
          params: SlugParam,
          body: Type.Object(
            {
              handle: Type.String({ maxLength: 40 }),
              share: ShareList,
              inviteCode: Type.Optional(Type.String({ maxLength: 60 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Ref('Membership') },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await service.join(await request.requireViewer(), request.params.slug, request.body)),
    );

    app.get(
      '/api/communities/:slug/membership',
      {
        schema: {
          tags,
          summary: 'My membership, and exactly what the community sees of me',
          params: SlugParam,
          response: { 200: Type.Ref('Mine') },
        },
      },
      async (request) => service.mine(await request.requireViewer(), request.params.slug),
    );

    app.patch(
      '/api/communities/:slug/membership',
      {
        schema: {
          tags,
          summary: 'Change my handle or share list; removed fields disappear at once',
          params: SlugParam,
          body: Type.Object(
            { handle: Type.Optional(Type.String({ maxLength: 40 })), share: Type.Optional(ShareList) },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: Type.Ref('Mine') },
        },
      },
      async (request) => service.update(await request.requireViewer(), request.params.slug, request.body),
    );

    app.delete(
      '/api/communities/:slug/membership',
      {
        schema: {
          tags,
          summary: 'Leave: erases what I shared with it',
          params: SlugParam,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await service.leave(await request.requireViewer(), request.params.slug);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/communities/:slug/members',
      {
        schema: {
          tags,
          summary: 'Members as personas: handle, role and only what each shared',
          params: SlugParam,
          querystring: Cursor,
          response: { 200: page(Type.Ref('Persona')) },
        },
      },
      async (request) => service.members(await request.viewer(), request.params.slug, request.query.cursor),
    );

    app.patch(
      '/api/communities/:slug/members/:memberId',
      {
        schema: {
          tags,
          summary: 'Owner: promote to moderator or demote to member',
          params: MemberParam,
          body: Type.Object(
            { role: Type.Union([Type.Literal('moderator'), Type.Literal('member')]) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Ref('Persona') },
        },
      },
      async (request) =>
        service.setRole(
          await request.requireViewer(),
          request.params.slug,
          request.params.memberId,
          request.body.role,
        ),
    );

    app.delete(
      '/api/communities/:slug/members/:memberId',
      {
        schema: {
          tags,
          summary: 'Owner or moderator: remove a member, or ban them (no rejoining under any handle)',
          params: MemberParam,
          body: Type.Object(
            { ban: Type.Optional(Type.Boolean()), reason: Type.Optional(Type.String({ maxLength: 500 })) },
            { additionalProperties: false, 'x-optional-body': true },
          ),
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        const body = request.body ?? {};
        await service.remove(await request.requireViewer(), request.params.slug, request.params.memberId, {
          ban: body.ban === true,
          reason: body.reason?.trim() || null,
        });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/communities/:slug/transfer',
      {
        schema: {
          tags,
          summary: 'Owner: hand ownership to another member (I become a moderator)',
          params: SlugParam,
          body: Type.Object({ memberId: Type.String({ maxLength: 60 }) }, { additionalProperties: false }),
          response: { 200: Type.Ref('Community') },
        },
      },
      async (request) =>
        service.transfer(await request.requireViewer(), request.params.slug, request.body.memberId),
    );

    app.get(
      '/api/communities/:slug/audit',
      {
        schema: {
          tags,
          summary: 'Owner: the audit log of moderation and settings changes',
          params: SlugParam,
          querystring: Cursor,
          response: { 200: page(AuditEntrySchema) },
        },
      },
      async (request) =>
        service.auditLog(await request.requireViewer(), request.params.slug, request.query.cursor),
    );
  };
}
