import type { Campaign, CampaignKind } from '../../../api/campaigns.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { formatMoney } from '../../../lib/money.ts';
import { formatTimeLeft, useNow } from '../../../lib/use-now.ts';

export const campaignsPath = (slug: string): string => `/c/${encodeURIComponent(slug)}/campaigns`;
export const campaignPath = (slug: string, id: string): string =>
  `${campaignsPath(slug)}/${encodeURIComponent(id)}`;

export const KIND_LABELS: Record<CampaignKind, string> = {
  chart: 'Chart goal',
  supporters: 'Supporters goal',
  funding: 'Funding goal',
};

const CHART_WORDS = { community: 'the community chart', rising: 'Rising' } as const;

/** The goal in words: "Top 10 of Rising by week 50", "25 supporters", "€500.00 raised". */
export function goalText(c: Campaign): string {
  if (c.kind === 'chart') {
    return `Top ${c.target} of ${CHART_WORDS[c.chart ?? 'community']}${c.byWeek ? ` by week ${Number(c.byWeek.slice(-2))}` : ''}`;
  }
  if (c.kind === 'funding') return `${formatMoney(c.target, c.currency ?? 'EUR')} raised`;
  return `${c.target} ${c.target === 1 ? 'supporter' : 'supporters'}`;
}

/** Where it stands: "12 of 25 supporters", "€120.00 of €500.00", "Best: number 4". */
export function progressText(c: Campaign): string {
  const { value } = c.progress;
  if (c.kind === 'chart') {
    const best = value === null ? 'Not on a closed chart yet' : `Best so far: number ${value}`;
    const now = c.progress.currentRank;
    return now ? `${best} · this week, live: number ${now}` : best;
  }
  if (c.kind === 'funding') {
    const currency = c.currency ?? 'EUR';
    return `${formatMoney(value ?? 0, currency)} of ${formatMoney(c.target, currency)}`;
  }
  const count = value ?? 0;
  // Past the goal, "5 of 2" reads oddly.
  if (count > c.target) return `${count} supporters · goal ${c.target}`;
  return `${count} of ${c.target} ${c.target === 1 ? 'supporter' : 'supporters'}`;
}

export function CampaignProgress({ campaign, size = 'md' }: { campaign: Campaign; size?: 'md' | 'lg' }) {
  const percent = Math.max(0, Math.min(100, campaign.progress.percent));
  return (
    <div className={`campaign-progress campaign-progress--${size} campaign-progress--${campaign.status}`}>
      <div
        className="campaign-progress__track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent} %: ${progressText(campaign)}`}
        aria-label={`Progress of ${campaign.title}`}
      >
        <span className="campaign-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="campaign-progress__text">
        <span>{progressText(campaign)}</span>
        {/* A rank is not a share of anything: a chart goal names its target instead. */}
        <span className="campaign-progress__percent">
          {campaign.kind === 'chart' ? `top ${campaign.target}` : `${percent} %`}
        </span>
      </p>
    </div>
  );
}

export function CampaignStatusPill({ campaign }: { campaign: Campaign }) {
  const words = { active: 'Active', succeeded: 'Goal reached', failed: 'Ended short' }[campaign.status];
  return <span className={`campaign-pill campaign-pill--${campaign.status}`}>{words}</span>;
}

/** "Ends in 3 days 4 h" ticking, or when it ended. */
export function Deadline({ campaign, live = false }: { campaign: Campaign; live?: boolean }) {
  const now = useNow(live ? 1000 : 30_000);
  const left = new Date(campaign.endsAt).getTime() - now;
  if (campaign.status !== 'active' || left <= 0) {
    const words =
      campaign.status === 'succeeded'
        ? left > 0
          ? 'Reached ahead of its deadline, '
          : 'Reached by its deadline, '
        : campaign.status === 'failed'
          ? 'Ended at its deadline, '
          : // A chart goal waits for its last week to close before it is judged.
            'Time is up; the result follows once its week closes. Deadline ';
    return (
      <span className="deadline">
        {words}
        <time dateTime={campaign.endsAt}>{formatDateTime(campaign.endsAt)}</time>
      </span>
    );
  }
  return (
    <span className="deadline">
      Ends in <strong className="deadline__left">{formatTimeLeft(left)}</strong>
      <span className="deadline__at">
        {' '}
        · <time dateTime={campaign.endsAt}>{formatDateTime(campaign.endsAt)}</time>
      </span>
    </span>
  );
}
