/**
 * `npm run bench -- reconcile`: match 100,000 generated invoices against 100,000 generated payments
 * (rules.md §9.2). Target (issue 12): the matching itself under 1 s on this 2-core machine.
 * Then, in a fresh process so that its memory is its own, the whole pipeline on cells as a file
 * reader hands them over (header search, reading every cell, matching, outcomes, English
 * explanations, summary): its time for reference, and its peak memory against issue 12's 500 MB
 * for the whole command (the command adds the file reading, which streams).
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { makeInvoice, matchPayments, type ReconcileInvoice, type ReconcilePayment, type CellValue } from '../src/rules';
import { reconcile, type SheetRow, reconcileSettings } from '../src/scan';

const INVOICES = 100_000;
const PAYMENTS = 100_000;
const TARGET_MATCH_SECONDS = 1;
const TARGET_PEAK_MB = 500;
const AS_OF = 20_419; // 2025-11-26
const CURRENCIES = ['DKK', 'EUR', 'USD'];

/** A deterministic pseudo-random sequence (mulberry32), so every run matches the same tables. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generated {
  invoiceFacts: Array<{ number: string; invoiceDay: number; due: number; cents: number; currency: string; po: string | null }>;
  payments: Array<{ day: number; cents: number; currency: string; text: string; autodesk: boolean; incoming: boolean }>;
}

/**
 * Invoices over a year, a fifth with a PO, amounts from 100.00 to 50,000.00 with popular prices
 * repeated (many invoices share an amount, as seats of one product do). Payments: 40 % name an
 * invoice (number or digit run, some two), 10 % a PO, 30 % pay by amount only, 10 % rent and
 * salaries, 5 % incoming, 5 % after the as-of date.
 */
function generate(): Generated {
  const next = random(20251126);
  const prices = Array.from({ length: 400 }, () => 10_000 + Math.floor(next() * 4_990_000));
  const invoiceFacts: Generated['invoiceFacts'] = [];
  for (let i = 0; i < INVOICES; i++) {
    const invoiceDay = AS_OF - 365 + Math.floor(next() * 380);
    const cents = next() < 0.3 ? prices[Math.floor(next() * prices.length)] : 10_000 + Math.floor(next() * 4_990_000);
    invoiceFacts.push({
      number: `INV-${String(1_000_000 + i).padStart(8, '0')}`,
      invoiceDay,
      due: invoiceDay + 30,
      cents,
      currency: CURRENCIES[i % 3],
      po: next() < 0.2 ? `PO-${4_500_000_000 + i}` : null,
    });
  }
  const payments: Generated['payments'] = [];
  for (let p = 0; p < PAYMENTS; p++) {
    const inv = invoiceFacts[Math.floor(next() * INVOICES)];
    const roll = next();
    const day = Math.min(inv.due - 20 + Math.floor(next() * 60), AS_OF);
    if (roll < 0.3) payments.push({ day, cents: inv.cents, currency: inv.currency, text: `Autodesk faktura ${inv.number.slice(4).replace(/^0+/, '')}`, autodesk: true, incoming: false });
    else if (roll < 0.35) payments.push({ day, cents: inv.cents, currency: inv.currency, text: `Betaling ${inv.number}`, autodesk: true, incoming: false });
    else if (roll < 0.4) {
      const other = invoiceFacts[Math.floor(next() * INVOICES)];
      payments.push({ day, cents: inv.cents + other.cents, currency: inv.currency, text: `Autodesk ${inv.number} ${other.number}`, autodesk: true, incoming: false });
    } else if (roll < 0.5) payments.push({ day, cents: inv.cents, currency: inv.currency, text: `Autodesk PO ${inv.po ?? 'PO-0000000000'}`, autodesk: true, incoming: false });
    else if (roll < 0.8) payments.push({ day, cents: inv.cents + (next() < 0.2 ? 1 : 0), currency: inv.currency, text: 'AUTODESK IRELAND OPERATIONS', autodesk: true, incoming: false });
    else if (roll < 0.9) payments.push({ day, cents: 10_000 + Math.floor(next() * 9_000_000), currency: 'DKK', text: next() < 0.5 ? 'Husleje' : 'Lønninger', autodesk: false, incoming: false });
    else if (roll < 0.95) payments.push({ day, cents: 10_000 + Math.floor(next() * 9_000_000), currency: 'DKK', text: 'Indbetaling kunde', autodesk: false, incoming: true });
    else payments.push({ day: AS_OF + 1 + Math.floor(next() * 20), cents: inv.cents, currency: inv.currency, text: `Autodesk ${inv.number}`, autodesk: true, incoming: false });
  }
  return { invoiceFacts, payments };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const mb = (bytes: number) => bytes / 1024 / 1024;

if (process.argv.includes('--pipeline')) {
  // The child: cells as a reader hands them over, then one reconcile() call.
  const generated = generate();
  const invoiceRows: SheetRow[] = [{ row: 1, values: ['Invoice number', 'Invoice date', 'Due date', 'Amount', 'Currency', 'PO number'] }];
  generated.invoiceFacts.forEach((f, i) => invoiceRows.push({ row: i + 2, values: [f.number, { day: f.invoiceDay }, { day: f.due }, f.cents / 100, f.currency, f.po] as CellValue[] }));
  const paymentRows: SheetRow[] = [{ row: 1, values: ['Dato', 'Tekst', 'Beløb', 'Valuta'] }];
  generated.payments.forEach((g, p) => paymentRows.push({ row: p + 2, values: [{ day: g.day }, g.text, (g.incoming ? g.cents : -g.cents) / 100, g.currency] as CellValue[] }));
  generated.invoiceFacts.length = 0;
  generated.payments.length = 0;
  (globalThis as { gc?: () => void }).gc?.();
  const cellsMb = mb(process.memoryUsage().heapUsed);
  const rssBeforeMb = process.memoryUsage().rss / 1048576;
  const peakBeforeMb = process.resourceUsage().maxRSS / 1024;
  const start = process.hrtime.bigint();
  const report = reconcile({ invoices: { rows: invoiceRows }, payments: { rows: paymentRows } }, reconcileSettings({ asOf: AS_OF }));
  const pipelineSeconds = seconds(start);
  (globalThis as { gc?: () => void }).gc?.();
  const retainedMb = mb(process.memoryUsage().heapUsed);
  console.log(JSON.stringify({ pipelineSeconds, cellsMb, rssBeforeMb, peakBeforeMb, retainedMb, peakMb: process.resourceUsage().maxRSS / 1024, results: report.invoices.length + report.payments.length }));
  process.exit(0);
}

const generated = generate();

// 1. The matching itself: invoices and payments already read, as the rules receive them.
const invoices: ReconcileInvoice[] = generated.invoiceFacts.map((f, i) => makeInvoice({ row: i + 2, number: f.number, invoiceDay: f.invoiceDay, due: f.due, amount: f.cents, currency: f.currency, po: f.po }));
const payments: ReconcilePayment[] = generated.payments.map((g, p) => ({
  row: p + 2, day: g.day, amount: g.cents, currency: g.currency, incoming: g.incoming, numberTexts: [g.text], poTexts: [], toAutodesk: g.autodesk,
}));
matchPayments(invoices, payments, { asOf: AS_OF, tolerance: 1 }); // warm-up
const runs: number[] = [];
const cpuRuns: number[] = [];
let last = matchPayments(invoices, payments, { asOf: AS_OF, tolerance: 1 });
for (let run = 0; run < 7; run++) {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  last = matchPayments(invoices, payments, { asOf: AS_OF, tolerance: 1 });
  runs.push(seconds(start));
  const used = process.cpuUsage(cpu);
  cpuRuns.push((used.user + used.system) / 1e6);
}
const counts: Record<string, number> = {};
for (const match of last.payments) counts[match.outcome] = (counts[match.outcome] ?? 0) + 1;
// The machine's 2 cores are shared with other engineers' jobs: wall time then includes waiting for
// a core. The process's CPU time does not (it does include V8's parallel GC helpers, so it is at
// least the wall time of an idle machine): the target is judged on it, and both are printed.
const matchSeconds = median(runs);
const matchCpuSeconds = median(cpuRuns);

// 2. The whole pipeline, in a child process of its own.
const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--pipeline'], { encoding: 'utf8', maxBuffer: 1 << 20 });
if (child.status !== 0) {
  console.error(child.stderr);
  process.exit(1);
}
const pipeline = JSON.parse(child.stdout.trim().split('\n').pop() as string) as { pipelineSeconds: number; cellsMb: number; retainedMb: number; peakMb: number; results: number };

const ms = (values: number[]) => values.map((r) => (r * 1000).toFixed(0)).join(', ');
console.log(`match ${INVOICES.toLocaleString('en')} invoices × ${PAYMENTS.toLocaleString('en')} payments: median ${(matchCpuSeconds * 1000).toFixed(0)} ms CPU of ${runs.length} runs (target < ${TARGET_MATCH_SECONDS * 1000} ms)`);
console.log(`  CPU ${ms(cpuRuns)} ms; wall ${ms(runs)} ms (median ${(matchSeconds * 1000).toFixed(0)} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
console.log(`  payments: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`whole pipeline on cells (read, match, outcomes, explanations, summary): ${(pipeline.pipelineSeconds * 1000).toFixed(0)} ms for ${pipeline.results.toLocaleString('en')} results (reference, no target)`);
console.log(`  heap: ${pipeline.cellsMb.toFixed(0)} MB of cells before the call, ${pipeline.retainedMb.toFixed(0)} MB with the report after it`);
console.log(`  peak resident memory of that process (cells, the pipeline, the report): ${pipeline.peakMb.toFixed(0)} MB (target < ${TARGET_PEAK_MB} MB)`);
process.exit(matchCpuSeconds < TARGET_MATCH_SECONDS && pipeline.peakMb < TARGET_PEAK_MB ? 0 : 1);
