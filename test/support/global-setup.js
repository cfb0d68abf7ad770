/**
 * A whole run (no test path pattern) starts the browser suites' build in the background
 * (test/support/prebuild.ts); global-teardown.js waits for it, so nothing outlives the run.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup(globalConfig) {
  const whole = !globalConfig.testPathPattern && (globalConfig.nonFlagArgs ?? []).length === 0;
  if (!whole || process.env.SUBGUARD_NO_PREBUILD) return;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'prebuild.ts')], {
    cwd: path.join(__dirname, '..', '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  globalThis.__subguardPrebuild = new Promise((resolve) => {
    child.once('exit', resolve);
    child.once('error', resolve);
  });
};
