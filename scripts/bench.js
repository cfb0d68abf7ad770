#!/usr/bin/env node
// `npm run bench [-- NAME...]`: runs bench/*.bench.ts, each in its own Node process so that peak
// memory is per benchmark. Each benchmark prints its figures and its targets, and exits non-zero
// when a target is missed.
//
// A benchmark whose header holds the tag `@bundle` runs as an esbuild bundle (into bench-out/),
// the form production code runs in (the command is an esbuild bundle, the add-in a webpack one),
// rather than through tsx: tsx compiles every import into a CommonJS export getter, a call that
// costs more than the integer work such a benchmark measures. The others run through tsx.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const benchDir = path.join(root, 'bench');
const outDir = path.join(root, 'bench-out', 'bundled');
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();

/** The header comment of a benchmark asks for a bundle with `@bundle`. */
function wantsBundle(file) {
  const header = /^\s*\/\*\*[\s\S]*?\*\//.exec(fs.readFileSync(file, 'utf8'));
  return header !== null && /(^|\s)@bundle\b/.test(header[0]);
}

/** Bundles one benchmark as the command is bundled (scripts/build-cli.js): node 20, CommonJS, packages left to node_modules. */
function bundle(file) {
  const outfile = path.join(outDir, path.basename(file).replace(/\.ts$/, '.js'));
  require('esbuild').buildSync({ entryPoints: [file], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning' });
  return outfile;
}

let failed = 0;
for (const file of files) {
  const source = path.join(benchDir, file);
  const bundled = wantsBundle(source);
  console.log(`\n== ${file}${bundled ? ' (esbuild bundle)' : ''}`);
  const entry = bundled ? [bundle(source)] : ['--import', 'tsx', source];
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', ...entry], { stdio: 'inherit', cwd: root });
  if (run.status !== 0) failed++;
}
console.log(`\n${files.length - failed} benchmarks met their targets, ${failed} missed`);
process.exit(failed ? 1 : 0);
