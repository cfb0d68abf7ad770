/**
 * An input file on disk, looked at before anything streams it: that it exists and is a file, its
 * format from its first bytes, and for an .xlsx its package (zip directory, workbook part, sheets).
 * The file is only ever opened for reading; {@link InputFile.close} closes it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { oneLine } from '../browser';
import { detectFormat, HEAD_BYTES, type InputFormat } from '../detect';
import { FileError } from '../errors';
import { LIMITS, type ReadLimits } from '../limits';
import { openPackage, type WorkbookPackage } from '../xlsx/package';
import type { ReadAt } from '../zip';
import { inflateWithZlib } from './inflate';

export interface InputFile {
  readonly path: string;
  readonly label: string;
  readonly size: number;
  readonly format: InputFormat;
  /** Random access to the file's bytes (while it is open). */
  readonly read: ReadAt;
  /** The .xlsx package; null for a CSV. */
  readonly package: WorkbookPackage | null;
  readonly limits: ReadLimits;
  close(): Promise<void>;
}

function describeOpenError(error: unknown, label: string): FileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileError('missing-file', `${label}: no such file`);
  if (code === 'EISDIR') return new FileError('missing-file', `${label} is a folder, not a file`);
  if (code === 'EACCES' || code === 'EPERM') return new FileError('missing-file', `${label} cannot be read (permission denied)`);
  return new FileError('missing-file', `${label} cannot be read: ${oneLine(error)}`);
}

/** Opens an input file for reading and looks at it. Throws {@link FileError} for what cannot be scanned. */
export async function openInput(filePath: string, label: string = filePath, limits: ReadLimits = LIMITS): Promise<InputFile> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(filePath, 'r');
  } catch (error) {
    throw describeOpenError(error, label);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new FileError('missing-file', `${label} is a folder, not a file`);
    const size = stat.size;
    const read: ReadAt = async (offset, length) => {
      const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - offset)));
      if (buffer.length === 0) return buffer;
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    };
    const format = detectFormat(path.basename(filePath), await read(0, HEAD_BYTES), label);
    const pkg = format === 'xlsx' ? await openPackage(read, size, inflateWithZlib, label, limits) : null;
    return { path: filePath, label, size, format, read, package: pkg, limits, close: () => handle.close() };
  } catch (error) {
    await handle.close();
    if (error instanceof FileError) throw error;
    throw describeOpenError(error, label);
  }
}
