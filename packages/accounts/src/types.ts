import type { ProfileLink } from './schema.ts';
import type { SessionRow } from './store.ts';

export interface PrivateProfile {
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

export interface SessionInfo {
  id: string;
  current: boolean;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface ClientMeta {
  ip: string;
  userAgent: string | undefined;
  /** The session token the client already holds, replaced at login (session fixation). */
  previousToken?: string | undefined;
}

export interface ProfileUpdate {
  email?: string;
  currentPassword?: string;
  displayName?: string;
  realName?: string | null;
  location?: string | null;
  bio?: string | null;
  avatarUrl?: string | null;
  links?: ProfileLink[];
  birthday?: string | null;
}

export function toSessionInfo(row: SessionRow, currentId: string | null): SessionInfo {
  return {
    id: row.id,
    current: row.id === currentId,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
