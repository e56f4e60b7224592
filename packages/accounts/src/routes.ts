import { OPTIONAL_BODY, sharedJson } from '@coterie/platform';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AccountsService } from './service.ts';
import type { ClientMeta } from './types.ts';

export const SESSION_COOKIE = 'coterie_session';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const Link = Type.Object(
  { label: Type.String({ maxLength: 40 }), url: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const PrivateProfileSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    realName: Nullable(Type.String()),
    location: Nullable(Type.String()),
    bio: Nullable(Type.String()),
    avatarUrl: Nullable(Type.String()),
    links: Type.Array(Link),
    birthday: Nullable(Type.String({ format: 'date' })),
    isAdmin: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'PrivateProfile', description: 'Your private profile. No community ever sees it whole.' },
);

const SessionSchema = Type.Object({
  id: Type.String(),
  current: Type.Boolean(),
  userAgent: Nullable(Type.String()),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  expiresAt: Type.String(),
});

const Credentials = {
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
};

export function clientMeta(request: FastifyRequest): ClientMeta {
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    previousToken: request.cookies[SESSION_COOKIE],
  };
}

function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, maxAge: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge,
  });
}

function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
  });
}

export function accountsRoutes(service: AccountsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const sendProfile = sharedJson();
    app.post(
      '/api/auth/register',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Create an account and log in',
          body: Type.Object(
            { ...Credentials, displayName: Type.String({ minLength: 1, maxLength: 80 }) },
            { additionalProperties: false },
          ),
          response: { 201: PrivateProfileSchema },
        },
      },
      async (request, reply) => {
        const { profile, token } = await service.register(request.body, clientMeta(request));
        setSessionCookie(reply, request, token, service.sessionMaxAgeSeconds);
        return reply.code(201).send(profile);
      },
    );

    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Log in (a new session replaces any the client held)',
          body: Type.Object(Credentials, { additionalProperties: false }),
          response: { 200: PrivateProfileSchema },
        },
      },
      async (request, reply) => {
        const { profile, token } = await service.login(request.body, clientMeta(request));
        setSessionCookie(reply, request, token, service.sessionMaxAgeSeconds);
        return profile;
      },
    );

    app.post(
      '/api/auth/logout',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Log out this session, or every session with {"everywhere": true}',
          body: Type.Object(
            { everywhere: Type.Optional(Type.Boolean()) },
            { additionalProperties: false, [OPTIONAL_BODY]: true },
          ),
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await service.logout(request.cookies[SESSION_COOKIE], request.body?.everywhere === true);
        clearSessionCookie(reply, request);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/auth/session',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Who is logged in on this client: my profile, or null (never a 401)',
          response: { 200: Type.Object({ user: Type.Union([PrivateProfileSchema, Type.Null()]) }) },
        },
      },
      async (request) => {
        const viewer = await request.viewer();
        return { user: viewer ? await service.getProfile(viewer) : null };
      },
    );

    app.get(
      '/api/me',
      {
        schema: {
          tags: ['accounts'],
          summary: 'My private profile',
          response: { 200: PrivateProfileSchema },
        },
      },
      async (request, reply) => sendProfile(reply, await service.getProfile(await request.requireViewer())),
    );

    app.patch(
      '/api/me',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Edit my private profile (changing email needs currentPassword)',
          body: Type.Object(
            {
              email: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
              currentPassword: Type.Optional(Type.String({ maxLength: 1024 })),
              displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
              realName: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
              location: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
              bio: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
              avatarUrl: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
              links: Type.Optional(Type.Array(Link, { maxItems: 10 })),
              birthday: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: PrivateProfileSchema },
        },
      },
      async (request) => service.updateProfile(await request.requireViewer(), request.body),
    );

    app.post(
      '/api/me/password',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Change my password; every other session is logged out',
          body: Type.Object(
            {
              currentPassword: Type.String({ maxLength: 1024 }),
              newPassword: Type.String({ maxLength: 1024 }),
            },
            { additionalProperties: false },
          ),
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await service.changePassword(
          await request.requireViewer(),
          request.body.currentPassword,
          request.body.newPassword,
        );
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/me/sessions',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Where I am logged in',
          response: { 200: Type.Object({ items: Type.Array(SessionSchema), nextCursor: Type.Null() }) },
        },
      },
      async (request) => ({
        items: await service.listSessions(await request.requireViewer()),
        nextCursor: null,
      }),
    );

    app.delete(
      '/api/me/sessions/:id',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Log out one of my sessions',
          params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await service.revokeSession(await request.requireViewer(), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
