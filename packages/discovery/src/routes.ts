import { sharedJson, type Viewer } from '@coterie/platform';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CuratorService } from './curator-service.ts';
import type { CuratorSuggestion } from './curator-suggestions.ts';
import type { DiscoverService } from './discover-service.ts';
import {
  Curator,
  CuratorIdParam,
  CuratorProfile,
  CuratorProfileInput,
  CursorQuery,
  DiscoverPage,
  HandleParam,
  PageQuery,
  Pick,
  PickIdParam,
  PickInput,
  PickPage,
  Suggestions,
  TrustList,
} from './schemas.ts';

const tags = ['discovery'];

export function discoveryRoutes(
  curators: CuratorService,
  discover: DiscoverService,
  suggest: (viewer: Viewer, limit: number) => Promise<CuratorSuggestion[]>,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/me/curator',
      {
        schema: {
          tags,
          summary: 'My public curator profile (404 until I opt in)',
          response: { 200: Curator },
        },
      },
      async (request) => curators.myProfile(await request.requireViewer()),
    );

    app.put(
      '/api/me/curator',
      {
        schema: {
          tags,
          summary: 'Opt in to public curation, or rename: others can then trust my picks',
          body: CuratorProfileInput,
          response: { 200: Curator },
        },
      },
      async (request) => curators.saveProfile(await request.requireViewer(), request.body),
    );

    app.delete(
      '/api/me/curator',
      { schema: { tags, summary: 'Opt out: the profile and everyone’s trust in it go; picks stay private' } },
      async (request, reply) => {
        await curators.deleteProfile(await request.requireViewer());
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/curators/:handle',
      {
        schema: {
          tags,
          summary: 'A curator’s public profile with their picks and notes (only tracks you may hear)',
          params: HandleParam,
          querystring: CursorQuery,
          response: { 200: CuratorProfile },
        },
      },
      async (request) =>
        curators.profile(await request.viewer(), request.params.handle, request.query.cursor),
    );

    app.get(
      '/api/me/trust',
      { schema: { tags, summary: 'My micro-elite: the curators I trust', response: { 200: TrustList } } },
      async (request) => curators.trustList(await request.requireViewer()),
    );

    app.put(
      '/api/me/trust/:curatorId',
      {
        schema: {
          tags,
          summary: 'Trust a curator (at most COTERIE_TRUST_LIMIT; one more → 409 trust_limit)',
          params: CuratorIdParam,
          response: { 200: Curator, 201: Curator },
        },
      },
      async (request, reply) => {
        const { created, curator } = await curators.trust(
          await request.requireViewer(),
          request.params.curatorId,
        );
        return reply.code(created ? 201 : 200).send(curator);
      },
    );

    app.delete(
      '/api/me/trust/:curatorId',
      { schema: { tags, summary: 'Stop trusting a curator', params: CuratorIdParam } },
      async (request, reply) => {
        await curators.untrust(await request.requireViewer(), request.params.curatorId);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/picks',
      {
        schema: {
          tags,
          summary:
            'Pick a track you can hear, with an optional note (≤ 280 characters); picking again edits the note',
          body: PickInput,
          response: { 200: Pick, 201: Pick },
        },
      },
      async (request, reply) => {
        const { created, pick } = await curators.pick(await request.requireViewer(), request.body);
        return reply.code(created ? 201 : 200).send(pick);
      },
    );

    app.get(
      '/api/me/picks',
      {
        schema: {
          tags,
          summary: 'My picks, newest first',
          querystring: CursorQuery,
          response: { 200: PickPage },
        },
      },
      async (request) => curators.myPicks(await request.requireViewer(), request.query.cursor),
    );

    app.delete(
      '/api/picks/:id',
      { schema: { tags, summary: 'Remove one of my picks', params: PickIdParam } },
      async (request, reply) => {
        await curators.unpick(await request.requireViewer(), request.params.id);
        return reply.code(204).send();
      },
    );

    const sendPage = sharedJson();
    app.get(
      '/api/discover',
      {
        schema: {
          tags,
          summary:
            'Tracks ranked from my micro-elite’s picks and plays, discounted by popularity, with reasons',
          querystring: PageQuery,
          response: { 200: DiscoverPage },
        },
      },
      async (request, reply) => {
        const { limit, cursor } = request.query;
        const page = await discover.discover(await request.requireViewer(), {
          ...(limit === undefined ? {} : { limit }),
          ...(cursor === undefined ? {} : { cursor }),
        });
        // A kept page is the same object until a notice drops it: its scores are turned into
        // digits once, not on every read (printing doubles was a third of a request's CPU).
        return sendPage(reply, page);
      },
    );

    app.get(
      '/api/discover/curators',
      {
        schema: {
          tags,
          summary: 'Curators whose taste overlaps mine (never the most trusted overall)',
          querystring: Type.Object({
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, default: 10 })),
          }),
          response: { 200: Suggestions },
        },
      },
      async (request) => ({
        curators: await suggest(await request.requireViewer(), request.query.limit ?? 10),
      }),
    );
  };
}
