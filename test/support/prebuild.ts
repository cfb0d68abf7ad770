/**
 * The products the browser suites load, built ahead: the add-in's production build and the fake
 * Office bundle (both cached on disk, scripts/pane-build.ts `cached`). test/support/global-setup.js
 * starts this in a process of its own at the start of a whole run, so a cold build (some 15 s)
 * happens beside the other suites instead of before the browser suites, which
 * test/support/sequencer.js runs last. A suite that gets there first waits for the same build.
 */
import { cachedBuild } from '../../scripts/pane-build';
import { bundleFakeOffice } from '../taskpane/support/fake-office-bundle';

async function main(): Promise<void> {
  await cachedBuild();
  await bundleFakeOffice();
}

main().catch((error: unknown) => {
  // The suites build again themselves and report the failure; this only says why it stopped.
  process.stderr.write(`prebuild: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
