import { Route, Routes } from 'react-router';
import { RequireAuth } from './auth/require-auth.tsx';
import { Layout } from './components/layout.tsx';
import { lazyPage } from './lib/lazy-page.tsx';
import { AccountLayout } from './pages/account/account-layout.tsx';
import { DataPage } from './pages/account/data-page.tsx';
import { MyCommunitiesPage } from './pages/account/my-communities-page.tsx';
import { ProfilePage } from './pages/account/profile-page.tsx';
import { SecurityPage } from './pages/account/security-page.tsx';
import { CommunityAbout } from './pages/communities/community-about.tsx';
import { CommunityLayout } from './pages/communities/community-layout.tsx';
import { CommunityMembers } from './pages/communities/community-members.tsx';
import { CreateCommunityPage } from './pages/communities/create-page.tsx';
import { DiscoverPage } from './pages/communities/discover-page.tsx';
import { PostPage } from './pages/communities/posts/post-page.tsx';
import { OwnerOnly, SettingsIndex, SettingsLayout } from './pages/communities/settings/settings-layout.tsx';
import { HomePage } from './pages/home-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignupPage } from './pages/signup-page.tsx';

// Pages most visitors never open load on demand, keeping the first download small.
const MusicTab = lazyPage(() => import('./pages/communities/music/music-tab.tsx'), 'MusicTab');
const ReleasePage = lazyPage(() => import('./pages/communities/music/release-page.tsx'), 'ReleasePage');
const TrackPage = lazyPage(() => import('./pages/communities/music/track-page.tsx'), 'TrackPage');
const UploadPage = lazyPage(() => import('./pages/communities/music/upload-page.tsx'), 'UploadPage');
const AuditLog = lazyPage(() => import('./pages/communities/settings/audit-log.tsx'), 'AuditLog');
const BrandingSettings = lazyPage(
  () => import('./pages/communities/settings/branding-settings.tsx'),
  'BrandingSettings',
);
const DangerZone = lazyPage(() => import('./pages/communities/settings/danger-zone.tsx'), 'DangerZone');
const InviteSettings = lazyPage(
  () => import('./pages/communities/settings/invite-settings.tsx'),
  'InviteSettings',
);
const MemberSettings = lazyPage(
  () => import('./pages/communities/settings/member-settings.tsx'),
  'MemberSettings',
);
const ReportsSection = lazyPage(() => import('./pages/communities/settings/reports.tsx'), 'ReportsSection');
const SupportPage = lazyPage(() => import('./pages/communities/support/support-page.tsx'), 'SupportPage');
const TierSettings = lazyPage(() => import('./pages/communities/settings/tier-settings.tsx'), 'TierSettings');
const EarningsSettings = lazyPage(
  () => import('./pages/communities/settings/earnings-settings.tsx'),
  'EarningsSettings',
);
const SandboxCheckoutPage = lazyPage(
  () => import('./pages/sandbox-checkout-page.tsx'),
  'SandboxCheckoutPage',
);
const MySubscriptionsPage = lazyPage(
  () => import('./pages/account/my-subscriptions-page.tsx'),
  'MySubscriptionsPage',
);
const ShopPage = lazyPage(() => import('./pages/communities/shop/shop-page.tsx'), 'ShopPage');
const ProductPage = lazyPage(() => import('./pages/communities/shop/product-page.tsx'), 'ProductPage');
const ProductSettings = lazyPage(
  () => import('./pages/communities/settings/product-settings.tsx'),
  'ProductSettings',
);
const ReceiptPage = lazyPage(() => import('./pages/account/receipt-page.tsx'), 'ReceiptPage');
const DiscoverLayout = lazyPage(() => import('./pages/discovery/discover-layout.tsx'), 'DiscoverLayout');
const DiscoverFeed = lazyPage(() => import('./pages/discovery/discover-feed.tsx'), 'DiscoverFeed');
const MicroElitePage = lazyPage(() => import('./pages/discovery/micro-elite-page.tsx'), 'MicroElitePage');
const CuratingPage = lazyPage(() => import('./pages/discovery/curating-page.tsx'), 'CuratingPage');
const CuratorPage = lazyPage(() => import('./pages/discovery/curator-page.tsx'), 'CuratorPage');
const ChartsPage = lazyPage(() => import('./pages/charts/charts-page.tsx'), 'ChartsPage');
const CommunityChart = lazyPage(
  () => import('./pages/communities/chart/community-chart.tsx'),
  'CommunityChart',
);
const CampaignsPage = lazyPage(
  () => import('./pages/communities/campaigns/campaigns-page.tsx'),
  'CampaignsPage',
);
const CampaignPage = lazyPage(
  () => import('./pages/communities/campaigns/campaign-page.tsx'),
  'CampaignPage',
);
const AdminChartsPage = lazyPage(() => import('./pages/admin/admin-charts-page.tsx'), 'AdminChartsPage');

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route
          path="me"
          element={
            <RequireAuth>
              <AccountLayout />
            </RequireAuth>
          }
        >
          <Route index element={<ProfilePage />} />
          <Route path="communities" element={<MyCommunitiesPage />} />
          <Route path="subscriptions" element={<MySubscriptionsPage />} />
          <Route path="receipts/:paymentId" element={<ReceiptPage />} />
          <Route path="security" element={<SecurityPage />} />
          <Route path="data" element={<DataPage />} />
        </Route>
        <Route path="communities" element={<DiscoverPage />} />
        <Route
          path="discover"
          element={
            <RequireAuth>
              <DiscoverLayout />
            </RequireAuth>
          }
        >
          <Route index element={<DiscoverFeed />} />
          <Route path="micro-elite" element={<MicroElitePage />} />
          <Route path="curating" element={<CuratingPage />} />
        </Route>
        <Route path="curators/:handle" element={<CuratorPage />} />
        <Route path="charts" element={<ChartsPage />} />
        <Route
          path="admin/charts"
          element={
            <RequireAuth>
              <AdminChartsPage />
            </RequireAuth>
          }
        />
        {/* The sandbox provider's payment page; a real provider's is on its own site. */}
        <Route path="sandbox/checkout/:checkoutId" element={<SandboxCheckoutPage />} />
        <Route
          path="communities/new"
          element={
            <RequireAuth>
              <CreateCommunityPage />
            </RequireAuth>
          }
        />
        <Route path="c/:slug" element={<CommunityLayout />}>
          <Route index element={<CommunityAbout />} />
          <Route path="p/:postId" element={<PostPage />} />
          <Route path="members" element={<CommunityMembers />} />
          <Route path="support" element={<SupportPage />} />
          <Route path="shop" element={<ShopPage />} />
          <Route path="shop/:productId" element={<ProductPage />} />
          <Route path="music" element={<MusicTab />} />
          <Route path="music/upload" element={<UploadPage />} />
          <Route path="music/t/:trackId" element={<TrackPage />} />
          <Route path="music/r/:releaseId" element={<ReleasePage />} />
          <Route path="chart" element={<CommunityChart />} />
          <Route path="campaigns" element={<CampaignsPage />} />
          <Route path="campaigns/:campaignId" element={<CampaignPage />} />
          <Route path="settings" element={<SettingsLayout />}>
            <Route
              index
              element={
                <SettingsIndex>
                  <BrandingSettings />
                </SettingsIndex>
              }
            />
            <Route path="members" element={<MemberSettings />} />
            <Route path="invites" element={<InviteSettings />} />
            <Route path="reports" element={<ReportsSection />} />
            <Route path="products" element={<ProductSettings />} />
            <Route
              path="audit"
              element={
                <OwnerOnly>
                  <AuditLog />
                </OwnerOnly>
              }
            />
            <Route
              path="tiers"
              element={
                <OwnerOnly>
                  <TierSettings />
                </OwnerOnly>
              }
            />
            <Route
              path="earnings"
              element={
                <OwnerOnly>
                  <EarningsSettings />
                </OwnerOnly>
              }
            />
            <Route
              path="danger"
              element={
                <OwnerOnly>
                  <DangerZone />
                </OwnerOnly>
              }
            />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
