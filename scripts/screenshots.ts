/**
 * `npx tsx scripts/screenshots.ts`: screenshots of the task pane for the README and
 * docs/taskpane.md, from the browser (file) mode after a scan of the fixture table, in English
 * and in Danish: docs/images/taskpane-en.png and docs/images/taskpane-da.png.
 * Needs Debian's Chromium (/usr/bin/chromium); makes no network request.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIXTURE_AS_OF } from '../test/fixtures/cases';
import { launchChromium, openPane, scanFile, serveDir, writePaneWorkbook } from '../test/taskpane/harness';
import { buildAddin, removeBuild } from './pane-build';

/** A task pane's usual width in Excel, and enough height for the settings, the results and the first at-risk rows. */
const WIDTH = 360;
const HEIGHT = 1640;

const SHOTS = [
  { locale: 'en-US', ui: 'en-US', asOfLabel: 'As of', file: 'taskpane-en.png' },
  { locale: 'da-DK', ui: 'da', asOfLabel: 'Pr. dato', file: 'taskpane-da.png' },
] as const;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'subguard-shots-'));
  const dist = buildAddin();
  const server = await serveDir(dist);
  try {
    const workbook = join(work, 'subscriptions.xlsx');
    const rows = await writePaneWorkbook(workbook, { hostile: false, amounts: true });
    // S-003 is due today: the first row of the at-risk list.
    const chosen = rows.find((row) => row.id === 'S-003')!;
    for (const shot of SHOTS) {
      // A Danish user's browser is Danish too: its date field then reads 01.03.2025.
      const browser = await launchChromium(shot.ui);
      const session = await openPane(browser, server, { locale: shot.locale, width: WIDTH, height: HEIGHT, deviceScaleFactor: 2 });
      await scanFile(session.page, workbook, FIXTURE_AS_OF, shot.asOfLabel);
      // Show one row chosen, with its explanation, as a user would after a click.
      await session.page.locator(`[data-row="${chosen.sheetRow}"]`).click();
      await session.page.mouse.move(0, 0);
      await session.page.evaluate(() => window.scrollTo(0, 0));
      const out = resolve(__dirname, '..', 'docs', 'images', shot.file);
      await session.page.screenshot({ path: out });
      if (session.blocked.some((url) => !url.includes('appsforoffice.microsoft.com'))) throw new Error(`unexpected requests: ${session.blocked.join(', ')}`);
      await session.context.close();
      await browser.close();
      console.log(`wrote ${out}`);
    }
  } finally {
    await server.close();
    removeBuild(dist);
    removeBuild(work);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
