/**
 * `npm run bench startup`: how long the command takes to start and scan the bundled sample (30
 * rows, so nearly all of it is start-up), against what it takes Node to load ExcelJS alone.
 * Target (issue 13): `npm run scan` within 1.5 × `node -e 'require("exceljs")'`.
 *
 * Each command runs as a child process, the four in turn, after warm-up runs (the first of which
 * also rebuilds the command if src/ changed since its build: bin/subguard.js); the medians are
 * compared. Printed for reference: the command without npm in front (`node bin/subguard.js scan`)
 * and Node starting with nothing to do. Exits 1 when the target is missed or a command fails.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const WARM_UP = 2;
const RUNS = 15;
const TARGET_RATIO = 1.5;

interface Command {
  readonly label: string;
  readonly file: string;
  readonly args: readonly string[];
}

const COMMANDS: readonly Command[] = [
  { label: `node -e 'require("exceljs")'`, file: process.execPath, args: ['-e', 'require("exceljs")'] },
  { label: 'npm run scan', file: 'npm', args: ['run', '--silent', 'scan'] },
  { label: 'node bin/subguard.js scan', file: process.execPath, args: [path.join('bin', 'subguard.js'), 'scan'] },
  { label: `node -e ''`, file: process.execPath, args: ['-e', ''] },
];

function timedRun(command: Command): number {
  const start = performance.now();
  const run = spawnSync(command.file, command.args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`${command.label} failed (exit ${run.status}): ${run.stderr}`);
  return elapsed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): number {
  const times: number[][] = COMMANDS.map(() => []);
  for (let round = 0; round < WARM_UP + RUNS; round++) {
    COMMANDS.forEach((command, index) => {
      const elapsed = timedRun(command);
      if (round >= WARM_UP) times[index].push(elapsed);
    });
  }
  const medians = times.map(median);
  const [excelJs, npmScan, binScan] = medians;
  const ratio = npmScan / excelJs;
  console.log(`start-up, medians of ${RUNS} runs each, in turn:`);
  COMMANDS.forEach((command, index) => console.log(`  ${command.label.padEnd(30)} ${medians[index].toFixed(0).padStart(5)} ms   [${times[index].map((t) => t.toFixed(0)).join(' ')}]`));
  console.log(`  ratio npm run scan / require("exceljs") ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}); without npm: ${(binScan / excelJs).toFixed(2)}`);
  const failed = ratio > TARGET_RATIO;
  console.log(failed ? 'TARGET MISSED' : 'target met');
  return failed ? 1 : 0;
}

process.exit(main());
