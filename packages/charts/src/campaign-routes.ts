import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Campaign, CampaignInput, CampaignList, JoinInput } from './campaign-schemas.ts';
import type { CampaignService } from './campaign-service.ts';
import { IdParam, SlugParam } from './schemas.ts';

const tags = ['charts'];

export function campaignRoutes(campaigns: CampaignService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/communities/:slug/campaigns',
      {
        schema: {
          tags,
          summary: 'A community’s campaigns: active ones first, with live progress',
          params: SlugParam,
          response: { 200: CampaignList },
        },
      },
      async (request) => campaigns.list(await request.viewer(), request.params.slug),
    );
    app.post(
      '/api/communities/:slug/campaigns',
      {
        schema: {
          tags,
          summary:
            'Owner or moderator: a goal — a track into the top N of a chart by a week, N supporters or an amount raised by a date',
          params: SlugParam,
          body: CampaignInput,
          response: { 201: Campaign },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await campaigns.create(await request.requireViewer(), request.params.slug, request.body)),
    );
    app.get(
      '/api/campaigns/:id',
      {
        schema: {
          tags,
          summary: 'A campaign and its progress',
          params: IdParam,
          response: { 200: Campaign },
        },
      },
      async (request) => campaigns.get(await request.viewer(), request.params.id),
    );
    app.put(
      '/api/campaigns/:id/backers/mine',
      {
        schema: {
          tags,
          summary: 'Back a campaign, shown with your persona or counted anonymously',
          params: IdParam,
          body: JoinInput,
          response: { 200: Campaign },
        },
      },
      async (request) => campaigns.join(await request.requireViewer(), request.params.id, request.body.shown),
    );
    app.delete(
      '/api/campaigns/:id/backers/mine',
      { schema: { tags, summary: 'Stop backing a campaign', params: IdParam, response: { 200: Campaign } } },
      async (request) => campaigns.leave(await request.requireViewer(), request.params.id),
    );
  };
}
