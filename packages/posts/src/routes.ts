import { sharedJson } from '@coterie/platform';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { PostModeration } from './moderation-service.ts';
import { VISIBILITIES } from './post-rules.ts';
import type { PostsService } from './service.ts';

const tags = ['posts'];
const Visibility = Type.Union(VISIBILITIES.map((v) => Type.Literal(v)));
const Id = Type.String({ minLength: 1, maxLength: 60 });
const PostParam = Type.Object({ id: Id });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

const Author = Nullable(
  Type.Object({
    id: Type.String(),
    handle: Type.String(),
    role: Type.String(),
    displayName: Type.Optional(Type.String()),
    avatarUrl: Type.Optional(Nullable(Type.String())),
  }),
);
const Reaction = Type.Object({ emoji: Type.String(), count: Type.Integer(), mine: Type.Boolean() });
const Post = Type.Object(
  {
    id: Type.String(),
    author: Author,
    body: Type.String(),
    bodyHtml: Type.String({ description: 'Safe HTML rendered from the markdown-ish body' }),
    visibility: Visibility,
    tierId: Nullable(
      Type.String({ description: 'With visibility tier: that tier or a higher-priced one reads it' }),
    ),
    image: Nullable(Type.Object({ url: Type.String(), width: Type.Integer(), height: Type.Integer() })),
    pinned: Type.Boolean(),
    hidden: Type.Boolean(),
    createdAt: Type.String(),
    editedAt: Nullable(Type.String()),
    commentCount: Type.Integer(),
    reactions: Type.Array(Reaction),
    canEdit: Type.Boolean(),
  },
  { $id: 'Post' },
);
const Comment = Type.Object({
  id: Type.String(),
  postId: Type.String(),
  parentId: Nullable(Type.String()),
  author: Author,
  body: Type.String(),
  bodyHtml: Type.String(),
  hidden: Type.Boolean(),
  createdAt: Type.String(),
  editedAt: Nullable(Type.String()),
  canEdit: Type.Boolean(),
});
const Reason = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export function postsRoutes(service: PostsService, moderation: PostModeration): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(Post);
    const sendFeed = sharedJson();

    app.get(
      '/api/communities/:slug/posts',
      {
        schema: {
          tags,
          summary: 'The feed, newest first (pinned posts apart, on the first page)',
          params: Type.Object({ slug: Id }),
          querystring: Type.Object({ cursor: Type.Optional(Id) }, { additionalProperties: false }),
          response: {
            200: Type.Object({
              items: Type.Array(Type.Ref('Post')),
              pinned: Type.Array(Type.Ref('Post')),
              nextCursor: Nullable(Type.String()),
            }),
          },
        },
      },
      async (request, reply) =>
        sendFeed(
          reply,
          await service.feed(await request.viewer(), request.params.slug, request.query.cursor),
        ),
    );

    app.post(
      '/api/communities/:slug/posts',
      {
        schema: {
          tags,
          summary: 'Post to a community I belong to',
          params: Type.Object({ slug: Id }),
          body: Type.Object(
            {
              body: Type.String({ maxLength: 20000 }),
              visibility: Visibility,
              tierId: Type.Optional(Nullable(Id)),
              imageId: Type.Optional(
                Type.String({ maxLength: 60, description: 'From POST /api/communities/:slug/images' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Ref('Post') },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await service.create(await request.requireViewer(), request.params.slug, request.body)),
    );

    app.get(
      '/api/posts/:id',
      { schema: { tags, summary: 'One post', params: PostParam, response: { 200: Type.Ref('Post') } } },
      async (request) => service.get(await request.viewer(), request.params.id),
    );

    app.patch(
      '/api/posts/:id',
      {
        schema: {
          tags,
          summary: 'Author: edit body or visibility; owner/moderators: pin',
          params: PostParam,
          body: Type.Object(
            {
              body: Type.Optional(Type.String({ maxLength: 20000 })),
              visibility: Type.Optional(Visibility),
              tierId: Type.Optional(Nullable(Id)),
              pinned: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: Type.Ref('Post') },
        },
      },
      async (request) => service.update(await request.requireViewer(), request.params.id, request.body),
    );

    app.delete(
      '/api/posts/:id',
      {
        schema: {
          tags,
          summary: 'Author or moderator: delete a post',
          params: PostParam,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await service.remove(await request.requireViewer(), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/posts/:id/comments',
      {
        schema: {
          tags,
          summary: 'Comments in order; parentId threads them',
          params: PostParam,
          response: { 200: Type.Object({ items: Type.Array(Comment), nextCursor: Type.Null() }) },
        },
      },
      async (request) => ({
        items: await service.comments(await request.viewer(), request.params.id),
        nextCursor: null,
      }),
    );

    app.post(
      '/api/posts/:id/comments',
      {
        schema: {
          tags,
          summary: 'Comment, or reply to a comment with parentId',
          params: PostParam,
          body: Type.Object(
            { body: Type.String({ maxLength: 5000 }), parentId: Type.Optional(Id) },
            { additionalProperties: false },
          ),
          response: { 201: Comment },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await service.comment(await request.requireViewer(), request.params.id, request.body)),
    );

    app.patch(
      '/api/comments/:id',
      {
        schema: {
          tags,
          summary: 'Author: edit a comment',
          params: PostParam,
          body: Type.Object({ body: Type.String({ maxLength: 5000 }) }, { additionalProperties: false }),
          response: { 200: Comment },
        },
      },
      async (request) =>
        service.editComment(await request.requireViewer(), request.params.id, request.body.body),
    );

    app.delete(
      '/api/comments/:id',
      {
        schema: {
          tags,
          summary: 'Author or moderator: delete a comment',
          params: PostParam,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await service.deleteComment(await request.requireViewer(), request.params.id);
        return reply.code(204).send(null);
      },
    );

    for (const [method, on] of [
      ['put', true],
      ['delete', false],
    ] as const) {
      app[method](
        '/api/posts/:id/reactions/:emoji',
        {
          schema: {
            tags,
            summary: on ? 'React with one emoji (once per person per emoji)' : 'Take a reaction back',
            params: Type.Object({ id: Id, emoji: Type.String({ minLength: 1, maxLength: 32 }) }),
            response: { 200: Type.Object({ reactions: Type.Array(Reaction) }) },
          },
        },
        async (request) => ({
          reactions: await service.react(
            await request.requireViewer(),
            request.params.id,
            request.params.emoji,
            on,
          ),
        }),
      );
    }

    for (const kind of ['posts', 'comments'] as const) {
      const target = (id: string) => (kind === 'posts' ? { postId: id } : { commentId: id });
      app.post(
        `/api/${kind}/:id/report`,
        {
          schema: {
            tags,
            summary: `Report a ${kind.slice(0, -1)} to the moderators`,
            params: PostParam,
            body: Reason,
            response: { 201: Type.Object({ reported: Type.Boolean() }) },
          },
        },
        async (request, reply) => {
          await moderation.report(
            await request.requireViewer(),
            target(request.params.id),
            request.body.reason,
          );
          return reply.code(201).send({ reported: true });
        },
      );
      for (const hidden of [true, false]) {
        app.post(
          `/api/${kind}/:id/${hidden ? 'hide' : 'unhide'}`,
          {
            schema: {
              tags,
              summary: `Moderators: ${hidden ? 'hide' : 'unhide'} a ${kind.slice(0, -1)}`,
              params: PostParam,
              response: { 204: Type.Null() },
            },
          },
          async (request, reply) => {
            await moderation.setHidden(await request.requireViewer(), target(request.params.id), hidden);
            return reply.code(204).send(null);
          },
        );
      }
    }

    app.get(
      '/api/communities/:slug/reports',
      {
        schema: {
          tags,
          summary: 'Moderators: open reports',
          params: Type.Object({ slug: Id }),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: Type.String(),
                  postId: Nullable(Type.String()),
                  commentId: Nullable(Type.String()),
                  reason: Type.String(),
                  createdAt: Type.String(),
                }),
              ),
              nextCursor: Type.Null(),
            }),
          },
        },
      },
      async (request) => ({
        items: await moderation.reports(await request.requireViewer(), request.params.slug),
        nextCursor: null,
      }),
    );
  };
}
