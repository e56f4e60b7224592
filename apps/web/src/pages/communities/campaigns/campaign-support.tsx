import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Campaign } from '../../../api/campaigns.ts';
import { musicApi, type Track } from '../../../api/music.ts';
import { useAuth } from '../../../auth/auth-context.tsx';
import { PickControl } from '../../../discovery/pick-control.tsx';
import { TrackPlayButton } from '../music/music-parts.tsx';
import { TrackBuyBox, TrackDownloads } from '../music/track-downloads.tsx';

/**
 * Ways to help a track campaign that are the real thing: a listen (the player reports it after
 * 30 s), a download, a purchase, a pick. Each counts once per person a week.
 */
export function CampaignSupport({ campaign, onSupported }: { campaign: Campaign; onSupported: () => void }) {
  const { state } = useAuth();
  const [track, setTrack] = useState<Track | null | 'missing'>(null);
  const trackId = campaign.track?.id ?? null;

  const fetchTrack = useCallback(async (): Promise<Track | null> => {
    if (!trackId) return null;
    try {
      const found = await musicApi.track(trackId);
      setTrack(found);
      return found;
    } catch {
      setTrack('missing');
      return null;
    }
  }, [trackId]);

  useEffect(() => {
    void fetchTrack();
  }, [fetchTrack]);

  if (!campaign.track) return null;
  const path = `/c/${encodeURIComponent(campaign.communitySlug)}/music/t/${encodeURIComponent(campaign.track.id)}`;
  return (
    <section className="panel campaign-support" aria-labelledby="campaign-support-title">
      <div className="panel__header">
        <h3 id="campaign-support-title" className="panel__title">
          Help “{campaign.track.title}”
        </h3>
        <p className="panel__lead">
          Listen for 30 seconds, download it, buy it or pick it for the people who trust you: each counts once
          per person a week.
          {state.status !== 'authenticated' ? ' Log in so your support counts.' : ''}
        </p>
      </div>
      {track === null ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the track…
        </p>
      ) : track === 'missing' ? (
        <p className="empty-line">This track is for members only, or it is gone.</p>
      ) : (
        <>
          <div className="campaign-support__track">
            {track.status === 'ready' ? <TrackPlayButton tracks={[track]} index={0} size="lg" /> : null}
            <div className="campaign-support__names">
              <Link to={path} className="campaign-support__title">
                {track.title}
              </Link>
              <span className="campaign-support__artist">{track.artist}</span>
            </div>
            <div className="campaign-support__actions">
              <PickControl track={track} size="md" />
            </div>
          </div>
          <TrackBuyBox
            track={track}
            release={null}
            refresh={async () => {
              const fresh = await fetchTrack();
              onSupported();
              return fresh?.purchased ?? false;
            }}
          />
          <TrackDownloads track={track} release={null} />
        </>
      )}
    </section>
  );
}
