/**
 * Makes the real-tool workbooks of test/fixtures/files/real-files.ts:
 *
 *   npx tsx scripts/make-real-fixtures.ts [FOLDER]      (default: test/fixtures/files)
 *
 * openpyxl files are written by /usr/bin/python3 (Debian's python3-openpyxl, not a pyenv
 * python3 that may come first on PATH) from the fixture table laid out by the tests' own
 * workbook builder; LibreOffice files are such an openpyxl workbook saved again by
 * `soffice --headless --convert-to xlsx[:FILTER]`, with its own user profile so that parallel
 * runs do not collide. Exits 1 when a tool is missing or fails.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtureGrid } from '../test/files/fixture-files';
import { REAL_FILES, type RealFile } from '../test/fixtures/files/real-files';

const PYTHON = '/usr/bin/python3';

function writeWithOpenpyxl(files: readonly RealFile[], folder: string): void {
  const books = files.map((file) => {
    const { sheets } = fixtureGrid(file.layout);
    return { path: path.join(folder, file.name), isoDates: file.isoDates ?? false, epoch1904: file.layout.system === '1904', sheets };
  });
  if (books.length === 0) return;
  execFileSync(PYTHON, [path.join(__dirname, 'real-fixtures.py')], { input: JSON.stringify({ books }), stdio: ['pipe', 'inherit', 'inherit'] });
}

function writeWithLibreOffice(file: RealFile, folder: string, work: string): void {
  const source = path.join(work, file.name);
  writeWithOpenpyxl([{ ...file, tool: 'openpyxl' }], work);
  const out = path.join(work, 'out');
  const profile = `file://${path.join(work, 'profile')}`;
  const target = file.filter ? `xlsx:${file.filter}` : 'xlsx';
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', target, '--outdir', out, source], { stdio: ['ignore', 'inherit', 'inherit'] });
  fs.copyFileSync(path.join(out, file.name), path.join(folder, file.name));
  console.log(`LibreOffice${file.filter ? ` (${file.filter})` : ''}: wrote ${path.join(folder, file.name)}`);
}

function main(): void {
  const folder = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'test', 'fixtures', 'files'));
  fs.mkdirSync(folder, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'subguard-real-fixtures-'));
  try {
    writeWithOpenpyxl(REAL_FILES.filter((file) => file.tool === 'openpyxl'), folder);
    for (const file of REAL_FILES.filter((f) => f.tool === 'libreoffice')) writeWithLibreOffice(file, folder, work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  console.error(`make-real-fixtures: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
