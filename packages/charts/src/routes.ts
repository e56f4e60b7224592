import { notFound } from '@coterie/platform';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ChartService } from './chart-service.ts';
import type { CloseService } from './close-service.ts';
import type { ReviewService } from './review-service.ts';
import {
  Breakdown,
  Chart,
  ChartQuery,
  ChartRun,
  ChartWeeks,
  CloseInput,
  CloseResult,
  Flags,
  IdParam,
  SlugParam,
  VoidInput,
  VoidResult,
  WeekQuery,
} from './schemas.ts';

const tags = ['charts'];

export function chartRoutes(d: {
  charts: ChartService;
  close: CloseService;
  review: ReviewService;
}): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/charts/rising',
      {
        schema: {
          tags,
          summary:
            'Rising, the instance-wide chart of emerging artists: ranks and movement while open, counts once closed',
          querystring: WeekQuery,
          response: { 200: Chart },
        },
      },
      async (request) => d.charts.chart({ kind: 'rising' }, request.query.week),
    );
    app.get(
      '/api/charts/weeks',
      {
        schema: {
          tags,
          summary: 'The open week (and when it closes) and every closed week, newest first',
          response: { 200: ChartWeeks },
        },
      },
      async () => d.charts.weeks(),
    );
    app.get(
      '/api/communities/:slug/chart',
      {
        schema: {
          tags,
          summary: 'A community’s chart: its own tracks, its own members’ support',
          params: SlugParam,
          querystring: WeekQuery,
          response: { 200: Chart },
        },
      },
      async (request) =>
        d.charts.chart(await d.charts.ref(await request.viewer(), request.params.slug), request.query.week),
    );
    app.get(
      '/api/tracks/:id/chart-run',
      {
        schema: {
          tags,
          summary: 'A track’s closed weeks on a chart, oldest first',
          params: IdParam,
          querystring: ChartQuery,
          response: { 200: ChartRun },
        },
      },
      async (request) => {
        const chart = request.query.chart ?? 'community';
        return { chart, weeks: await d.charts.run(request.params.id, chart) };
      },
    );
    app.get(
      '/api/tracks/:id/chart-breakdown',
      {
        schema: {
          tags,
          summary:
            'The track’s team: why this rank — supporters by event type, discounted, voided and team counts',
          params: IdParam,
          querystring: ChartQuery,
          response: { 200: Breakdown },
        },
      },
      async (request) =>
        d.review.breakdown(
          await request.requireViewer(),
          request.params.id,
          request.query.chart ?? 'community',
          request.query.week,
        ),
    );

    app.post(
      '/api/admin/charts/close',
      {
        schema: {
          tags,
          summary: 'Instance admin: close a week now (idempotent)',
          body: CloseInput,
          response: { 200: CloseResult },
        },
      },
      async (request) => {
        const viewer = await request.requireViewer();
        if (!viewer.isAdmin) throw notFound('Not found.');
        return d.close.close(request.body.week);
      },
    );
    app.get(
      '/api/admin/charts/flags',
      {
        schema: {
          tags,
          summary: 'Instance admin: Rising entries carried by accounts under 48 hours old',
          querystring: WeekQuery,
          response: { 200: Flags },
        },
      },
      async (request) => d.review.flags(await request.requireViewer(), request.query.week),
    );
    app.post(
      '/api/admin/charts/voids',
      {
        schema: {
          tags,
          summary: 'Instance admin: void an account’s support; closed charts it reached get a correction',
          body: VoidInput,
          response: { 200: VoidResult },
        },
      },
      async (request) =>
        d.review.voidAccount(await request.requireViewer(), request.body.userId, request.body.reason),
    );
  };
}
