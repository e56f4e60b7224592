import { type ChangeFeed, type Db, ReadCache, uniqueViolation } from '@coterie/platform';
import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import { rateLimits, sessions, users } from './schema.ts';
import { type Bucket, type Limit, recordHit } from './throttle-policy.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;
export type ProfilePatch = Partial<
  Pick<
    UserRow,
    | 'email'
    | 'displayName'
    | 'realName'
    | 'location'
    | 'bio'
    | 'avatarUrl'
    | 'links'
    | 'birthday'
    | 'passwordHash'
  >
>;

export interface SessionWithUser {
  readonly session: SessionRow;
  readonly user: UserRow;
}

function prepareLiveSession(db: Db) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .limit(1)
    .prepare('accounts_live_session');
}

/** The only code that touches the accounts tables. */
export class AccountsStore {
  readonly #db: Db;
  #liveSession: ReturnType<typeof prepareLiveSession> | undefined;
  readonly #sessions: ReadCache<SessionWithUser | null>;
  constructor(db: Db, changes: ChangeFeed) {
    this.#db = db;
    this.#sessions = new ReadCache(changes, { max: 20_000, ttlMs: 5 * 60_000 });
  }

  /** Inserts a user, or returns null when the email is taken (whatever the race). */
  async insertUser(user: NewUser): Promise<UserRow | null> {
    try {
      const [row] = await this.#db.insert(users).values(user).returning();
      return row ?? null;
    } catch (error) {
      if (uniqueViolation(error) !== null) return null;
      throw error;
    }
  }

  async findUserByEmail(email: string): Promise<UserRow | null> {
    const [row] = await this.#db.select().from(users).where(eq(users.email, email)).limit(1);
    return row ?? null;
  }

  async findUserById(id: string): Promise<UserRow | null> {
    const [row] = await this.#db.select().from(users).where(eq(users.id, id)).limit(1);
    return row ?? null;
  }

  /** Returns the updated row, null if the user is gone, or 'email_taken'. */
  async updateUser(id: string, patch: ProfilePatch, now: Date): Promise<UserRow | null | 'email_taken'> {
    const extra = patch.passwordHash === undefined ? {} : { passwordChangedAt: now };
    try {
      const [row] = await this.#db
        .update(users)
        .set({ ...patch, ...extra, updatedAt: now })
        .where(eq(users.id, id))
        .returning();
      return row ?? null;
    } catch (error) {
      if (uniqueViolation(error) !== null) return 'email_taken';
      throw error;
    }
  }

  async deleteUser(id: string): Promise<void> {
    await this.#db.delete(users).where(eq(users.id, id));
  }

  async countUsers(): Promise<number> {
    const [row] = await this.#db.select({ n: sql<number>`count(*)::int` }).from(users);
    return row?.n ?? 0;
  }

  async insertSession(session: typeof sessions.$inferInsert): Promise<SessionRow> {
    const [row] = await this.#db.insert(sessions).values(session).returning();
    if (!row) throw new Error('session insert returned nothing');
    return row;
  }

  /**
   * The hot path of every authenticated request: one prepared query for session and user, kept
   * until the account or any of its sessions changes (a logout, a touch, a profile edit).
   */
  async findLiveSession(tokenHash: string, now: Date): Promise<SessionWithUser | null> {
    const found = await this.#sessions.get(
      tokenHash,
      async () => {
        this.#liveSession ??= prepareLiveSession(this.#db);
        const [row] = await this.#liveSession.execute({ tokenHash, now: now.toISOString() });
        return row ?? null;
      },
      (row) => (row ? [`u:${row.user.id}`] : []),
    );
    return found && found.session.expiresAt.getTime() > now.getTime() ? found : null;
  }

  async touchSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.#db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
  }

  async listSessions(userId: string, now: Date): Promise<SessionRow[]> {
    return this.#db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
      .orderBy(sessions.lastSeenAt);
  }

  async deleteSessionByTokenHash(tokenHash: string): Promise<void> {
    await this.#db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  }

  /** Returns whether a session of that user was deleted. */
  async deleteUserSession(userId: string, sessionId: string): Promise<boolean> {
    const rows = await this.#db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
      .returning({ id: sessions.id });
    return rows.length > 0;
  }

  async deleteUserSessions(userId: string, exceptSessionId?: string): Promise<void> {
    const condition =
      exceptSessionId === undefined
        ? eq(sessions.userId, userId)
        : and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId));
    await this.#db.delete(sessions).where(condition);
  }

  async readBucket(key: string): Promise<Bucket | null> {
    const [row] = await this.#db.select().from(rateLimits).where(eq(rateLimits.key, key)).limit(1);
    return row ?? null;
  }

  /** Counts one hit atomically across processes (row lock) and returns the new bucket. */
  async hitBucket(key: string, now: Date, limit: Limit): Promise<Bucket> {
    return this.#db.transaction(async (tx) => {
      await tx
        .insert(rateLimits)
        .values({ key, count: 0, windowStartedAt: now, blockedUntil: null })
        .onConflictDoNothing();
      const [current] = await tx.select().from(rateLimits).where(eq(rateLimits.key, key)).for('update');
      const next = recordHit(current && current.count > 0 ? current : null, now, limit);
      await tx.update(rateLimits).set(next).where(eq(rateLimits.key, key));
      return next;
    });
  }

  async clearBucket(key: string): Promise<void> {
    await this.#db.delete(rateLimits).where(eq(rateLimits.key, key));
  }

  /** Housekeeping: expired sessions and throttle buckets whose window and block are over. */
  async prune(now: Date, oldestWindowStart: Date): Promise<void> {
    await this.#db.delete(sessions).where(lt(sessions.expiresAt, now));
    await this.#db
      .delete(rateLimits)
      .where(
        and(
          lt(rateLimits.windowStartedAt, oldestWindowStart),
          sql`(${rateLimits.blockedUntil} is null or ${rateLimits.blockedUntil} < ${now})`,
        ),
      );
  }
}
