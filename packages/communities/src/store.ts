import { type ChangeFeed, type Db, ReadCache, uniqueViolation } from '@coterie/platform';
import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { auditLog, bans, communities, communityKeys, invites, memberships } from './schema.ts';

export type CommunityRow = typeof communities.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type InviteRow = typeof invites.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Why a join was refused; thrown inside the transaction so nothing of it stays. */
export class JoinRefused extends Error {
  readonly reason: 'banned' | 'invite_invalid' | 'community_full' | 'handle_taken' | 'already_member';
  constructor(reason: JoinRefused['reason']) {
    super(reason);
    this.reason = reason;
  }
}

// A slug that names no community is not kept: creating one notices its id, not the slug.
const communityScope = (row: CommunityRow | null): string[] => (row ? [`c:${row.id}`] : []);

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The only code that touches the communities tables. */
export class CommunitiesStore {
  readonly #db: Db;
  readonly #communities: ReadCache<CommunityRow | null>;
  readonly #memberships: ReadCache<MembershipRow | null>;
  constructor(db: Db, changes: ChangeFeed) {
    this.#db = db;
    // Read on every community request; kept until the database notices a change in the community.
    this.#communities = new ReadCache(changes, { max: 5_000, ttlMs: 5 * 60_000 });
    this.#memberships = new ReadCache(changes, { max: 50_000, ttlMs: 5 * 60_000 });
  }

  /** Creates the community, its wrapped key and the owner's membership together, or nothing. */
  async create(
    community: typeof communities.$inferInsert,
    wrappedKey: Buffer,
    owner: typeof memberships.$inferInsert,
  ): Promise<{ community: CommunityRow; owner: MembershipRow } | 'slug_taken'> {
    try {
      return await this.#db.transaction(async (tx) => {
        const [row] = await tx
          .insert(communities)
          .values({ ...community, memberCount: 1 })
          .returning();
        await tx.insert(communityKeys).values({ communityId: community.id, wrappedKey });
        const [ownerRow] = await tx.insert(memberships).values(owner).returning();
        return { community: row!, owner: ownerRow! };
      });
    } catch (error) {
      if (uniqueViolation(error) === 'communities_slug_key') return 'slug_taken';
      throw error;
    }
  }

  async findBySlug(slug: string): Promise<CommunityRow | null> {
    return this.#communities.get(
      `slug:${slug}`,
      async () => {
        const [row] = await this.#db.select().from(communities).where(eq(communities.slug, slug)).limit(1);
        return row ?? null;
      },
      communityScope,
    );
  }

  async findById(id: string): Promise<CommunityRow | null> {
    return this.#communities.get(
      `id:${id}`,
      async () => {
        const [row] = await this.#db.select().from(communities).where(eq(communities.id, id)).limit(1);
        return row ?? null;
      },
      communityScope,
    );
  }

  async listPublic(
    q: string | undefined,
    cursor: string | undefined,
    limit: number,
  ): Promise<CommunityRow[]> {
    const conditions = [eq(communities.visibility, 'public')];
    if (cursor) conditions.push(lt(communities.id, cursor));
    if (q) {
      const pattern = `%${escapeLike(q)}%`;
      conditions.push(or(ilike(communities.name, pattern), ilike(communities.tagline, pattern))!);
    }
    return this.#db
      .select()
      .from(communities)
      .where(and(...conditions))
      .orderBy(desc(communities.id))
      .limit(limit);
  }

  async listOfUser(userId: string): Promise<{ community: CommunityRow; membership: MembershipRow }[]> {
    return this.#db
      .select({ community: communities, membership: memberships })
      .from(memberships)
      .innerJoin(communities, eq(communities.id, memberships.communityId))
      .where(eq(memberships.userId, userId))
      .orderBy(desc(memberships.joinedAt));
  }

  async update(
    id: string,
    patch: Partial<typeof communities.$inferInsert>,
  ): Promise<CommunityRow | 'cap_below_members'> {
    return this.#db.transaction(async (tx) => {
      const [current] = await tx.select().from(communities).where(eq(communities.id, id)).for('update');
      if (patch.memberCap != null && current && patch.memberCap < current.memberCount)
        return 'cap_below_members';
      const [row] = await tx.update(communities).set(patch).where(eq(communities.id, id)).returning();
      return row!;
    });
  }

  /** Deleting the community deletes its key row first: what it held is unreadable from then on. */
  async delete(id: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.delete(communityKeys).where(eq(communityKeys.communityId, id));
      await tx.delete(communities).where(eq(communities.id, id));
    });
  }

  async wrappedKey(communityId: string): Promise<Buffer | null> {
    const [row] = await this.#db
      .select()
      .from(communityKeys)
      .where(eq(communityKeys.communityId, communityId));
    return row?.wrappedKey ?? null;
  }

  async membershipOf(communityId: string, userId: string): Promise<MembershipRow | null> {
    // "Not a member" is kept too: a join is a change in the community, and drops it.
    return this.#memberships.get(
      `${communityId} ${userId}`,
      async () => {
        const [row] = await this.#db
          .select()
          .from(memberships)
          .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId)))
          .limit(1);
        return row ?? null;
      },
      () => [`c:${communityId}`],
    );
  }

  async membershipById(communityId: string, id: string): Promise<MembershipRow | null> {
    const [row] = await this.#db
      .select()
      .from(memberships)
      .where(and(eq(memberships.communityId, communityId), eq(memberships.id, id)))
      .limit(1);
    return row ?? null;
  }

  async membershipsOfUser(userId: string): Promise<MembershipRow[]> {
    return this.#db.select().from(memberships).where(eq(memberships.userId, userId));
  }

  async listMembers(
    communityId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<MembershipRow[]> {
    const conditions = [eq(memberships.communityId, communityId)];
    if (cursor) conditions.push(gt(memberships.id, cursor));
    return this.#db
      .select()
      .from(memberships)
      .where(and(...conditions))
      .orderBy(asc(memberships.id))
      .limit(limit);
  }

  async moderatorsByTenure(communityId: string): Promise<MembershipRow[]> {
    return this.#db
      .select()
      .from(memberships)
      .where(and(eq(memberships.communityId, communityId), eq(memberships.role, 'moderator')))
      .orderBy(asc(memberships.joinedAt));
  }

  /**
   * Joins atomically: ban check, invite redemption, the member cap (a conditional increment
   * under the row lock, so concurrent joins can never exceed it) and the insert commit together.
   */
  async join(
    membership: typeof memberships.$inferInsert,
    options: { inviteCode: string | null; now: Date },
  ): Promise<MembershipRow> {
    try {
      return await this.#db.transaction(async (tx) => {
        const communityId = membership.communityId;
        const [banned] = await tx
          .select({ userId: bans.userId })
          .from(bans)
          .where(and(eq(bans.communityId, communityId), eq(bans.userId, membership.userId)));
        if (banned) throw new JoinRefused('banned');
        if (options.inviteCode !== null) await redeemInvite(tx, communityId, options.inviteCode, options.now);
        const counted = await tx
          .update(communities)
          .set({ memberCount: sql`${communities.memberCount} + 1` })
          .where(
            and(
              eq(communities.id, communityId),
              or(isNull(communities.memberCap), lt(communities.memberCount, communities.memberCap)),
            ),
          )
          .returning({ id: communities.id });
        if (counted.length === 0) throw new JoinRefused('community_full');
        const [row] = await tx.insert(memberships).values(membership).returning();
        return row!;
      });
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'memberships_community_handle_key') throw new JoinRefused('handle_taken');
      if (constraint === 'memberships_community_user_key') throw new JoinRefused('already_member');
      throw error;
    }
  }

  async updateMembership(
    id: string,
    patch: Partial<typeof memberships.$inferInsert>,
  ): Promise<MembershipRow | 'handle_taken'> {
    try {
      const [row] = await this.#db.update(memberships).set(patch).where(eq(memberships.id, id)).returning();
      return row!;
    } catch (error) {
      if (uniqueViolation(error) === 'memberships_community_handle_key') return 'handle_taken';
      throw error;
    }
  }

  /** Removes a membership (leave, removal, ban) and its encrypted copy, keeping the count true. */
  async removeMembership(membership: MembershipRow, ban: { reason: string | null } | null): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.delete(memberships).where(eq(memberships.id, membership.id));
      await tx
        .update(communities)
        .set({ memberCount: sql`${communities.memberCount} - 1` })
        .where(eq(communities.id, membership.communityId));
      if (ban) {
        await tx
          .insert(bans)
          .values({
            communityId: membership.communityId,
            userId: membership.userId,
            handle: membership.handle,
            reason: ban.reason,
          })
          .onConflictDoNothing();
      }
    });
  }

  async transferOwnership(owner: MembershipRow, target: MembershipRow): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.update(memberships).set({ role: 'moderator' }).where(eq(memberships.id, owner.id));
      await tx.update(memberships).set({ role: 'owner' }).where(eq(memberships.id, target.id));
    });
  }

  async insertInvite(invite: typeof invites.$inferInsert): Promise<InviteRow> {
    const [row] = await this.#db.insert(invites).values(invite).returning();
    return row!;
  }

  async listInvites(communityId: string, now: Date): Promise<InviteRow[]> {
    return this.#db
      .select()
      .from(invites)
      .where(and(eq(invites.communityId, communityId), isNull(invites.revokedAt), gt(invites.expiresAt, now)))
      .orderBy(desc(invites.createdAt));
  }

  async isInviteValid(communityId: string, code: string, now: Date): Promise<boolean> {
    const [row] = await this.#db
      .select()
      .from(invites)
      .where(validInvite(communityId, code, now));
    return row !== undefined;
  }

  async revokeInvite(communityId: string, code: string, now: Date): Promise<boolean> {
    const rows = await this.#db
      .update(invites)
      .set({ revokedAt: now })
      .where(and(eq(invites.communityId, communityId), eq(invites.code, code), isNull(invites.revokedAt)))
      .returning({ code: invites.code });
    return rows.length > 0;
  }

  async audit(entry: typeof auditLog.$inferInsert): Promise<void> {
    await this.#db.insert(auditLog).values(entry);
  }

  async listAudit(communityId: string, cursor: string | undefined, limit: number): Promise<AuditRow[]> {
    const conditions = [eq(auditLog.communityId, communityId)];
    if (cursor) conditions.push(lt(auditLog.id, cursor));
    return this.#db
      .select()
      .from(auditLog)
      .where(and(...conditions))
      .orderBy(desc(auditLog.id))
      .limit(limit);
  }

  /** On erasure the audit trail keeps what happened but no longer says who. */
  async anonymiseAudit(membershipIds: string[]): Promise<void> {
    if (membershipIds.length === 0) return;
    await this.#db
      .update(auditLog)
      .set({ actorHandle: null })
      .where(inArray(auditLog.actorId, membershipIds));
    await this.#db
      .update(auditLog)
      .set({ targetHandle: null })
      .where(inArray(auditLog.targetId, membershipIds));
  }
}

function validInvite(communityId: string, code: string, now: Date) {
  return and(
    eq(invites.communityId, communityId),
    eq(invites.code, code),
    isNull(invites.revokedAt),
    gt(invites.expiresAt, now),
    or(isNull(invites.maxUses), lt(invites.uses, invites.maxUses)),
  );
}

async function redeemInvite(tx: Tx, communityId: string, code: string, now: Date): Promise<void> {
  const used = await tx
    .update(invites)
    .set({ uses: sql`${invites.uses} + 1` })
    .where(validInvite(communityId, code, now))
    .returning({ code: invites.code });
  if (used.length === 0) throw new JoinRefused('invite_invalid');
}
