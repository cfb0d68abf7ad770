/** Cancel and failure: whatever happens mid-scan, the workbook ends as it was. */
import { memorySettingsStore, type ExcelSourceOptions } from '../../src/excel';
import { ScanProblem } from '../../src/scan';
import { FIXTURE_COLUMNS, STATUS_CASES } from '../fixtures/cases';
import { OfficeError, type SyncInfo } from './fake-excel';
import { contentOf, fixtureBook, ignore, never, sourceFor, stateOf, request } from './helpers';

const options = request();
/** Tiny blocks, so that a 34-row table takes many reads and writes. */
const small: ExcelSourceOptions = { limits: { cells: 40, bytes: 1_000_000 } };
const writes = (sync: SyncInfo) => sync.commands.some((c) => c === 'set Range.values' || c === 'set Range.numberFormat');

describe('cancel', () => {
  test('cancel between read blocks: ScanProblem canceled, nothing written', async () => {
    const { host } = fixtureBook();
    const { source, store } = sourceFor(host, memorySettingsStore(), small);
    const target = await source.locate();
    const before = stateOf(host, store);
    const controller = new AbortController();
    let progressCalls = 0;
    const attempt = source.scan(target, options, () => {
      if (++progressCalls === 2) controller.abort();
    }, controller.signal);
    await expect(attempt).rejects.toMatchObject({ code: 'canceled' });
    expect(progressCalls).toBe(2);
    expect(stateOf(host, store)).toEqual(before);
  });

  test('cancel while writing: the blocks already written are put back', async () => {
    const { host } = fixtureBook();
    const { source, store } = sourceFor(host, memorySettingsStore(), small);
    const target = await source.locate();
    const before = stateOf(host, store);
    const controller = new AbortController();
    let written = 0;
    host.faults.push((sync) => {
      if (writes(sync) && ++written === 3) controller.abort();
      return null;
    });
    await expect(source.scan(target, options, ignore, controller.signal)).rejects.toMatchObject({ code: 'canceled' });
    expect(written).toBeGreaterThan(3); // the three blocks, then the blocks that put them back
    expect(stateOf(host, store)).toEqual(before);
  });

  test('an already canceled signal reads nothing', async () => {
    const { host } = fixtureBook();
    const { source } = sourceFor(host);
    const target = await source.locate();
    host.resetCounters();
    const controller = new AbortController();
    controller.abort();
    await expect(source.scan(target, options, ignore, controller.signal)).rejects.toBeInstanceOf(ScanProblem);
    expect(host.counters.syncs).toBe(0);
  });
});

describe('failure while writing', () => {
  test('a write block that fails: the earlier blocks are put back and the error surfaces', async () => {
    const { host } = fixtureBook();
    const { source, store } = sourceFor(host, memorySettingsStore(), small);
    const target = await source.locate();
    const before = stateOf(host, store);
    let written = 0;
    host.faults.push((sync) => (writes(sync) && ++written === 4 ? new OfficeError('GeneralException', 'network went away') : null));
    await expect(source.scan(target, options, ignore, never())).rejects.toMatchObject({ code: 'GeneralException' });
    expect(stateOf(host, store)).toEqual(before);
  });

  test('the last sync fails half-way (after the formats were added, at the name): formats and cells are put back', async () => {
    const { host } = fixtureBook();
    const { source, store } = sourceFor(host);
    const target = await source.locate();
    const before = stateOf(host, store);
    host.commandFaults.push((command) => (command === 'call NamedItemCollection.add' ? new OfficeError('GeneralException', 'no names today') : null));
    await expect(source.scan(target, options, ignore, never())).rejects.toThrow('no names today');
    expect(stateOf(host, store)).toEqual(before);
  });

  test('a name of the user\'s that looks like ours is never taken, nor removed', async () => {
    const { host, book, sheet } = fixtureBook();
    book.names.set('SubscriptionGuard_1', { name: 'SubscriptionGuard_1', sheet, rect: { row: 0, column: 20, rows: 1, columns: 1 }, visible: true });
    const { source, store } = sourceFor(host);
    const before = stateOf(host, store);
    await source.scan(await source.locate(), options, ignore, never());
    expect([...book.names.keys()].sort()).toEqual(['SubscriptionGuard_1', 'SubscriptionGuard_2']);
    await source.clear();
    expect(stateOf(host, store)).toEqual(before);
  });

  test('a failed rescan leaves the previous scan in place, highlights included', async () => {
    const { host, sheet, table } = fixtureBook();
    const { source, store } = sourceFor(host, memorySettingsStore(), small);
    await source.scan(await source.locate(), options, ignore, never());
    const first = contentOf(host);
    const record = store.saved();
    sheet.set(table.row + 1, 7, 'Ja'); // a user edit the failed scan must not undo
    const edited = contentOf(host);
    let written = 0;
    host.faults.push((sync) => (writes(sync) && ++written === 1 ? new OfficeError('GeneralException', 'lost') : null));
    await expect(source.scan(await source.locate(), request({ locale: 'da' }), ignore, never())).rejects.toThrow('lost');
    expect(contentOf(host)).toEqual(edited);
    expect(store.saved()).toEqual(record);
    expect(first).not.toEqual(edited);
  });

  test('a failure in the last sync of a rescan that changes the highlights restores the old ones', async () => {
    const { host } = fixtureBook();
    const { source, store } = sourceFor(host);
    await source.scan(await source.locate(), options, ignore, never());
    const first = contentOf(host);
    host.faults.push((sync) => (sync.commands.includes('call ConditionalFormat.delete') ? new OfficeError('GeneralException', 'lost') : null));
    await expect(source.scan(await source.locate(), request({ locale: 'da' }), ignore, never())).rejects.toThrow('lost');
    host.faults.length = 0;
    expect(contentOf(host)).toEqual(first);
    await source.clear();
    expect(host.workbook.sheets[0].conditionalFormats).toEqual([]);
    expect(store.saved()).toEqual({});
  });

  test('a pane that dies mid-write leaves a record from which Clear removes everything', async () => {
    const { host } = fixtureBook();
    const { source, store } = sourceFor(host, memorySettingsStore(), small);
    const target = await source.locate();
    const before = stateOf(host, store);
    let dead = false;
    host.faults.push((sync) => {
      if (writes(sync) && sync.commands.length > 0) {
        if (dead) return new OfficeError('GeneralException', 'gone');
        dead = true; // this block goes through, then everything fails, rollback too
      }
      return dead && !writes(sync) ? new OfficeError('GeneralException', 'gone') : null;
    });
    await expect(source.scan(target, options, ignore, never())).rejects.toThrow(/putting the sheet back failed too/);
    expect(JSON.stringify(store.saved())).toContain('"pending":true');
    host.faults.length = 0;
    const reloaded = sourceFor(host, memorySettingsStore(store.saved()));
    await reloaded.source.clear();
    expect(stateOf(host, reloaded.store)).toEqual(before);
  });
});

describe('payload limits', () => {
  test('a block refused for its size is read again in halves, and the scan completes', async () => {
    const long = 'x'.repeat(2_000);
    const rows = STATUS_CASES.map((c) => ({ ...c.row, product: long }));
    const { host, sheet, table } = fixtureBook({ rows });
    const { source } = sourceFor(host);
    const target = await source.locate();
    host.payloadLimit = 30_000;
    host.resetCounters();
    await source.scan(target, options, ignore, never());
    expect(source.lastScan?.readRetries).toBeGreaterThan(0);
    expect(host.counters.maxResponseBytes).toBeLessThanOrEqual(30_000);
    expect(sheet.get(table.row + 1, table.column + FIXTURE_COLUMNS.length)).toBe('Active');
  });
});
