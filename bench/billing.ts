// Money (issue 6) on PostgreSQL: ledger postings per second through the real store (one balanced
// capture of three lines per transaction), beside a bare `select 1` round trip measured in the same
// run; and the owner's earnings statement over 100 000 and 1 000 000 ledger lines (p50/p95 of 50
// reads), so the growth is visible. Needs DATABASE_URL (a scratch database is made and dropped).

import { capture } from '@coterie/billing/ledger/index';
import { BillingStore } from '@coterie/billing/store';
import { newId, openPostgres } from '@coterie/platform';
import { sql } from 'drizzle-orm';
import { ms, percentile, printTable } from './measure.ts';
import { createScratchDatabase } from './support.ts';

const POSTING_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const STATEMENT_READS = 50;

async function rate(concurrency: number, seconds: number, work: () => Promise<void>): Promise<number> {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await work();
        done++;
      }
    }),
  );
  return done / seconds;
}

/** `lines` ledger lines (captures of three lines each) over 24 months, two currencies, one community. */
async function fill(
  db: Awaited<ReturnType<typeof openPostgres>>,
  community: string,
  lines: number,
): Promise<void> {
  const txs = Math.ceil(lines / 3);
  await db.db.execute(sql`
    insert into ledger_transactions (id, community_id, kind, currency, occurred_at)
    select 'ltx_fill_' || ${community} || '_' || g, ${community}, 'capture', case when g % 5 = 0 then 'USD' else 'EUR' end,
           timestamptz '2025-01-01' + (g % 730) * interval '1 day' + (g % 86400) * interval '1 second'
    from generate_series(1, ${txs}) g`);
  await db.db.execute(sql`
    insert into ledger_postings (transaction_id, line, community_id, kind, currency, account, amount_minor, occurred_at)
    select t.id, l.line, t.community_id, 'capture', t.currency,
           case l.line when 0 then 'clearing:' || t.currency when 1 then 'payable:' || t.community_id || ':' || t.currency
                       else 'revenue:' || t.currency end,
           case l.line when 0 then 500 when 1 then -400 else -100 end, t.occurred_at
    from ledger_transactions t cross join (values (0), (1), (2)) l(line)
    where t.community_id = ${community}`);
  // What `post` keeps on write, built once here for the generated lines.
  await db.db.execute(sql`
    insert into ledger_months (community_id, month, currency, gross_minor, artist_share_minor,
                               platform_share_minor, net_payable_minor)
    select community_id, to_char(occurred_at at time zone 'UTC', 'YYYY-MM'), currency,
           sum(amount_minor) filter (where account like 'clearing:%'),
           -sum(amount_minor) filter (where account like 'payable:%'),
           -sum(amount_minor) filter (where account like 'revenue:%'),
           -sum(amount_minor) filter (where account like 'payable:%')
    from ledger_postings where community_id = ${community} group by 1, 2, 3`);
  await db.db.execute(sql`analyze ledger_postings`);
}

async function statementTimes(
  read: () => Promise<unknown[]>,
): Promise<{ p50: number; p95: number; months: number }> {
  const samples: number[] = [];
  let months = 0;
  for (let i = 0; i < STATEMENT_READS + 5; i++) {
    const started = performance.now();
    const rows = await read();
    if (i >= 5) samples.push(performance.now() - started);
    months = rows.length;
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), months };
}

export async function benchBilling(): Promise<boolean> {
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    console.log('\nbilling: needs DATABASE_URL (PostgreSQL); skipped.');
    return true;
  }
  const scratch = await createScratchDatabase(admin);
  const db = await openPostgres(scratch.url, 10);
  try {
    await db.migrate();
    const store = new BillingStore(db.db);
    const bare = await rate(10, POSTING_SECONDS, async () => {
      await db.db.execute(sql`select 1`);
    });
    const post = (community: string) => async () => {
      await store.inTransaction((s) =>
        s.post(
          newId('ltx'),
          capture({ communityId: community, currency: 'EUR', grossMinor: 500, artistShareBps: 8000 }),
          {
            paymentId: null,
            sourceEvent: null,
            occurredAt: new Date(),
          },
        ),
      );
    };
    const one = await rate(1, POSTING_SECONDS, post('com_bench_rate'));
    const ten = await rate(10, POSTING_SECONDS, post('com_bench_rate'));
    printTable(
      'Ledger postings: one balanced capture (1 transaction row + 3 posting lines) per database transaction',
      ['run', 'transactions/s', 'posting lines/s', 'vs bare select 1'],
      [
        ['bare `select 1`, 10 clients (yardstick)', bare.toFixed(0), '–', '1.0×'],
        ['captures, 1 client', one.toFixed(0), (one * 3).toFixed(0), `1/${Math.round(bare / one)}`],
        ['captures, 10 clients', ten.toFixed(0), (ten * 3).toFixed(0), `1/${Math.round(bare / ten)}`],
      ],
    );
    const rows: string[][] = [];
    for (const [label, lines] of [
      ['100 000 lines', 100_000],
      ['1 000 000 lines', 1_000_000],
    ] as const) {
      const community = `com_bench_${lines}`;
      const started = performance.now();
      await fill(db, community, lines);
      const filled = performance.now() - started;
      const kept = await statementTimes(() => store.statements().statement(community));
      const scan = await statementTimes(() => store.statements().statementFromPostings(community));
      rows.push([
        label,
        `${(filled / 1000).toFixed(1)} s`,
        String(kept.months),
        ms(kept.p50),
        ms(kept.p95),
        ms(scan.p50),
        ms(scan.p95),
      ]);
    }
    printTable(
      `GET /api/communities/:slug/earnings' statement query over one community's ledger (${STATEMENT_READS} reads)`,
      [
        'ledger lines of the community',
        'generated in',
        'month × currency rows',
        'kept p50 ms',
        'kept p95 ms',
        'scan p50 ms',
        'scan p95 ms',
      ],
      rows,
      'kept: the statement rows `post` updates in the same transaction (what earnings read); scan: the same figures recomputed from every posting (the test’s cross-check).',
    );
    return true;
  } finally {
    await db.close();
    await scratch.drop();
  }
}
