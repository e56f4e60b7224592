import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  type AppContext,
  badRequest,
  conflict,
  DomainError,
  newId,
  notFound,
  tooManyRequests,
  unauthorized,
  type Viewer,
} from '@coterie/platform';
import { hash, verify } from '@node-rs/argon2';
import { checkPassword } from './password-policy.ts';
import {
  assertEmail,
  cleanBirthday,
  cleanDisplayName,
  cleanText,
  cleanWebUrl,
  normalizeEmail,
} from './profile-rules.ts';
import type { ProfileLink } from './schema.ts';
import type { AccountsStore, ProfilePatch, SessionRow, UserRow } from './store.ts';
import { checkBucket, type Limit } from './throttle-policy.ts';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
// Sliding sessions: refreshing last-seen at most this often keeps authenticated reads write-free.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

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

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class AccountsService {
  readonly #ctx: AppContext;
  readonly #store: AccountsStore;
  readonly #throttleKey: Buffer;
  #dummyHash: Promise<string> | null = null;
  /** The user row the session lookup already loaded, so GET /api/me needs no second query. */
  readonly #loadedUsers = new WeakMap<Viewer, UserRow>();

  constructor(ctx: AppContext, store: AccountsStore) {
    this.#ctx = ctx;
    this.#store = store;
    // Throttle buckets are keyed by HMACs so the table never stores an email or an IP address.
    this.#throttleKey = createHmac('sha256', ctx.masterKey).update('coterie/throttle-keys').digest();
  }

  get sessionMaxAgeSeconds(): number {
    return this.#ctx.config.sessionDays * 86400;
  }

  toProfile(user: UserRow): PrivateProfile {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      realName: user.realName,
      location: user.location,
      bio: user.bio,
      avatarUrl: user.avatarUrl,
      links: user.links,
      birthday: user.birthday,
      isAdmin: this.#ctx.config.adminEmails.includes(user.email),
      createdAt: user.createdAt.toISOString(),
    };
  }

  async register(
    input: { email: string; password: string; displayName: string },
    meta: ClientMeta,
  ): Promise<{ profile: PrivateProfile; token: string }> {
    const now = this.#ctx.clock();
    const email = normalizeEmail(input.email);
    assertEmail(email);
    const displayName = cleanDisplayName(input.displayName);
    const verdict = checkPassword(input.password, { email, displayName });
    if (!verdict.ok)
      throw badRequest('weak_password', verdict.message, [{ field: 'password', message: verdict.message }]);
    const ipKey = this.#bucketKey('register:ip', meta.ip);
    await this.#assertNotBlocked([ipKey], now, 'Too many new accounts from this network. Try again later.');
    const user = await this.#store.insertUser({
      id: newId('usr'),
      email,
      displayName,
      passwordHash: await hash(input.password, ARGON2),
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
    });
    if (!user) throw conflict('email_taken', 'An account with this email already exists. Log in instead?');
    await this.#store.hitBucket(ipKey, now, this.#registrationLimit());
    const token = await this.#startSession(user.id, meta, now);
    return { profile: this.toProfile(user), token };
  }

  async login(
    input: { email: string; password: string },
    meta: ClientMeta,
  ): Promise<{ profile: PrivateProfile; token: string }> {
    const now = this.#ctx.clock();
    const email = normalizeEmail(input.email);
    const accountKey = this.#bucketKey('login:account', email);
    const ipKey = this.#bucketKey('login:ip', meta.ip);
    await this.#assertNotBlocked(
      [accountKey, ipKey],
      now,
      'Too many failed login attempts. Wait a little before trying again.',
    );
    const user = await this.#store.findUserByEmail(email);
    // Verify against a dummy hash for unknown emails so timing does not reveal who has an account.
    const ok = user
      ? await verify(user.passwordHash, input.password)
      : (await verify(await this.#getDummyHash(), input.password), false);
    if (!user || !ok) {
      const limit = this.#loginLimit();
      await this.#store.hitBucket(accountKey, now, {
        ...limit,
        max: this.#ctx.config.throttle.loginFailuresPerAccount,
      });
      await this.#store.hitBucket(ipKey, now, {
        ...limit,
        max: this.#ctx.config.throttle.loginFailuresPerIp,
      });
      throw new DomainError(401, 'invalid_credentials', 'That email and password do not match an account.');
    }
    await this.#store.clearBucket(accountKey);
    if (meta.previousToken) await this.#store.deleteSessionByTokenHash(tokenHash(meta.previousToken));
    const token = await this.#startSession(user.id, meta, now);
    return { profile: this.toProfile(user), token };
  }

  async logout(token: string | undefined, everywhere: boolean): Promise<void> {
    if (!token) return;
    const found = await this.#store.findLiveSession(tokenHash(token), this.#ctx.clock());
    if (!found) return;
    if (everywhere) await this.#store.deleteUserSessions(found.session.userId);
    else await this.#store.deleteSessionByTokenHash(tokenHash(token));
  }

  async resolveViewer(token: string | undefined): Promise<Viewer | null> {
    if (!token || token.length > 100) return null;
    const now = this.#ctx.clock();
    const found = await this.#store.findLiveSession(tokenHash(token), now);
    if (!found) return null;
    const { session } = found;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.#store.touchSession(
        session.id,
        now,
        new Date(now.getTime() + this.sessionMaxAgeSeconds * 1000),
      );
    }
    const viewer: Viewer = {
      userId: session.userId,
      sessionId: session.id,
      email: found.user.email,
      isAdmin: this.#ctx.config.adminEmails.includes(found.user.email),
    };
    this.#loadedUsers.set(viewer, found.user);
    return viewer;
  }

  async getProfile(viewer: Viewer): Promise<PrivateProfile> {
    return this.toProfile(this.#loadedUsers.get(viewer) ?? (await this.#user(viewer.userId)));
  }

  async updateProfile(viewer: Viewer, update: ProfileUpdate): Promise<PrivateProfile> {
    const now = this.#ctx.clock();
    const user = await this.#user(viewer.userId);
    const patch: ProfilePatch = {};
    if (update.email !== undefined) {
      const email = normalizeEmail(update.email);
      assertEmail(email);
      if (email !== user.email) {
        await this.#requirePassword(
          user,
          update.currentPassword,
          'Enter your current password to change your email.',
        );
        patch.email = email;
      }
    }
    if (update.displayName !== undefined) patch.displayName = cleanDisplayName(update.displayName);
    const realName = cleanText(update.realName, 'realName', 120);
    if (realName !== undefined) patch.realName = realName;
    const location = cleanText(update.location, 'location', 120);
    if (location !== undefined) patch.location = location;
    const bio = cleanText(update.bio, 'bio', 2000);
    if (bio !== undefined) patch.bio = bio;
    if (update.avatarUrl !== undefined) {
      patch.avatarUrl =
        update.avatarUrl === null || update.avatarUrl.trim() === ''
          ? null
          : cleanWebUrl(update.avatarUrl, 'avatarUrl');
    }
    if (update.links !== undefined) {
      patch.links = update.links.map((link, i) => ({
        label:
          cleanText(link.label, `links.${i}.label`, 40) ??
          new URL(cleanWebUrl(link.url, `links.${i}.url`)).hostname,
        url: cleanWebUrl(link.url, `links.${i}.url`),
      }));
    }
    const birthday = cleanBirthday(update.birthday, now);
    if (birthday !== undefined) patch.birthday = birthday;
    const updated = await this.#store.updateUser(user.id, patch, now);
    if (updated === 'email_taken') throw conflict('email_taken', 'Another account already uses that email.');
    if (!updated) throw unauthorized();
    return this.toProfile(updated);
  }

  /** Changes the password and ends every other session, which may belong to whoever knew the old one. */
  async changePassword(viewer: Viewer, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.#user(viewer.userId);
    await this.#requirePassword(user, currentPassword, 'Your current password is not correct.');
    const verdict = checkPassword(newPassword, { email: user.email, displayName: user.displayName });
    if (!verdict.ok)
      throw badRequest('weak_password', verdict.message, [
        { field: 'newPassword', message: verdict.message },
      ]);
    await this.#store.updateUser(
      user.id,
      { passwordHash: await hash(newPassword, ARGON2) },
      this.#ctx.clock(),
    );
    await this.#store.deleteUserSessions(user.id, viewer.sessionId);
  }

  async verifyPassword(userId: string, password: string | undefined): Promise<void> {
    await this.#requirePassword(await this.#user(userId), password, 'Your password is not correct.');
  }

  async listSessions(viewer: Viewer): Promise<SessionInfo[]> {
    const rows = await this.#store.listSessions(viewer.userId, this.#ctx.clock());
    return rows.map((row) => toSessionInfo(row, viewer.sessionId)).reverse();
  }

  async revokeSession(viewer: Viewer, sessionId: string): Promise<void> {
    if (!(await this.#store.deleteUserSession(viewer.userId, sessionId))) {
      throw notFound('You have no session with that id.');
    }
  }

  async exportData(userId: string): Promise<{ profile: PrivateProfile; sessions: SessionInfo[] }> {
    const user = await this.#user(userId);
    const rows = await this.#store.listSessions(userId, this.#ctx.clock());
    return { profile: this.toProfile(user), sessions: rows.map((row) => toSessionInfo(row, null)) };
  }

  async erase(userId: string): Promise<void> {
    // Sessions go with the row (ON DELETE CASCADE).
    await this.#store.deleteUser(userId);
  }

  async logoutAll(userId: string): Promise<void> {
    await this.#store.deleteUserSessions(userId);
  }

  async countUsers(): Promise<number> {
    return this.#store.countUsers();
  }

  async hasAccount(email: string): Promise<boolean> {
    return (await this.#store.findUserByEmail(normalizeEmail(email))) !== null;
  }

  async prune(): Promise<void> {
    const now = this.#ctx.clock();
    const longest = Math.max(this.#ctx.config.throttle.loginWindowSeconds, 3600) * 1000;
    await this.#store.prune(now, new Date(now.getTime() - longest));
  }

  async #user(userId: string): Promise<UserRow> {
    const user = await this.#store.findUserById(userId);
    if (!user) throw unauthorized();
    return user;
  }

  async #requirePassword(user: UserRow, password: string | undefined, message: string): Promise<void> {
    if (!password || !(await verify(user.passwordHash, password))) {
      throw new DomainError(403, 'wrong_password', message);
    }
  }

  async #startSession(userId: string, meta: ClientMeta, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.#store.insertSession({
      id: newId('ses'),
      tokenHash: tokenHash(token),
      userId,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.sessionMaxAgeSeconds * 1000),
    });
    return token;
  }

  async #assertNotBlocked(keys: string[], now: Date, message: string): Promise<void> {
    for (const key of keys) {
      const decision = checkBucket(await this.#store.readBucket(key), now);
      if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds, message);
    }
  }

  #bucketKey(kind: string, value: string): string {
    return `${kind}:${createHmac('sha256', this.#throttleKey).update(value).digest('base64url')}`;
  }

  #loginLimit(): Limit {
    const seconds = this.#ctx.config.throttle.loginWindowSeconds;
    return { max: 0, windowSeconds: seconds, blockSeconds: seconds };
  }

  #registrationLimit(): Limit {
    return {
      max: this.#ctx.config.throttle.registrationsPerIpPerHour,
      windowSeconds: 3600,
      blockSeconds: 3600,
    };
  }

  #getDummyHash(): Promise<string> {
    this.#dummyHash ??= hash(randomBytes(16).toString('hex'), ARGON2);
    return this.#dummyHash;
  }
}

function toSessionInfo(row: SessionRow, currentId: string | null): SessionInfo {
  return {
    id: row.id,
    current: row.id === currentId,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
