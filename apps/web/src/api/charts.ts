import { api } from './client.ts';

export type ChartName = 'community' | 'rising';
export type ChartStatus = 'open' | 'closed';
export type Movement = 'new' | 're-entry' | 'up' | 'down' | 'same';

export interface ChartEntry {
  rank: number;
  trackId: string;
  title: string;
  artist: string;
  communitySlug: string;
  movement: Movement;
  /** Places gained (up) or lost (down). */
  moveBy: number;
  weeksOnChart: number;
  peak: number;
  /** Only once the week is closed: counts shown while a week is open would feed herding. */
  supporters?: number;
  points?: number;
}

export interface ChartCorrection {
  revision: number;
  reason: string;
  publishedAt: string;
}

export interface Chart {
  week: string;
  status: ChartStatus;
  chart: ChartName;
  closedAt?: string;
  entries: ChartEntry[];
  corrections: ChartCorrection[];
}

export interface ChartWeeks {
  open: { week: string; closesAt: string };
  /** Newest first. */
  closed: { week: string; closedAt: string }[];
}

export interface ChartRun {
  chart: ChartName;
  /** Closed weeks on the chart, oldest first. */
  weeks: { week: string; rank: number }[];
}

export interface ChartBreakdown {
  week: string;
  status: ChartStatus;
  chart: ChartName;
  rank: number | null;
  points: number;
  supporters: number;
  byKind: { listen: number; download: number; purchase: number; pick: number };
  /** Events from accounts under 7 days old, counted half. */
  discounted: number;
  /** Supporters whose account was under 48 hours old. */
  fresh: number;
  voided: number;
  team: number;
}

export interface FreshAccount {
  userId: string;
  displayName: string;
  createdAt: string;
  voided: boolean;
}

export interface ChartFlag {
  chart: string;
  rank: number;
  trackId: string;
  title: string;
  artist: string;
  supporters: number;
  fresh: number;
  freshAccounts: FreshAccount[];
}

export interface ChartFlags {
  week: string;
  flags: ChartFlag[];
}

export interface CloseResult {
  week: string;
  /** False when it was closed already. */
  closed: boolean;
  charts: number;
  entries: number;
}

export interface VoidResult {
  voided: boolean;
  corrections: { week: string; scope: string; revision: number }[];
}

const weekQuery = (week: string | null | undefined) => (week ? `?week=${encodeURIComponent(week)}` : '');
const track = (id: string) => `/api/tracks/${encodeURIComponent(id)}`;

export const chartsApi = {
  weeks: () => api<ChartWeeks>('GET', '/api/charts/weeks'),
  rising: (week?: string | null) => api<Chart>('GET', `/api/charts/rising${weekQuery(week)}`),
  community: (slug: string, week?: string | null) =>
    api<Chart>('GET', `/api/communities/${encodeURIComponent(slug)}/chart${weekQuery(week)}`),
  run: (trackId: string, chart: ChartName) =>
    api<ChartRun>('GET', `${track(trackId)}/chart-run?chart=${chart}`),
  /** The track's team only; 403 for everyone else. */
  breakdown: (trackId: string, chart: ChartName, week?: string | null) =>
    api<ChartBreakdown>(
      'GET',
      `${track(trackId)}/chart-breakdown?chart=${chart}${week ? `&week=${encodeURIComponent(week)}` : ''}`,
    ),
  flags: (week?: string | null) => api<ChartFlags>('GET', `/api/admin/charts/flags${weekQuery(week)}`),
  voidAccount: (userId: string, reason: string) =>
    api<VoidResult>('POST', '/api/admin/charts/voids', { userId, reason }),
  close: (week: string) => api<CloseResult>('POST', '/api/admin/charts/close', { week }),
};
