/**
 * A production build of the add-in into a temporary folder, and the size budgets of its scripts.
 * Shared by bench/taskpane.bench.ts (the budgets), the browser tests and scripts/screenshots.ts.
 * It never touches dist/, so it can run beside a dev server or another build.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..');

/** Bytes of minified JavaScript (1 KB = 1,000 bytes), from issue 5. */
export const BUDGETS = {
  /** taskpane.js and every chunk loaded before the file mode. */
  taskpane: 250_000,
  functions: 100_000,
} as const;

/** The name of the lazy chunk group with the file code (src/taskpane/taskpane.ts names it). */
export const FILE_MODE_GROUP = 'file-mode';

/** The file webpack's stats are written to, inside the build folder. */
const STATS_FILE = 'webpack-stats.json';

/** Builds for production into a new temporary folder and returns the folder. */
export function buildAddin(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'subguard-build-'));
  const cli = join(PROJECT_ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  const run = spawnSync(process.execPath, [cli, '--mode', 'production', '--output-path', outDir, '--json', join(outDir, STATS_FILE)], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    // Any https address will do: only the manifest copy uses it.
    env: { ...process.env, ADDIN_PUBLIC_URL: process.env.ADDIN_PUBLIC_URL || 'https://addins.example.com/subscription-guard/' },
  });
  if (run.status !== 0) {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`webpack --mode production failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return outDir;
}

export function removeBuild(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

interface StatsGroup {
  readonly assets: ReadonlyArray<{ readonly name: string }>;
}

interface Stats {
  readonly entrypoints: Readonly<Record<string, StatsGroup>>;
  readonly namedChunkGroups: Readonly<Record<string, StatsGroup>>;
}

export interface ScriptSizes {
  /** Every .js file of the build and its size in bytes. */
  readonly files: Readonly<Record<string, number>>;
  readonly functions: number;
  /**
   * What the task pane loads before the file mode: the taskpane entry's scripts, plus every lazy
   * chunk that is not the file mode's (none today; counted here so that one added later is
   * not missed).
   */
  readonly taskpane: number;
  /** The scripts of the file-mode chunk group (the file code and ExcelJS). */
  readonly fileModeFiles: readonly string[];
  readonly fileMode: number;
}

/** The sizes of a build's scripts, grouped by webpack's own record of what each entry and chunk group loads. */
export function scriptSizes(dir: string): ScriptSizes {
  const stats = JSON.parse(readFileSync(join(dir, STATS_FILE), 'utf8')) as Stats;
  const scripts = (group: StatsGroup | undefined) => (group ? group.assets.map((asset) => asset.name).filter((name) => name.endsWith('.js')) : []);
  const files: Record<string, number> = {};
  for (const name of readdirSync(dir)) if (name.endsWith('.js')) files[name] = statSync(join(dir, name)).size;
  const functionsFiles = new Set(scripts(stats.entrypoints.functions));
  const fileModeFiles = scripts(stats.namedChunkGroups[FILE_MODE_GROUP]);
  const sum = (names: Iterable<string>) => [...names].reduce((total, name) => total + (files[name] ?? 0), 0);
  const startup = Object.keys(files).filter((name) => !functionsFiles.has(name) && !fileModeFiles.includes(name));
  return { files, functions: sum(functionsFiles), taskpane: sum(startup), fileModeFiles, fileMode: sum(fileModeFiles) };
}
