/**
 * Where the copy goes, and writing it so that no half-written file ever has the final name: a
 * temporary file in the same folder, moved into place when complete. The input is never the
 * output, by any path, link or hard link.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { oneLine } from '../browser';
import { FileError } from '../errors';

/** Temporary files being written, removed if the process is interrupted. */
export const temporaryFiles = new Set<string>();

export function removeTemporaryFiles(): void {
  for (const file of temporaryFiles) {
    try {
      fs.unlinkSync(file);
    } catch {
      // Already gone.
    }
  }
  temporaryFiles.clear();
}

function sameFile(a: fs.Stats, b: fs.Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * Refuses an output that would overwrite the input (same path after links, or the same file by
 * inode), that exists without `force`, that is not .xlsx, or whose folder is missing.
 */
export function checkOutPath(inputPath: string | null, outPath: string, force: boolean): void {
  if (!/\.xlsx$/i.test(outPath)) throw new FileError('bad-out', `--out ${outPath}: the copy is an .xlsx workbook, so its name must end in .xlsx`);
  const folder = path.dirname(path.resolve(outPath));
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new FileError('bad-out', `--out ${outPath}: the folder ${folder} does not exist`);
  const outStat = fs.statSync(outPath, { throwIfNoEntry: false });
  if (inputPath !== null) {
    const inputReal = fs.realpathSync(inputPath);
    const inputStat = fs.statSync(inputReal);
    const outReal = outStat ? fs.realpathSync(outPath) : path.join(fs.realpathSync(folder), path.basename(outPath));
    if (outReal === inputReal || (outStat && sameFile(outStat, inputStat))) {
      throw new FileError('out-is-input', `--out ${outPath} is the input file: the copy never overwrites its input (even with --force)`);
    }
  }
  if (outStat?.isDirectory()) throw new FileError('bad-out', `--out ${outPath} is a folder`);
  if (outStat && !force) throw new FileError('out-exists', `--out ${outPath} already exists: pass --force to replace it`);
}

/** The hidden temporary name a copy is written under: `.NAME.xlsx.PID-RANDOM.partial` beside it. */
export function temporaryNameFor(outPath: string): string {
  const folder = path.dirname(path.resolve(outPath));
  return path.join(folder, `.${path.basename(outPath)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
}

/**
 * Writes a file through a temporary file in the same folder, moved into place only when
 * complete: an interrupted run leaves no half-written file under the final name. Without
 * `force`, a file that appeared meanwhile is not replaced.
 */
export async function writeAtomically<T>(outPath: string, force: boolean, write: (temporaryPath: string) => Promise<T>): Promise<T> {
  const temporary = temporaryNameFor(outPath);
  temporaryFiles.add(temporary);
  try {
    let written: T;
    try {
      written = await write(temporary);
    } catch (error) {
      throw writeError(error, outPath);
    }
    try {
      placeFile(temporary, outPath, force);
    } catch (error) {
      // A target open in Excel (EPERM, EBUSY) or a read-only folder: one line, not "unexpected error".
      throw writeError(error, outPath);
    }
    return written;
  } finally {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Renamed into place, or never created.
    }
    temporaryFiles.delete(temporary);
  }
}

/** Moves the finished copy into place; without `force` a file that appeared meanwhile is kept. */
function placeFile(temporary: string, outPath: string, force: boolean): void {
  if (force) {
    fs.renameSync(temporary, outPath);
    return;
  }
  try {
    fs.linkSync(temporary, outPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FileError('out-exists', `--out ${outPath} already exists: pass --force to replace it`);
    // File systems without hard links: check, then rename.
    if (fs.existsSync(outPath)) throw new FileError('out-exists', `--out ${outPath} already exists: pass --force to replace it`);
    fs.renameSync(temporary, outPath);
  }
}

/** A file-system failure while writing the copy (no permission, disk full …) as a one-line error. */
export function writeError(error: unknown, outPath: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (error instanceof FileError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  return new FileError('bad-out', `--out ${outPath} cannot be written (${code}): ${oneLine(error)}`);
}
