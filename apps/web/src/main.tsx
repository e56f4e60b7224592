import '@fontsource-variable/inter';
import '@fontsource-variable/fraunces/opsz.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/home.css';
import './styles/home-sections.css';
import './styles/account.css';
import './styles/account-lists.css';
import './styles/communities.css';
import './styles/community-pages.css';
import './styles/posts.css';
import './styles/music.css';
import './styles/player.css';
import './styles/discovery.css';
import './styles/billing.css';
import './styles/billing-settings.css';
import './styles/purchase.css';
import './styles/shop.css';
import './styles/receipts.css';
import './styles/charts.css';
import './styles/chart-run.css';
import './styles/campaigns.css';
import './styles/admin-charts.css';
import './styles/motion.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app.tsx';
import { AuthProvider } from './auth/auth-context.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    {/* Plain updates, not transitions: a navigation and the auth change that caused it render together. */}
    <BrowserRouter useTransitions={false}>
      <AuthProvider>
        <App />
      </AuthProvider>
    </BrowserRouter>
  </StrictMode>,
);
