import { hash as digest, randomBytes } from 'node:crypto';
import {
  type AppContext,
  badRequest,
  conflict,
  DomainError,
  newId,
  notFound,
  unauthorized,
  type Viewer,
} from '@coterie/platform';
import { hash, verify } from '@node-rs/argon2';
import { checkPassword } from './password-policy.ts';
import { assertEmail, cleanDisplayName, cleanProfileFields, normalizeEmail } from './profile-rules.ts';
import type { AccountsStore, ProfilePatch, SessionWithUser, UserRow } from './store.ts';
import { Throttle } from './throttle.ts';
import type { Limit } from './throttle-policy.ts';
import {
  type ClientMeta,
  type PrivateProfile,
  type ProfileUpdate,
  type SessionInfo,
  toSessionInfo,
} from './types.ts';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
// Sliding sessions: refreshing last-seen at most this often keeps authenticated reads write-free.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

// One-shot hashing: no Hash object per authenticated request.
const tokenHash = (token: string): string => digest('sha256', token, 'hex');

export class AccountsService {
  readonly #ctx: AppContext;
  readonly #store: AccountsStore;
  readonly #throttle: Throttle;
  #dummyHash: Promise<string> | null = null;
  readonly #profileListeners: ((userId: string) => Promise<void>)[] = [];
  /** The user row the session lookup already loaded, so GET /api/me needs no second query. */
  readonly #loadedUsers = new WeakMap<Viewer, UserRow>();
  /** A kept session's user row is shared until it changes, and so is its profile (see `getProfile`). */
  readonly #profiles = new WeakMap<UserRow, PrivateProfile>();
  /** One viewer per kept session row, so an authenticated read allocates and registers nothing. */
  readonly #viewers = new WeakMap<SessionWithUser, Viewer>();

  constructor(ctx: AppContext, store: AccountsStore) {
    this.#ctx = ctx;
    this.#store = store;
    this.#throttle = new Throttle(store, ctx.masterKey);
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
    const ipKey = this.#throttle.key('register:ip', meta.ip);
    await this.#throttle.assertAllowed(
      [ipKey],
      now,
      'Too many new accounts from this network. Try again later.',
    );
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
    await this.#throttle.hit(ipKey, now, this.#registrationLimit());
    const token = await this.#startSession(user.id, meta, now);
    return { profile: this.toProfile(user), token };
  }

  async login(
    input: { email: string; password: string },
    meta: ClientMeta,
  ): Promise<{ profile: PrivateProfile; token: string }> {
    const now = this.#ctx.clock();
    const email = normalizeEmail(input.email);
    const accountKey = this.#throttle.key('login:account', email);
    const ipKey = this.#throttle.key('login:ip', meta.ip);
    await this.#throttle.assertAllowed(
      [accountKey, ipKey],
      now,
      'Too many failed login attempts. Wait a little before trying again.',
    );
    const user = await this.#store.findUserByEmail(email);
    // Verify against a dummy hash for unknown emails so timing does not reveal who has an account.
    let ok = false;
    if (user) ok = await verify(user.passwordHash, input.password);
    else await verify(await this.#getDummyHash(), input.password);
    if (!user || !ok) {
      const limit = this.#loginLimit();
      await this.#throttle.hit(accountKey, now, {
        ...limit,
        max: this.#ctx.config.throttle.loginFailuresPerAccount,
      });
      await this.#throttle.hit(ipKey, now, {
        ...limit,
        max: this.#ctx.config.throttle.loginFailuresPerIp,
      });
      throw new DomainError(401, 'invalid_credentials', 'That email and password do not match an account.');
    }
    await this.#throttle.clear(accountKey);
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
    let viewer = this.#viewers.get(found);
    if (!viewer) {
      viewer = Object.freeze({
        userId: session.userId,
        sessionId: session.id,
        email: found.user.email,
        isAdmin: this.#ctx.config.adminEmails.includes(found.user.email),
      });
      this.#loadedUsers.set(viewer, found.user);
      this.#viewers.set(found, viewer);
    }
    return viewer;
  }

  /** Called after every profile change (communities re-seal their copies of the shared fields). */
  onProfileChanged(listener: (userId: string) => Promise<void>): void {
    this.#profileListeners.push(listener);
  }

  async profileOf(userId: string): Promise<PrivateProfile> {
    return this.toProfile(await this.#user(userId));
  }

  /**
   * The same object for as long as the session cache keeps the same row, so the route serializes
   * it once; a profile edit or a session change brings a new row, and with it a new profile.
   */
  async getProfile(viewer: Viewer): Promise<PrivateProfile> {
    const loaded = this.#loadedUsers.get(viewer);
    if (!loaded) return this.toProfile(await this.#user(viewer.userId));
    let profile = this.#profiles.get(loaded);
    if (!profile) {
      profile = Object.freeze(this.toProfile(loaded));
      this.#profiles.set(loaded, profile);
    }
    return profile;
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
    Object.assign(patch, cleanProfileFields(update, now));
    const updated = await this.#store.updateUser(user.id, patch, now);
    if (updated === 'email_taken') throw conflict('email_taken', 'Another account already uses that email.');
    if (!updated) throw unauthorized();
    for (const listener of this.#profileListeners) await listener(updated.id);
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
