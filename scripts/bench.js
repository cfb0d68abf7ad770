#!/usr/bin/env node
// `npm run bench [-- NAME...]`: runs bench/*.bench.ts, each in its own Node process so that peak
// memory is per benchmark. Each benchmark prints its figures and its targets, and exits non-zero
// when a target is missed.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const benchDir = path.join(__dirname, '..', 'bench');
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', path.join(benchDir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
console.log(`\n${files.length - failed} benchmarks met their targets, ${failed} missed`);
process.exit(failed ? 1 : 0);
