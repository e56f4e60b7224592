import type { ChartName } from './charts.ts';
import { api } from './client.ts';

export type CampaignKind = 'chart' | 'supporters' | 'funding';
export type CampaignStatus = 'active' | 'succeeded' | 'failed';

export interface Campaign {
  id: string;
  communitySlug: string;
  kind: CampaignKind;
  title: string;
  description: string;
  track: { id: string; title: string; artist: string } | null;
  /** chart: the rank to reach (top N); supporters: how many people; funding: minor units. */
  target: number;
  currency: string | null;
  chart: ChartName | null;
  byWeek: string | null;
  startsAt: string;
  endsAt: string;
  status: CampaignStatus;
  progress: {
    /** chart: the best rank reached in a closed week (null if none); else the count or amount. */
    value: number | null;
    target: number;
    percent: number;
    reached: boolean;
    /** chart: the rank in the open week. */
    currentRank?: number | null;
  };
  /** Everyone who is in; only those who chose it are shown, by their persona's handle. */
  backers: { count: number; shown: { handle: string }[] };
  joined: boolean;
  canEdit: boolean;
}

export interface CampaignInput {
  kind: CampaignKind;
  title: string;
  description?: string;
  trackId?: string | null;
  target: number;
  chart?: ChartName;
  byWeek?: string;
  currency?: string;
  endsAt?: string;
}

export const CAMPAIGN_TITLE_MAX = 120;
export const CAMPAIGN_TEXT_MAX = 4000;

const campaign = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

export const campaignsApi = {
  list: (slug: string) =>
    api<{ campaigns: Campaign[] }>('GET', `/api/communities/${encodeURIComponent(slug)}/campaigns`),
  create: (slug: string, input: CampaignInput) =>
    api<Campaign>('POST', `/api/communities/${encodeURIComponent(slug)}/campaigns`, input),
  get: (id: string) => api<Campaign>('GET', campaign(id)),
  join: (id: string, shown: boolean) => api<Campaign>('PUT', `${campaign(id)}/backers/mine`, { shown }),
  leave: (id: string) => api<Campaign>('DELETE', `${campaign(id)}/backers/mine`),
};
