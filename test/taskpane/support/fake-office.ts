/**
 * Office and Excel for the pane in Chromium: the Excel tests' fake Excel (test/excel/fake-excel.ts)
 * holding the fixture table, behind a fake `Office` that reports the Excel host. Bundled by
 * test/taskpane/support/fake-office-bundle.ts and injected before the page's own scripts, so the
 * production taskpane.js runs its Excel mode against it. Options come from
 * `window.__fakeOfficeOptions`; the fake is left on `window.__fakeExcel` for the test to inspect.
 */
import { OfficeError } from '../../excel/fake-excel';
import { fixtureBook } from '../../excel/helpers';

interface FakeOfficeOptions {
  readonly displayLanguage: string;
  readonly protectedSheet?: boolean;
  /** Office.onReady waits until the test calls `window.__excelReady()`: a slow Excel start (office-js #6946). */
  readonly slowStart?: boolean;
}

const target = window as unknown as Record<string, unknown>;
const options = (target.__fakeOfficeOptions ?? { displayLanguage: 'en-US' }) as FakeOfficeOptions;
const fixture = fixtureBook({ headerRow: 2 });
fixture.sheet.protected = options.protectedSheet ?? false;

const started = new Promise((resolve) => {
  target.__excelReady = () => resolve({ host: 'Excel', platform: 'OfficeOnline' });
});

/**
 * While the user edits a cell, Excel fails every batch with InvalidOperationInCellEditMode
 * (Excel.RunOptions.delayForCellEdit: "if the user is in cell edit when the batch request is
 * processed by the host, the batch automatically fails"; Excel.ErrorCodes).
 */
let cellEditMode = false;
fixture.host.faults.push(() => (cellEditMode ? new OfficeError('InvalidOperationInCellEditMode', 'The operation is not allowed while the cell is being edited.') : null));

const settings = new Map<string, unknown>();
const saved: Record<string, unknown> = {};

target.Office = {
  HostType: { Excel: 'Excel' },
  onReady: () => (options.slowStart ? started : Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' })),
  context: {
    displayLanguage: options.displayLanguage,
    document: {
      settings: {
        get: (key: string) => settings.get(key) ?? null,
        set: (key: string, value: unknown) => void settings.set(key, value),
        remove: (key: string) => void settings.delete(key),
        saveAsync(callback: (result: { status: string }) => void) {
          for (const [key, value] of settings) saved[key] = JSON.parse(JSON.stringify(value));
          callback({ status: 'succeeded' });
        },
      },
    },
  },
};
target.Excel = { run: fixture.host.run };
// The shared runtime's functions.js registers custom functions; here they go nowhere.
target.CustomFunctions = { associate: () => undefined };
target.__fakeExcel = {
  snapshot: () => fixture.host.workbook.snapshot(),
  selection: () => fixture.book.selection && { sheet: fixture.book.selection.sheet.name, ...fixture.book.selection.rect },
  cell: (row: number, column: number) => fixture.sheet.get(row, column),
  table: fixture.table,
  saved: () => saved,
  setCellEditMode: (on: boolean) => {
    cellEditMode = on;
  },
};
