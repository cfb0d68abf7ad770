#!/usr/bin/env node
// The `subguard` command: runs the TypeScript CLI through tsx's require hook, so it works right
// after `npm ci` with no build step. tsx caches what it compiles, so later starts are quick.
'use strict';
require('tsx/cjs');
require('../src/cli/main.ts').main();
