/**
 * jest's own order (the slowest and the failed first), except that the suites that need the
 * production build run last: by then the background build (global-setup.js) is done.
 */
const Sequencer = require('@jest/test-sequencer').default;

const NEEDS_BUILD = /[\\/]test[\\/]taskpane[\\/](browser|real-office)\.test\.ts$/;

class BuildLastSequencer extends Sequencer {
  sort(tests) {
    const last = (list) => [...list.filter((test) => !NEEDS_BUILD.test(test.path)), ...list.filter((test) => NEEDS_BUILD.test(test.path))];
    const sorted = super.sort(tests);
    return Array.isArray(sorted) ? last(sorted) : sorted.then(last);
  }
}

module.exports = BuildLastSequencer;
