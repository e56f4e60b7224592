import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Campaign, campaignsApi } from '../../../api/campaigns.ts';
import { ApiError } from '../../../api/client.ts';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { ArrowIcon, CheckIcon, FlagIcon } from '../../../components/icons.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCommunity } from '../community-context.ts';
import { CampaignBacking } from './campaign-backing.tsx';
import {
  CampaignProgress,
  CampaignStatusPill,
  campaignsPath,
  Deadline,
  goalText,
  KIND_LABELS,
  progressText,
} from './campaign-parts.tsx';
import { CampaignSupport } from './campaign-support.tsx';

/** Progress moves with other people's support: asked again this often while the campaign runs. */
const REFRESH_MS = 20_000;

type Load =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; campaign: Campaign };

/** /c/:slug/campaigns/:id: one campaign, its live progress, its backers and ways to help. */
export function CampaignPage() {
  const { community } = useCommunity();
  const { campaignId = '' } = useParams();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const memberKey = community.myMembership?.id ?? '-';
  const campaign = load.status === 'ready' ? load.campaign : null;
  useDocumentTitle(campaign ? `${campaign.title} · ${community.name}` : `Campaign · ${community.name}`);

  const fetchCampaign = useCallback(async () => {
    void memberKey;
    try {
      setLoad({ status: 'ready', campaign: await campaignsApi.get(campaignId) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setLoad({ status: 'missing' });
      else
        setLoad((now) =>
          // A failed background refresh keeps what is on screen.
          now.status === 'ready'
            ? now
            : {
                status: 'failed',
                message: error instanceof ApiError ? error.message : 'This campaign could not be loaded.',
              },
        );
    }
  }, [campaignId, memberKey]);

  useEffect(() => {
    void fetchCampaign();
  }, [fetchCampaign]);

  const active = campaign?.status === 'active';
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => void fetchCampaign(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [active, fetchCampaign]);

  return (
    <div className="campaign-page">
      <Link to={campaignsPath(community.slug)} className="back-link">
        <ArrowIcon className="icon icon--inline back-link__icon" />
        All campaigns in {community.name}
      </Link>
      {load.status === 'loading' ? (
        <p className="muted-state panel" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the campaign…
        </p>
      ) : load.status === 'missing' ? (
        <section className="empty-state" aria-labelledby="missing-campaign-title">
          <h2 id="missing-campaign-title" className="empty-state__title">
            This campaign is not here
          </h2>
          <p className="empty-state__text">The link may be old, or it belongs to another community.</p>
          <div className="empty-state__actions">
            <Link to={campaignsPath(community.slug)} className="button button--primary">
              See the campaigns
            </Link>
          </div>
        </section>
      ) : load.status === 'failed' ? (
        <div className="panel muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void fetchCampaign()}>
            Try again
          </Button>
        </div>
      ) : (
        <CampaignDetail
          campaign={load.campaign}
          onChange={(next) => setLoad({ status: 'ready', campaign: next })}
          refresh={() => void fetchCampaign()}
        />
      )}
    </div>
  );
}

function CampaignDetail({
  campaign,
  onChange,
  refresh,
}: {
  campaign: Campaign;
  onChange: (campaign: Campaign) => void;
  refresh: () => void;
}) {
  return (
    <>
      <article className={`campaign-hero campaign-hero--${campaign.status}`} aria-labelledby="campaign-title">
        <p className="campaign-hero__top">
          <span className="eyebrow">{KIND_LABELS[campaign.kind]}</span>
          <CampaignStatusPill campaign={campaign} />
        </p>
        <h2 id="campaign-title" className="campaign-hero__title">
          {campaign.title}
        </h2>
        <p className="campaign-hero__goal">
          Goal: <strong>{goalText(campaign)}</strong>
          {campaign.track ? (
            <>
              {' '}
              for{' '}
              <Link
                to={`/c/${encodeURIComponent(campaign.communitySlug)}/music/t/${encodeURIComponent(campaign.track.id)}`}
              >
                {campaign.track.title}
              </Link>
            </>
          ) : null}
        </p>
        {campaign.status !== 'active' ? <Outcome campaign={campaign} /> : null}
        <CampaignProgress campaign={campaign} size="lg" />
        <p className="campaign-hero__deadline">
          <Deadline campaign={campaign} live />
          {campaign.status === 'active' ? (
            <span className="campaign-hero__live">Updates every 20 seconds</span>
          ) : null}
        </p>
        {campaign.description ? <p className="campaign-hero__description">{campaign.description}</p> : null}
        <p className="campaign-hero__since">
          Started <time dateTime={campaign.startsAt}>{formatDateTime(campaign.startsAt)}</time>
        </p>
      </article>
      <div className="campaign-columns">
        {campaign.status === 'active' ? <CampaignSupport campaign={campaign} onSupported={refresh} /> : null}
        <CampaignBacking campaign={campaign} onChange={onChange} />
      </div>
    </>
  );
}

function Outcome({ campaign }: { campaign: Campaign }) {
  const won = campaign.status === 'succeeded';
  return (
    <div className={won ? 'campaign-outcome campaign-outcome--won' : 'campaign-outcome'} role="status">
      {won ? (
        <CheckIcon className="icon campaign-outcome__icon" />
      ) : (
        <FlagIcon className="icon campaign-outcome__icon" />
      )}
      <div>
        <p className="campaign-outcome__title">
          {won ? 'Goal reached!' : 'This campaign ended short of its goal'}
        </p>
        <p className="campaign-outcome__text">
          {progressText(campaign)}.{' '}
          {won
            ? `Thank you to all ${campaign.backers.count} ${campaign.backers.count === 1 ? 'backer' : 'backers'}.`
            : 'Every listen, download and pick still counted on the charts.'}
        </p>
      </div>
    </div>
  );
}
