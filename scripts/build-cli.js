#!/usr/bin/env node
// Builds the `subguard` command into build/cli/subguard.js: src/cli/main.ts and everything it
// imports, compiled and bundled by esbuild into one CommonJS file for Node 20, with the packages it
// uses (ExcelJS) left in node_modules. A bundle starts in a fraction of the time tsx takes to
// compile and load ~80 TypeScript modules (bench/startup.bench.ts).
//
// When it runs:
// - on `npm ci` / `npm install` (package.json's `prepare` script), and by hand: `npm run build:cli`;
// - by bin/subguard.js, whenever a file the last build read (listed in build/cli/inputs.json with
//   the time the build started) has changed since, so a developer who edits src/ and runs
//   `npm run scan` gets the new code, never a stale build. Checking is one stat per input (~1 ms).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'build', 'cli');
const BUNDLE = path.join(OUT_DIR, 'subguard.js');
const STAMP = path.join(OUT_DIR, 'inputs.json');
const ENTRY = 'src/cli/main.ts';
/** Files that shape the build besides the sources esbuild reads. */
const BUILD_FILES = ['tsconfig.json', 'scripts/build-cli.js'];

/** Is esbuild installed (a devDependency: absent from an install without them)? */
function canBuild() {
  try {
    require.resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the command. Writes the bundle, its source map and the list of inputs under temporary
 * names and moves them into place, so a command starting meanwhile (tests run several at once)
 * never loads half a file. Returns the bundle's path, or null when the sources do not compile
 * (esbuild has printed why).
 * @param {{ logLevel?: 'warning' | 'error' }} [options]
 */
function build(options = {}) {
  const esbuild = require('esbuild');
  const started = Date.now();
  let result;
  try {
    result = esbuild.buildSync({
      absWorkingDir: ROOT,
      entryPoints: [ENTRY],
      outfile: BUNDLE,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      sourcemap: 'linked',
      metafile: true,
      write: false,
      logLevel: options.logLevel ?? 'warning',
    });
  } catch {
    return null;
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const inputs = [...Object.keys(result.metafile.inputs), ...BUILD_FILES];
  const files = [...result.outputFiles.map((file) => [file.path, file.contents]), [STAMP, JSON.stringify({ builtFrom: started, inputs }, null, 1)]];
  for (const [file, contents] of files) {
    const temporary = `${file}.${process.pid}.partial`;
    fs.writeFileSync(temporary, contents);
    fs.renameSync(temporary, file);
  }
  return BUNDLE;
}

/** The bundle, when it exists and no input changed since the build that made it started. */
function freshBundle() {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
    if (!fs.existsSync(BUNDLE)) return null;
  } catch {
    return null;
  }
  for (const input of stamp.inputs) {
    const stat = fs.statSync(path.join(ROOT, input), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs >= stamp.builtFrom) return null;
  }
  return BUNDLE;
}

module.exports = { BUNDLE, build, canBuild, freshBundle };

if (require.main === module) {
  if (!canBuild()) {
    // An install without devDependencies: bin/subguard.js says what is missing if it is run.
    console.warn('build-cli: esbuild is not installed (a devDependency); the command is not built');
    process.exit(0);
  }
  const built = build();
  if (!built) process.exit(1);
  console.log(`build-cli: ${path.relative(ROOT, built)}`);
}
