/**
 * The pane's source outside Excel: a picked .xlsx or .csv, read in the browser through the same
 * file code as the CLI (src/files/browser.ts, ExcelJS). This module and everything it imports is
 * the "file-mode" chunk, fetched only when a file is picked (src/taskpane/taskpane.ts).
 *
 * The scan is scanWorkbookBytes's own two steps (openWorkbookBytes, then runPipeline) with a
 * listener added for the progress bar, Cancel and the table found. The file code maps columns by
 * the aliases and takes no user mapping, so the pane shows the mapping it found, read-only.
 */
import { annotateWorkbookBytes, FileError, openWorkbookBytes } from '../files/browser';
import { runPipeline, type TableInfo } from '../files/pipeline';
import type { ListedOutcome, RowResult, ScanProgress, ScanRequest, ScanSettings, ScanSource, ScanTarget } from '../scan';
import { ScanProblem } from '../scan';

/** Rows between two pauses that let the pane repaint the progress bar and hear Cancel. */
export const ROWS_PER_PAUSE = 2000;

const NEWLINE = 0x0a;

/** Lines in CSV bytes: the row count the progress bar aims at (a quoted line break counts too). */
export function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === NEWLINE) lines++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE ? lines + 1 : lines;
}

/** The pane's message for each file error: a file that is not a table is "unreadable". */
function problemOfFileError(error: FileError): ScanProblem {
  switch (error.code) {
    case 'empty-file':
      return new ScanProblem('empty-sheet', error.message);
    case 'no-header':
      return new ScanProblem('no-header', error.message);
    default:
      return new ScanProblem('unreadable-file', error.message);
  }
}

function asProblem(error: unknown): unknown {
  return error instanceof FileError ? problemOfFileError(error) : error;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The source over one picked file. The bytes are read once; nothing is written back to it. */
export async function openFileSource(file: File): Promise<ScanSource> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return fileSource(bytes, file.name);
}

export function fileSource(bytes: Uint8Array, fileName: string): ScanSource {
  let found: ScanTarget = { sheet: '', address: fileName, headerRow: 0, headers: [], columns: {}, dataRows: 0 };

  const targetOf = (table: TableInfo, dataRows: number): ScanTarget => ({
    sheet: table.sheet,
    address: table.format === 'csv' ? fileName : `${fileName}, ${table.sheet}`,
    headerRow: table.headerRow,
    headers: [],
    columns: table.columns,
    dataRows,
  });

  return {
    // Where the table is only shows once the file is read: the first scan tells.
    locate: async () => found,
    saveMapping: async (target) => target,

    async scan(_target, request: ScanRequest, onProgress: (progress: ScanProgress) => void, signal: AbortSignal): Promise<ListedOutcome<ScanTarget>> {
      try {
        const opened = await openWorkbookBytes(bytes, fileName);
        if (signal.aborted) throw new ScanProblem('canceled');
        const results: RowResult[] = [];
        let total = 0;
        const outcome = await runPipeline(opened.source, { settings: request.settings }, {
          table(table) {
            const lines = opened.format === 'xlsx' ? opened.rowCountOf(table.sheet) : countLines(bytes);
            total = Math.max(0, lines - table.headerRow);
            onProgress({ rowsDone: 0, rowsTotal: total });
          },
          async row(result) {
            results.push(result);
            if (results.length % ROWS_PER_PAUSE !== 0) return;
            onProgress({ rowsDone: results.length, rowsTotal: Math.max(total, results.length) });
            await pause();
            if (signal.aborted) throw new ScanProblem('canceled');
          },
        });
        onProgress({ rowsDone: results.length, rowsTotal: Math.max(total, results.length) });
        found = targetOf(outcome.table, results.length);
        return { table: found, summary: outcome.summary, upcoming: outcome.upcoming, results, omitted: 0 };
      } catch (error) {
        throw asProblem(error);
      }
    },

    async annotated(settings: ScanSettings) {
      try {
        return { fileName: annotatedName(fileName), bytes: await annotateWorkbookBytes(bytes, fileName, { settings }) };
      } catch (error) {
        throw asProblem(error);
      }
    },
  };
}

/**
 * The name of the downloaded copy: the input's name with "-status" before an .xlsx extension.
 * @example annotatedName('subscriptions.csv') //=> 'subscriptions-status.xlsx'
 */
export function annotatedName(fileName: string): string {
  const base = fileName.replace(/\.(xlsx|csv|tsv|txt)$/i, '') || 'subscriptions';
  return `${base}-status.xlsx`;
}
