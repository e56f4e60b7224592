import { api } from './client.ts';

export interface ProfileLink {
  label: string;
  url: string;
}

/** The private profile: only its owner ever sees it whole. */
export interface Profile {
  id: string;
  email: string;
  displayName: string;
  realName: string | null;
  location: string | null;
  bio: string | null;
  avatarUrl: string | null;
  links: ProfileLink[];
  birthday: string | null;
  isAdmin: boolean;
  createdAt: string;
}

export interface ProfileUpdate {
  displayName?: string;
  realName?: string | null;
  location?: string | null;
  bio?: string | null;
  avatarUrl?: string | null;
  links?: ProfileLink[];
  birthday?: string | null;
}

export interface SessionInfo {
  id: string;
  current: boolean;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export const MAX_LINKS = 10;

/** What erasing my account does to what I wrote in communities. */
export type PostsOnErasure = 'delete' | 'anonymise';

export const accountApi = {
  register: (input: { email: string; password: string; displayName: string }) =>
    api<Profile>('POST', '/api/auth/register', input),
  login: (input: { email: string; password: string }) => api<Profile>('POST', '/api/auth/login', input),
  logout: (everywhere = false) =>
    api<void>('POST', '/api/auth/logout', everywhere ? { everywhere: true } : {}),
  me: () => api<Profile>('GET', '/api/me'),
  /** Who is logged in, or null: answers 200 either way, so a logged-out visit logs no error. */
  session: () => api<{ user: Profile | null }>('GET', '/api/auth/session'),
  updateProfile: (update: ProfileUpdate) => api<Profile>('PATCH', '/api/me', update),
  changeEmail: (email: string, currentPassword: string) =>
    api<Profile>('PATCH', '/api/me', { email, currentPassword }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api<void>('POST', '/api/me/password', { currentPassword, newPassword }),
  sessions: () => api<{ items: SessionInfo[]; nextCursor: string | null }>('GET', '/api/me/sessions'),
  revokeSession: (id: string) => api<void>('DELETE', `/api/me/sessions/${encodeURIComponent(id)}`),
  /** Erases the account; my posts and comments go with it, or stay signed by nobody. */
  deleteAccount: (password: string, posts: PostsOnErasure = 'delete') =>
    api<void>('DELETE', '/api/me', { password, posts }),
};

/** A plain link downloads it: the server answers with Content-Disposition: attachment. */
export const EXPORT_URL = '/api/me/export';
