/**
 * A production build of the add-in into a temporary folder, and the size budgets of its scripts.
 * Shared by bench/taskpane.bench.ts (the budgets), the browser tests and scripts/screenshots.ts.
 * It never touches dist/, so it can run beside a dev server or another build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

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

/** Builds for production into a new temporary folder (or `outDir`) and returns the folder. */
export function buildAddin(outDir: string = mkdtempSync(join(tmpdir(), 'subguard-build-'))): string {
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

/**
 * Everything a production build reads, so a build can be reused while none of it changed: the
 * sources, the assets, the build scripts and configuration, and the installed dependencies (by
 * the lock file). `extra` adds files or folders of the caller's (the browser tests add their fake
 * Office, which is bundled from test/ sources).
 */
export const BUILD_INPUTS = ['src', 'assets', 'manifest.xml', 'webpack.config.js', 'tsconfig.json', 'package-lock.json', 'scripts/manifest-transform.js', 'scripts/pane-build.ts'];

/** A hash of the contents and paths of the given files and folders (folders recursively). */
export function inputsHash(paths: readonly string[], root: string = PROJECT_ROOT): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
      return;
    }
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const path of paths) add(resolve(root, path));
  return hash.digest('hex').slice(0, 16);
}

/** Where cached builds live: beside the dependencies, so a fresh clone starts cold and `git clean` never sees them. */
export const BUILD_CACHE = join(PROJECT_ROOT, 'node_modules', '.cache', 'subguard-pane-build');

/** How long a build may hold the lock before another process takes it for dead. */
const LOCK_STALE_MS = 10 * 60_000;

/**
 * A cached product under `BUILD_CACHE/<key>`: made once by `make(dir)` and reused while the key
 * (a hash of its inputs) is the same. Safe between jest workers: one process builds (a lock
 * folder, made atomically), the others wait for the finished folder, which appears by one rename.
 */
export async function cached(name: string, key: string, make: (dir: string) => void | Promise<void>): Promise<string> {
  const done = join(BUILD_CACHE, `${name}-${key}`);
  if (existsSync(join(done, '.complete'))) return done;
  mkdirSync(BUILD_CACHE, { recursive: true });
  const lock = `${done}.lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(join(done, '.complete'))) return done;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    }
  }
  try {
    if (existsSync(join(done, '.complete'))) return done;
    const work = mkdtempSync(join(BUILD_CACHE, `${name}-tmp-`));
    try {
      await make(work);
      writeFileSync(join(work, '.complete'), new Date().toISOString());
      rmSync(done, { recursive: true, force: true });
      renameSync(work, done);
    } catch (error) {
      rmSync(work, { recursive: true, force: true });
      throw error;
    }
    // Older builds of the same product are of no further use.
    for (const entry of readdirSync(BUILD_CACHE)) if (entry.startsWith(`${name}-`) && join(BUILD_CACHE, entry) !== done && !entry.endsWith('.lock')) rmSync(join(BUILD_CACHE, entry), { recursive: true, force: true });
    return done;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The production build of the current sources, built at most once per change of its inputs. Never remove it. */
export function cachedBuild(): Promise<string> {
  return cached('addin', inputsHash(BUILD_INPUTS), (dir) => void buildAddin(dir));
}
