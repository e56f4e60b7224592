// npm run recommend -- --interactions FILE --trust FILE --users FILE --k 10 --out FILE
// Integer ids in, `user<TAB>item<TAB>rank` out: exactly k rows per listed user, never a known item.
import { parseArgs } from 'node:util';
import { recommendFiles } from './discovery/pipeline.ts';

const { values } = parseArgs({
  options: {
    interactions: { type: 'string' },
    trust: { type: 'string' },
    users: { type: 'string' },
    k: { type: 'string', default: '10' },
    out: { type: 'string' },
  },
});

const k = Number(values.k);
if (!values.interactions || !values.trust || !values.users || !values.out || !Number.isInteger(k) || k < 1) {
  console.error(
    'usage: npm run recommend -- --interactions FILE --trust FILE --users FILE --k 10 --out FILE\n' +
      '  interactions: user<TAB>item<TAB>weight · trust: truster<TAB>trusted · users: one id per line',
  );
  process.exit(2);
}

const t = await recommendFiles({
  interactions: values.interactions,
  trust: values.trust,
  users: values.users,
  out: values.out,
  k,
});
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
console.error(
  `recommend: ${t.users} users, k=${k} · load ${s(t.loadMs)} · neighbours ${s(t.neighboursMs)} · ` +
    `rank ${s(t.rankMs)} (${(t.rankMs / Math.max(1, t.users)).toFixed(2)} ms/user) · write ${s(t.writeMs)} · total ${s(t.totalMs)}`,
);
