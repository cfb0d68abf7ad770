/**
 * An opened .xlsx package as the pipeline's {@link WorkbookSource}: the sheets in workbook order
 * with their names and hidden state, each sheet's rows read only when asked for (a sheet the scan
 * does not need is never inflated), the shared strings and styles read once, before the first
 * sheet. The one reader behind the scan, the streamed copy and the task pane's file mode.
 */
import type { DateSystem } from '../../rules';
import type { SourceSheet, WorkbookSource } from '../pipeline';
import { entryChunks, readEntry, type ZipEntry } from '../zip';
import { xmlFailure, type SheetInfo, type WorkbookPackage } from './package';
import { SharedStringsParser } from './shared-strings';
import { SheetParser, type SheetContext, type XlsxRow } from './sheet';
import { NO_STYLES, parseStyles, type StyleTable } from './styles';
import { decodedChunks, decodeWhole } from './text';

export interface XlsxSourceOptions {
  /** Keep each cell's raw value and format (for a streamed copy). */
  readonly keepCells?: boolean;
  /** Read each worksheet to its end to count merged ranges (for choosing the in-memory copy). */
  readonly countMerges?: boolean;
  /** Told how far the sheet being read is, 0 to 1 (its packed bytes read). */
  readonly onSheetProgress?: (sheet: string, fraction: number) => void;
  /** Told that the shared strings are being read (a long wait on a big workbook), 0 to 1. */
  readonly onStringsProgress?: (fraction: number) => void;
}

/** What a sheet told about itself once read. */
export interface SheetFacts {
  merges: number;
  dimensionRows: number;
}

export interface XlsxSource extends WorkbookSource {
  readonly package: WorkbookPackage;
  /** Facts of each sheet read so far, by name. */
  readonly facts: ReadonlyMap<string, SheetFacts>;
}

function dateSystemOf(pkg: WorkbookPackage): DateSystem {
  return pkg.date1904 ? '1904' : '1900';
}

export function xlsxSource(pkg: WorkbookPackage, options: XlsxSourceOptions = {}): XlsxSource {
  const system = dateSystemOf(pkg);
  const facts = new Map<string, SheetFacts>();
  let shared: Promise<{ strings: readonly string[]; styles: StyleTable }> | null = null;
  const common = () => (shared ??= Promise.all([readSharedStrings(pkg, options.onStringsProgress), readStyles(pkg)]).then(([strings, styles]) => ({ strings, styles })));

  const sheetOf = (info: SheetInfo): SourceSheet => {
    const sheetFacts: SheetFacts = { merges: 0, dimensionRows: 0 };
    let widths: ReadonlyArray<number | undefined> = [];
    facts.set(info.name, sheetFacts);
    return {
      name: info.name,
      hidden: info.state !== 'visible',
      rows: () => (info.entry ? sheetRows(info.entry) : emptyRows()),
      columnWidths: () => widths,
      rowCountHint: () => sheetFacts.dimensionRows,
    };

    async function* sheetRows(entry: ZipEntry): AsyncGenerator<XlsxRow[]> {
      const { strings, styles } = await common();
      const context: SheetContext = {
        strings,
        styles,
        system,
        dateCompatibility: pkg.dateCompatibility,
        label: pkg.label,
        sheet: info.name,
        limits: pkg.limits,
        keepCells: options.keepCells ?? false,
      };
      const parser = new SheetParser(context, options.countMerges ?? false);
      const onPackedRead = options.onSheetProgress ? (done: number) => options.onSheetProgress!(info.name, done / Math.max(1, entry.compressedSize)) : undefined;
      const chunks = entryChunks(pkg.read, entry, pkg.inflate, pkg.label, pkg.limits, { maxBytes: pkg.limits.worksheetBytes, onPackedRead });
      try {
        for await (const text of decodedChunks(chunks)) {
          const out: XlsxRow[] = [];
          parser.push(text, out);
          widths = parser.widths;
          sheetFacts.dimensionRows = parser.dimensionRows;
          if (out.length > 0) yield out;
          if (parser.finished) break;
        }
        const out: XlsxRow[] = [];
        parser.end(out);
        if (out.length > 0) yield out;
      } catch (error) {
        throw xmlFailure(error, pkg.label, entry.name);
      } finally {
        sheetFacts.merges = parser.merges;
      }
    }
  };

  return {
    label: pkg.label,
    format: 'xlsx',
    dateSystem: system,
    sheetNames: pkg.sheets.map((sheet) => sheet.name),
    package: pkg,
    facts,
    *sheets() {
      for (const info of pkg.sheets) yield sheetOf(info);
    },
  };
}

async function* emptyRows(): AsyncGenerator<XlsxRow[]> {}

async function readSharedStrings(pkg: WorkbookPackage, onProgress?: (fraction: number) => void): Promise<readonly string[]> {
  const entry = pkg.sharedStrings;
  if (!entry) return [];
  const parser = new SharedStringsParser(pkg.label, pkg.limits);
  const onPackedRead = onProgress ? (done: number) => onProgress(done / Math.max(1, entry.compressedSize)) : undefined;
  try {
    for await (const text of decodedChunks(entryChunks(pkg.read, entry, pkg.inflate, pkg.label, pkg.limits, { maxBytes: pkg.limits.sharedStringsBytes, onPackedRead }))) {
      parser.push(text);
    }
    return parser.end();
  } catch (error) {
    throw xmlFailure(error, pkg.label, entry.name);
  }
}

async function readStyles(pkg: WorkbookPackage): Promise<StyleTable> {
  const entry = pkg.styles;
  if (!entry) return NO_STYLES;
  try {
    const text = decodeWhole(await readEntry(pkg.read, entry, pkg.inflate, pkg.label, pkg.limits, pkg.limits.otherPartBytes));
    return parseStyles(text, pkg.label, pkg.limits.cellFormats);
  } catch (error) {
    throw xmlFailure(error, pkg.label, entry.name);
  }
}
