import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type Campaign, campaignsApi } from '../../../api/campaigns.ts';
import { ApiError } from '../../../api/client.ts';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { FlagIcon, PlusIcon } from '../../../components/icons.tsx';
import type { FlashState } from '../../../lib/flash.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { canModerate, useCommunity } from '../community-context.ts';
import { CampaignForm } from './campaign-form.tsx';
import {
  CampaignProgress,
  CampaignStatusPill,
  campaignPath,
  Deadline,
  goalText,
  KIND_LABELS,
} from './campaign-parts.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; campaigns: Campaign[] };

/** /c/:slug/campaigns: goals the community rallies behind, active ones first. */
export function CampaignsPage() {
  const { community } = useCommunity();
  const navigate = useNavigate();
  useDocumentTitle(`Campaigns · ${community.name}`);
  const team = canModerate(community);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [creating, setCreating] = useState(false);
  const memberKey = community.myMembership?.id ?? '-';

  const fetchList = useCallback(async () => {
    void memberKey;
    try {
      setLoad({ status: 'ready', campaigns: (await campaignsApi.list(community.slug)).campaigns });
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'The campaigns could not be loaded.',
      });
    }
  }, [community.slug, memberKey]);

  useEffect(() => {
    void fetchList();
  }, [fetchList]);

  return (
    <div className="campaigns">
      <header className="section-intro campaigns__intro">
        <div>
          <h2 className="section-intro__title">Campaigns</h2>
          <p className="section-intro__lead">
            Goals {community.name} rallies behind by a deadline: a track up the chart, a number of supporters,
            an amount raised. Say you’re in, then help with a listen, a download, a purchase or a pick.
          </p>
        </div>
        {team && !creating ? (
          <Button onClick={() => setCreating(true)}>
            <PlusIcon className="icon icon--inline" />
            Start a campaign
          </Button>
        ) : null}
      </header>
      {creating ? (
        <CampaignForm
          slug={community.slug}
          onCancel={() => setCreating(false)}
          onCreated={(created) =>
            navigate(campaignPath(community.slug, created.id), {
              state: {
                flash: { tone: 'success', text: `“${created.title}” has started.` },
              } satisfies FlashState,
            })
          }
        />
      ) : null}
      {load.status === 'loading' ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the campaigns…
        </p>
      ) : load.status === 'failed' ? (
        <div className="panel muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void fetchList()}>
            Try again
          </Button>
        </div>
      ) : load.campaigns.length === 0 ? (
        <section className="empty-state" aria-labelledby="no-campaigns-title">
          <FlagIcon className="icon empty-state__icon" />
          <h3 id="no-campaigns-title" className="empty-state__title">
            No campaigns yet
          </h3>
          <p className="empty-state__text">
            {team
              ? 'Start one: pick a track and a goal, and give your members something to rally behind.'
              : `When ${community.name} starts a campaign, it shows here.`}
          </p>
        </section>
      ) : (
        <ul className="campaign-grid" aria-label={`${community.name} campaigns`}>
          {load.campaigns.map((campaign) => (
            <li key={campaign.id}>
              <CampaignCard campaign={campaign} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CampaignCard({ campaign }: { campaign: Campaign }) {
  const titleId = `campaign-${campaign.id}`;
  return (
    <article className={`campaign-card campaign-card--${campaign.status}`} aria-labelledby={titleId}>
      <p className="campaign-card__top">
        <span className="eyebrow">{KIND_LABELS[campaign.kind]}</span>
        <CampaignStatusPill campaign={campaign} />
      </p>
      <h3 id={titleId} className="campaign-card__title">
        <Link to={campaignPath(campaign.communitySlug, campaign.id)} className="campaign-card__link">
          {campaign.title}
        </Link>
      </h3>
      <p className="campaign-card__goal">
        Goal: {goalText(campaign)}
        {campaign.track ? ` for ${campaign.track.title}` : ''}
      </p>
      <CampaignProgress campaign={campaign} />
      <p className="campaign-card__foot">
        <Deadline campaign={campaign} />
        <span>
          {campaign.backers.count} {campaign.backers.count === 1 ? 'backer' : 'backers'}
          {campaign.joined ? ' · you’re in' : ''}
        </span>
      </p>
    </article>
  );
}
