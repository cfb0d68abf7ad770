#!/usr/bin/env node
// The `subguard` command. It runs as compiled JavaScript: build/cli/subguard.js, bundled from src/
// by scripts/build-cli.js on `npm ci` / `npm install` (the `prepare` script). If a source file
// changed since that build (a developer edited src/), it is built again here first, silently, in
// about a tenth of a second, so the command never runs stale code. Without esbuild (an install
// without devDependencies) it falls back to running the TypeScript through tsx, if installed.
'use strict';
const cli = require('../scripts/build-cli.js');

function start() {
  const fresh = cli.freshBundle();
  if (fresh) return fresh;
  if (cli.canBuild()) {
    const built = cli.build({ logLevel: 'error' });
    if (built) return built;
    process.stderr.write('subguard: src/ does not compile (esbuild said why above)\n');
    process.exit(1);
  }
  return null;
}

const bundle = start();
if (bundle) {
  // Stack traces in terms of src/ when asked for them (the bundle has a source map beside it).
  if (process.env.SUBGUARD_DEBUG) process.setSourceMapsEnabled(true);
  require(bundle).main();
} else {
  try {
    require.resolve('tsx/cjs');
  } catch {
    process.stderr.write('subguard: the command is not built (build/cli/subguard.js) and neither esbuild nor tsx is installed: run npm install\n');
    process.exit(1);
  }
  require('tsx/cjs');
  require('../src/cli/main.ts').main();
}
