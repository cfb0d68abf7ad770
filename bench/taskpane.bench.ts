/**
 * `npm run bench taskpane`: builds the add-in for production and checks the script budgets of
 * issue 5: the task pane's JavaScript before the file mode loads at most 250 KB minified,
 * functions.js at most 100 KB. Prints every script's size; exits 1 when a budget is missed.
 */
import { BUDGETS, buildAddin, removeBuild, scriptSizes } from '../scripts/pane-build';

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

const started = process.hrtime.bigint();
const dir = buildAddin();
try {
  const sizes = scriptSizes(dir);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`production build in ${seconds.toFixed(1)} s`);
  for (const [name, size] of Object.entries(sizes.files).sort()) console.log(`  ${name.padEnd(32)} ${kb(size).padStart(10)}  (${size.toLocaleString('en')} bytes)`);
  const checks = [
    { name: 'task pane before the file mode (taskpane.js + start-up chunks)', size: sizes.taskpane, budget: BUDGETS.taskpane },
    { name: 'functions.js', size: sizes.functions, budget: BUDGETS.functions },
  ];
  let missed = 0;
  for (const check of checks) {
    const ok = check.size > 0 && check.size <= check.budget;
    if (!ok) missed++;
    console.log(`${ok ? 'ok  ' : 'MISS'} ${check.name}: ${kb(check.size)} (budget ≤ ${kb(check.budget)})`);
  }
  console.log(`     file mode chunk (loaded only outside Excel, after a file is picked): ${kb(sizes.fileMode)} (no budget)`);
  process.exitCode = missed ? 1 : 0;
} finally {
  removeBuild(dir);
}
