import type { CampaignKind } from '../../../api/campaigns.ts';

/** The kinds a campaign can be, as the create form offers them. */
export const KIND_OPTIONS: { value: CampaignKind; label: string; text: string }[] = [
  {
    value: 'supporters',
    label: 'Supporters',
    text: 'Rally N people to listen, download, buy or pick a track (or any of yours).',
  },
  { value: 'chart', label: 'Chart', text: 'Get one track into the top N of a chart by a week.' },
  {
    value: 'funding',
    label: 'Funding',
    text: 'Raise an amount by a date, from subscriptions and purchases.',
  },
];

export const LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  trackId: 'Track',
  target: 'Goal',
  byWeek: 'By week',
  currency: 'Currency',
  endsAt: 'Deadline',
};

/** YYYY-MM-DD, n days from today, for the date input. */
export function dateIn(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
