import { Route, Routes } from 'react-router';
import { RequireAuth } from './auth/require-auth.tsx';
import { Layout } from './components/layout.tsx';
import { AccountLayout } from './pages/account/account-layout.tsx';
import { DataPage } from './pages/account/data-page.tsx';
import { ProfilePage } from './pages/account/profile-page.tsx';
import { SecurityPage } from './pages/account/security-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignupPage } from './pages/signup-page.tsx';

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
          <Route path="security" element={<SecurityPage />} />
          <Route path="data" element={<DataPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
