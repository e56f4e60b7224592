import type { CommunityService } from '@coterie/communities';
import {
  type AppContext,
  assertCurrency,
  badRequest,
  forbidden,
  newId,
  type Viewer,
} from '@coterie/platform';
import { LedgerRuleError, payout } from './ledger/index.ts';
import type { BillingStore } from './store.ts';

export interface EarningsPeriod {
  month: string;
  currency: string;
  grossMinor: number;
  artistShareMinor: number;
  platformShareMinor: number;
  refundsMinor: number;
  netPayableMinor: number;
  paidOutMinor: number;
  activeSubscribers: number;
}

export interface Earnings {
  /** The share this instance gives artists now; each payment keeps the share it was taken with. */
  artistShareBps: number;
  periods: EarningsPeriod[];
  /** What the community is owed now, per currency, after payouts. */
  balances: { currency: string; owedMinor: number }[];
}

const CSV_COLUMNS = [
  'month',
  'currency',
  'grossMinor',
  'artistShareMinor',
  'platformShareMinor',
  'refundsMinor',
  'netPayableMinor',
  'paidOutMinor',
  'activeSubscribers',
] as const;

/** The owner's statement, read from the ledger alone, and the operator's payouts. */
export class EarningsService {
  readonly #ctx: AppContext;
  readonly #store: BillingStore;
  readonly #communities: CommunityService;

  constructor(ctx: AppContext, store: BillingStore, communities: CommunityService) {
    this.#ctx = ctx;
    this.#store = store;
    this.#communities = communities;
  }

  async earnings(viewer: Viewer, slug: string): Promise<Earnings> {
    const { community } = await this.#communities.requireRole(slug, viewer, ['owner'], 'see earnings');
    return this.#statementOf(community.id);
  }

  async csv(viewer: Viewer, slug: string): Promise<string> {
    const { periods } = await this.earnings(viewer, slug);
    const lines = [CSV_COLUMNS.join(',')];
    for (const p of periods) lines.push(CSV_COLUMNS.map((c) => String(p[c])).join(','));
    return `${lines.join('\r\n')}\r\n`;
  }

  /** An instance admin records that the artist was paid (outside Coterie): the payable goes down by it. */
  async recordPayout(
    viewer: Viewer,
    slug: string,
    input: { currency: string; amountMinor: number; reference?: string },
  ): Promise<Earnings> {
    if (!viewer.isAdmin) throw forbidden('Only instance admins record payouts.');
    assertCurrency(input.currency);
    const { community } = await this.#communities.access(slug, viewer);
    await this.#store.inTransaction(async (s) => {
      const owed = await s.statements().payableBalance(community.id, input.currency);
      let tx: ReturnType<typeof payout>;
      try {
        tx = payout(community.id, input.currency, input.amountMinor, owed);
      } catch (error) {
        if (error instanceof LedgerRuleError)
          throw badRequest('invalid_payout', `${error.message} (${owed} owed).`);
        throw error;
      }
      await s.post(newId('ltx'), tx, {
        paymentId: null,
        sourceEvent: null,
        occurredAt: this.#ctx.clock(),
        memo: (input.reference ?? '').slice(0, 200),
      });
    });
    return this.#statementOf(community.id);
  }

  async #statementOf(communityId: string): Promise<Earnings> {
    const [rows, subscribers] = await Promise.all([
      this.#store.statements().statement(communityId),
      this.#store.statements().subscribersByMonth(communityId),
    ]);
    const count = new Map(subscribers.map((s) => [`${s.month} ${s.currency}`, s.n]));
    const periods = rows.map((r) => ({
      ...r,
      activeSubscribers: count.get(`${r.month} ${r.currency}`) ?? 0,
    }));
    const owed = new Map<string, number>();
    for (const p of periods)
      owed.set(p.currency, (owed.get(p.currency) ?? 0) + p.netPayableMinor - p.paidOutMinor);
    return {
      artistShareBps: this.#ctx.config.billing.artistShareBps,
      periods,
      balances: [...owed.entries()].map(([currency, owedMinor]) => ({ currency, owedMinor })),
    };
  }
}
