import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type Community, communitiesApi } from '../../api/communities.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { Announcer } from '../../components/announcer.tsx';
import { CommunityBanner, isFull } from '../../components/community-banner.tsx';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { LockIcon } from '../../components/icons.tsx';
import { useAccent } from '../../lib/accent.ts';
import { ROLE_LABELS } from '../../lib/community-meta.ts';
import type { FlashState } from '../../lib/flash.ts';
import { hasMusic } from '../../lib/music.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { rememberAccent } from '../../player/community-accent.ts';
import { type CommunityContext, canModerate, isOwner } from './community-context.ts';
import { JoinDialog } from './join-dialog.tsx';
import { useProducts } from './shop/use-products.ts';
import { offeredTiers, useTiers } from './support/use-tiers.ts';

type Load =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'forbidden'; message: string }
  | { status: 'failed'; message: string }
  | { status: 'ready'; community: Community };

/** The frame of /c/:slug: loads the community, themes everything inside with its colour, offers to join. */
export function CommunityLayout() {
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const invite = params.get('invite');
  const { state } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [joining, setJoining] = useState(false);
  const themeRef = useRef<HTMLDivElement>(null);
  const community = load.status === 'ready' ? load.community : null;
  useAccent(themeRef, community?.accentColor);
  useDocumentTitle(community?.name ?? (load.status === 'missing' ? 'Community not found' : 'Community'));

  const viewer = state.status === 'authenticated' ? state.me.id : state.status;
  // Asked once the community is known to be readable, so a missing one is not asked twice; an
  // invitee previewing a private community cannot read its tiers until they join.
  const tiersReadable = community?.visibility === 'public' || Boolean(community?.myMembership);
  const tierSlug = community?.slug === slug && tiersReadable ? slug : null;
  // A join makes the viewer a member: tiers are asked again with the membership.
  const { tiers, reload: reloadTiers } = useTiers(
    tierSlug,
    `${viewer}:${community?.myMembership?.role ?? ''}`,
  );
  // Artists and micro-experts sell files; other kinds of community have no shop to ask about.
  const sells = community?.kind === 'artist' || community?.kind === 'expert';
  const { products, reload: reloadProducts } = useProducts(
    sells ? tierSlug : null,
    `${viewer}:${community?.myMembership?.role ?? ''}`,
  );
  const reload = useCallback(async () => {
    try {
      const next = await communitiesApi.get(slug, invite);
      rememberAccent(next.slug, next.accentColor);
      setLoad({ status: 'ready', community: next });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setLoad({ status: 'missing' });
      else if (error instanceof ApiError && error.status === 403)
        setLoad({ status: 'forbidden', message: error.message });
      else
        setLoad({
          status: 'failed',
          message: error instanceof ApiError ? error.message : 'This community could not be loaded.',
        });
    }
  }, [slug, invite]);

  useEffect(() => {
    // Who is looking changes what the server shows (membership, private communities): ask again.
    void viewer;
    if (viewer === 'loading') return;
    setLoad((current) =>
      current.status === 'ready' && current.community.slug === slug ? current : { status: 'loading' },
    );
    void reload();
  }, [reload, slug, viewer]);

  const here = `${location.pathname}${location.search}`;
  const openJoin = useCallback(() => {
    if (state.status !== 'authenticated') {
      navigate('/login', {
        state: { from: here, flash: { tone: 'info', text: 'Log in to join.' } } satisfies FlashState,
      });
      return;
    }
    setJoining(true);
  }, [state.status, navigate, here]);

  if (load.status === 'loading') {
    return (
      <div className="container page-loading" role="status">
        <span className="spinner spinner--large" aria-hidden="true" />
        <span>Loading the community…</span>
      </div>
    );
  }
  if (load.status === 'missing') return <CommunityMissing slug={slug} invite={invite} from={here} />;
  if (load.status === 'forbidden' || load.status === 'failed') {
    return (
      <div className="container not-found">
        <p className="not-found__code" aria-hidden="true">
          {load.status === 'forbidden' ? '403' : '!'}
        </p>
        <h1 className="not-found__title">
          {load.status === 'forbidden' ? 'This community is closed to you' : 'This community did not load'}
        </h1>
        <StatusMessage notice={{ tone: 'error', text: load.message }} />
        <div className="form-actions">
          {load.status === 'failed' ? <Button onClick={() => void reload()}>Try again</Button> : null}
          <Link to="/communities" className="button button--secondary">
            Find other communities
          </Link>
        </div>
      </div>
    );
  }

  const { community: c } = load;
  const membership = c.myMembership;
  const context: CommunityContext = {
    community: c,
    setCommunity: (next) => setLoad({ status: 'ready', community: next }),
    reload,
    openJoin,
    tiers,
    reloadTiers,
    products,
    reloadProducts,
  };
  const base = `/c/${c.slug}`;
  // Support is worth a tab once there is something to choose; the owner needs it to start one.
  const hasSupport = isOwner(c) || (tiers !== null && offeredTiers(tiers).length > 0);
  const hasShop =
    (c.kind === 'artist' || c.kind === 'expert') &&
    (canModerate(c) || Boolean(products?.some((p) => !p.archived)));

  return (
    <div ref={themeRef} className="themed community">
      <div className="community__banner-wrap">
        <div className="container">
          <CommunityBanner community={c}>
            {membership ? (
              <p className="community-banner__you">
                You are <strong>@{membership.handle}</strong>
                <span className="community-banner__role">{ROLE_LABELS[membership.role]}</span>
              </p>
            ) : state.status === 'authenticated' ? (
              isFull(c) ? (
                <p className="community-banner__you">Full for now: no room for new members.</p>
              ) : (
                <Button className="button--on-accent" onClick={openJoin}>
                  {c.visibility === 'private' ? <LockIcon className="icon icon--inline" /> : null}
                  Join {c.name}
                </Button>
              )
            ) : state.status === 'anonymous' ? (
              <div className="community-banner__buttons">
                <Link
                  to="/login"
                  state={{ from: here } satisfies FlashState}
                  className="button button--on-accent"
                >
                  Log in to join
                </Link>
                <Link
                  to="/signup"
                  state={{ from: here } satisfies FlashState}
                  className="button button--outline-on-accent"
                >
                  Sign up
                </Link>
              </div>
            ) : null}
          </CommunityBanner>
        </div>
      </div>

      <div className="container community__body">
        {/* Outsiders see the tabs too where there is music to hear: Posts and Music. */}
        {membership || hasMusic(c) || hasSupport || hasShop ? (
          <nav className="tabs community__tabs" aria-label={`${c.name} sections`}>
            <NavLink
              to={base}
              end
              className={({ isActive }) =>
                isActive || location.pathname.startsWith(`${base}/p/`) ? 'tabs__link active' : 'tabs__link'
              }
            >
              Posts
            </NavLink>
            {hasMusic(c) ? (
              <NavLink to={`${base}/music`} className="tabs__link">
                Music
              </NavLink>
            ) : null}
            {hasMusic(c) ? (
              <NavLink to={`${base}/chart`} className="tabs__link">
                Chart
              </NavLink>
            ) : null}
            {hasMusic(c) || membership ? (
              <NavLink to={`${base}/campaigns`} className="tabs__link">
                Campaigns
              </NavLink>
            ) : null}
            {hasShop ? (
              <NavLink to={`${base}/shop`} className="tabs__link">
                Shop
              </NavLink>
            ) : null}
            {hasSupport ? (
              <NavLink to={`${base}/support`} className="tabs__link">
                Support
              </NavLink>
            ) : null}
            {membership ? (
              <NavLink to={`${base}/members`} className="tabs__link">
                Members
              </NavLink>
            ) : null}
            {canModerate(c) ? (
              <NavLink to={`${base}/settings`} className="tabs__link">
                Settings
              </NavLink>
            ) : null}
          </nav>
        ) : null}
        <Announcer>
          <Outlet context={context} />
        </Announcer>
      </div>

      {state.status === 'authenticated' && !membership ? (
        <JoinDialog
          open={joining}
          onClose={() => setJoining(false)}
          community={c}
          invite={invite}
          onJoined={async (joined) => {
            setJoining(false);
            const flash: FlashState = {
              flash: {
                tone: 'success',
                text: `Welcome to ${c.name}, @${joined.handle}. Members see only what you chose to share.`,
              },
            };
            // The invite has done its job: drop it from the address. Someone who joined from the
            // Support page came to choose a tier, so they stay there.
            const stay = location.pathname === `${base}/support`;
            navigate(stay ? location.pathname : base, { replace: true, state: flash });
            await reload();
          }}
        />
      ) : null}
    </div>
  );
}

function CommunityMissing({ slug, invite, from }: { slug: string; invite: string | null; from: string }) {
  const { state } = useAuth();
  return (
    <div className="container not-found">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 className="not-found__title">
        {invite ? 'This invite link does not work' : 'This community is not here'}
      </h1>
      {invite ? (
        <p className="not-found__text">
          The invite may have expired, been used up or been revoked, or the link was cut short. Ask the person
          who sent it for a new one.
        </p>
      ) : (
        <p className="not-found__text">
          Nothing public lives at <code>/c/{slug}</code>. If it is a private community, only its members can
          see it: open the full invite link you were sent
          {state.status === 'anonymous' ? ', or log in if you are already a member' : ''}.
        </p>
      )}
      <div className="form-actions">
        {state.status === 'anonymous' ? (
          <Link to="/login" state={{ from } satisfies FlashState} className="button button--primary">
            Log in
          </Link>
        ) : null}
        <Link
          to="/communities"
          className={state.status === 'anonymous' ? 'button button--secondary' : 'button button--primary'}
        >
          Find a community
        </Link>
      </div>
    </div>
  );
}
