/**
 * `npm run bench excel`: scans 1,000,000 subscription rows in the fake Excel and reports the time,
 * the `context.sync()` calls and the queued commands. Exits 1 when the syncs exceed the block
 * bound (3 + 2 × read blocks) or the conditional-format commands grow with the rows.
 *
 * Run alone: node --expose-gc --import tsx bench/excel.bench.ts [rows]
 */
import { scanSettings } from '../src/scan';
import { measureScan } from '../test/excel/helpers';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const small = await measureScan(10);
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const big = await measureScan(rows);
  globalThis.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  // One sync more than the blocks need: our name is hidden after the sync that adds it (office-js #3878).
  const bound = 3 + 2 * big.stats.readBlocks;
  // A second scan of unchanged data: it reads again but writes nothing.
  big.host.resetCounters();
  const again = performance.now();
  await big.source.scan(await big.source.locate(), { settings: scanSettings({ asOf: big.asOf }), writeDateColumns: true }, () => undefined, new AbortController().signal);
  const rescan = { milliseconds: performance.now() - again, counters: { ...big.host.counters }, stats: big.source.lastScan! };
  const report = [
    `excel scan of ${rows.toLocaleString('en')} rows (fake Excel, ${big.stats.dataRows.toLocaleString('en')} data rows, status + 3 date columns)`,
    `  time                 ${(big.milliseconds / 1000).toFixed(1)} s (${((big.milliseconds * 1000) / rows).toFixed(1)} µs per row)`,
    `  context.sync() calls ${big.counters.syncs} (bound 3 + 2 × ${big.stats.readBlocks} read blocks = ${bound}; ${big.stats.writeBlocks} write blocks)`,
    `  queued commands      ${big.counters.commands} (10 rows: ${small.counters.commands})`,
    `  conditional formats  ${big.counters.conditionalFormatCommands} commands (10 rows: ${small.counters.conditionalFormatCommands})`,
    `  largest request      ${(big.counters.maxRequestBytes / 1e6).toFixed(2)} MB, largest response ${(big.counters.maxResponseBytes / 1e6).toFixed(2)} MB (limit 5 MB)`,
    `  listed rows          ${big.outcome.results.length.toLocaleString('en')} (+ ${big.outcome.omitted.toLocaleString('en')} counted, not listed)`,
    `  heap growth          ${((heapAfter - heapBefore) / 1e6).toFixed(0)} MB (fake workbook included)`,
    `  locate               ${big.locateSyncs} syncs`,
    `  second scan          ${(rescan.milliseconds / 1000).toFixed(1)} s, ${rescan.counters.syncs} syncs incl. locate (${rescan.stats.writeBlocks} write blocks: nothing changed), ${rescan.counters.conditionalFormatCommands} conditional-format commands`,
  ];
  console.log(report.join('\n'));
  const failures: string[] = [];
  if (big.counters.syncs > bound) failures.push(`${big.counters.syncs} syncs exceed the bound ${bound}`);
  if (big.counters.conditionalFormatCommands !== small.counters.conditionalFormatCommands) failures.push('conditional-format commands grow with the rows');
  if (big.counters.maxRequestBytes > 5 * 1024 * 1024 || big.counters.maxResponseBytes > 5 * 1024 * 1024) failures.push('a payload went over 5 MB');
  if (failures.length > 0) {
    console.error(`FAIL: ${failures.join('; ')}`);
    process.exit(1);
  }
  console.log('  target met: syncs within the block bound, constant conditional-format commands');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
