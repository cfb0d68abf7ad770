/**
 * `npm run bench rules`: classify 1,048,576 rows (Excel's row limit) with the rules module.
 * Target (issue 2, raised by issue 13): at least 20 million rows per second on this 2-core machine.
 *
 * @bundle: runs as an esbuild bundle (scripts/bench.js), the form the command and the add-in run in.
 * Run through tsx, every call through an import pays a CommonJS export getter, which costs more
 * than the classification itself; the loop binds the rules functions locally so that it pays none
 * under either.
 */
import * as rules from '../src/rules';
import { dayFromIso, evaluate, BILLINGS, type Subscription } from '../src/rules';

const ROWS = 1_048_576;
const TARGET_ROWS_PER_SECOND = 20_000_000;
const asOf = dayFromIso('2025-03-01');

// A spread of due dates around the as-of day so every branch is taken.
// Inputs are what a reader hands over: due day, billing period and paid day per row; the
// timed loop computes each row's cancellation date and its status.
const due = new Int32Array(ROWS);
const billing = new Uint8Array(ROWS);
const paid = new Float64Array(ROWS);
for (let i = 0; i < ROWS; i++) {
  due[i] = asOf - 60 + ((i * 7919) % 120);
  billing[i] = i % 3;
  paid[i] = i % 5 === 0 ? due[i] + ((i * 31) % 50) : NaN;
}

function classifyAll(out: Uint8Array): void {
  const { cancellationDay, coreRuleIndex, BILLINGS: billings } = rules;
  for (let i = 0; i < ROWS; i++) out[i] = coreRuleIndex(due[i], cancellationDay(due[i], billings[billing[i]]), paid[i], asOf, 14);
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

const out = new Uint8Array(ROWS);
for (let warm = 0; warm < 3; warm++) classifyAll(out);
const runs: number[] = [];
for (let run = 0; run < 9; run++) {
  const start = process.hrtime.bigint();
  classifyAll(out);
  runs.push(Number(process.hrtime.bigint() - start) / 1e9);
}
const counts = new Array(7).fill(0);
for (const index of out) counts[index]++;
const rate = ROWS / median(runs);

// The full path (objects, deadlines, notes) for reference: what the CLI and pane pay per row.
const rows: Subscription[] = Array.from({ length: 100_000 }, (_, i) => ({
  terms: { kind: 'on-renewal', method: 'auto-renew' }, billing: BILLINGS[i % 3], renewalDay: due[i], payment: { kind: 'unpaid' }, publicSector: false,
}));
const fullStart = process.hrtime.bigint();
for (const row of rows) evaluate(row, { asOf });
const fullRate = rows.length / (Number(process.hrtime.bigint() - fullStart) / 1e9);

console.log(`classify ${ROWS.toLocaleString('en')} rows: median ${(median(runs) * 1000).toFixed(1)} ms, ${(rate / 1e6).toFixed(1)} M rows/s (target ≥ ${TARGET_ROWS_PER_SECOND / 1e6} M rows/s)`);
console.log(`  rules hit: ${counts.join(' / ')} (canceled-paid-late, canceled-unpaid, active-paid, suspended, expired, due-soon, active-not-due)`);
console.log(`full evaluate() with deadlines and notes: ${(fullRate / 1e6).toFixed(2)} M rows/s (reference, no target)`);
process.exit(rate >= TARGET_ROWS_PER_SECOND ? 0 : 1);
