// The discovery precomputation alone, in a process of its own so its peak memory is its own:
// `node bench/discovery-rebuild.ts` with DATABASE_URL and COTERIE_DATA_DIR set; prints one JSON line.
// The store is instrumented to split the time into reading signals, computing, and writing rows.
import { readFileSync } from 'node:fs';
import { TrackFactsCache } from '@coterie/discovery/neighbourhood';
import { NeighbourRebuilder } from '@coterie/discovery/rebuild';
import { DiscoveryStore } from '@coterie/discovery/store';
import { loadConfig } from '@coterie/platform';
import { createContext } from '../apps/server/src/context.ts';

/** Resident set now and its high-water mark so far, in bytes (Linux). */
function memory(): { rss: number; hwm: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

class TimedStore extends DiscoveryStore {
  readMs = 0;
  pages = 0;
  signalRows = 0;
  writeMs = 0;
  summaryMs = 0;

  override async refreshSignalSummaries(
    ...args: Parameters<DiscoveryStore['refreshSignalSummaries']>
  ): Promise<void> {
    const started = performance.now();
    await super.refreshSignalSummaries(...args);
    this.summaryMs += performance.now() - started;
  }

  override async signalPage(
    ...args: Parameters<DiscoveryStore['signalPage']>
  ): ReturnType<DiscoveryStore['signalPage']> {
    const started = performance.now();
    const page = await super.signalPage(...args);
    this.readMs += performance.now() - started;
    this.pages++;
    this.signalRows += page.length;
    return page;
  }

  override async replaceNeighbours(...args: Parameters<DiscoveryStore['replaceNeighbours']>): Promise<void> {
    const started = performance.now();
    await super.replaceNeighbours(...args);
    this.writeMs += performance.now() - started;
  }
}

const ctx = await createContext(loadConfig());
const store = new TimedStore(ctx.db);
const rebuilder = new NeighbourRebuilder(ctx, store, new TrackFactsCache(store));
globalThis.gc?.();
const before = memory();
const cpuBefore = process.cpuUsage();
const report = await rebuilder.rebuild();
const cpu = process.cpuUsage(cpuBefore);
const after = memory();
await ctx.database.close();
console.log(
  JSON.stringify({
    ...report,
    signalRows: store.signalRows,
    pages: store.pages,
    readMs: Math.round(store.readMs),
    writeMs: Math.round(store.writeMs),
    summaryMs: Math.round(store.summaryMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    rssBefore: before.rss,
    peakRss: after.hwm,
  }),
);
