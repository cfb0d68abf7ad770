/**
 * The annotated copy of a small workbook, made in memory by ExcelJS, which keeps what it knows
 * of the workbook (merged cells, conditional formats, validation, frozen panes) — but only when
 * it is safe: the XML is small ({@link ReadLimits.inMemoryCopyBytes}, ExcelJS needs some 45 MB per
 * MB of it), the merged ranges few ({@link ReadLimits.inMemoryCopyMerges}: its merging is
 * quadratic), ExcelJS can load and write the file, and it reads every cell as our reader does.
 * Otherwise the caller streams the copy from our reader. Browser-safe.
 *
 * The scan always comes from our reader; the listener hears it only once the copy is made, so a
 * copy that falls back to streaming never reports a row twice.
 */
import { agreesWith, inPlaceSink, loadWorkbook, workbookBytes, type ReadSheet } from './exceljs';
import { bufferedSource } from './memory';
import type { ScanRequest } from '../scan';
import { runPipeline, type FileOutcome, type ScanListener, type SourceRow, type SourceSheet } from './pipeline';
import type { XlsxSource } from './xlsx/source';

/** Why a workbook was not copied in memory (for the tests and `--explain`-style diagnostics). */
export type InMemoryRefusal = 'too-big' | 'merges' | 'exceljs-cannot-read' | 'exceljs-reads-differently' | 'exceljs-cannot-write';

export interface InMemoryCopy {
  readonly bytes: Uint8Array;
  readonly outcome: FileOutcome;
}

export async function copyInMemory(
  bytes: Uint8Array,
  source: XlsxSource,
  request: ScanRequest,
  listener: ScanListener,
  maxXmlBytes = source.package.limits.inMemoryCopyBytes,
): Promise<InMemoryCopy | InMemoryRefusal> {
  const pkg = source.package;
  if (pkg.xmlBytes > maxXmlBytes) return 'too-big';
  const sheets: Array<{ sheet: SourceSheet; rows: SourceRow[] }> = [];
  for await (const sheet of source.sheets()) {
    const rows: SourceRow[] = [];
    for await (const batch of sheet.rows()) for (const row of batch) rows.push(row);
    sheets.push({ sheet, rows });
  }
  let merges = 0;
  for (const facts of source.facts.values()) merges += facts.merges;
  if (merges > pkg.limits.inMemoryCopyMerges) return 'merges';
  const workbook = await loadWorkbook(bytes, pkg.date1904);
  if (!workbook) return 'exceljs-cannot-read';
  const read: ReadSheet[] = sheets.map(({ sheet, rows }) => ({ name: sheet.name, hidden: sheet.hidden, rows }));
  if (!agreesWith(workbook, read, source.dateSystem)) return 'exceljs-reads-differently';

  // Heard now, told after the copy is written.
  const heard: Array<() => void | Promise<void>> = [];
  const outcome = await runPipeline(
    bufferedSource(source, sheets),
    request,
    {
      table: listener.table && ((table) => void heard.push(() => listener.table!(table))),
      row: listener.row && ((result) => void heard.push(() => listener.row!(result))),
    },
    inPlaceSink(workbook),
  );
  const copy = await workbookBytes(workbook);
  if (!copy) return 'exceljs-cannot-write';
  for (const tell of heard) {
    const pending = tell();
    if (pending) await pending;
  }
  return { bytes: copy, outcome };
}
