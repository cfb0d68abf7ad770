/**
 * A worksheet part read as it inflates: `<sheetData>` row by row, each cell's value as the rules
 * take it (text, number, boolean, a date cell as `{ day }`), and for a copy the cell's own value,
 * formula and format. Built for speed on decoded chunks: indexOf to the next tag, attributes read
 * in place, no regular expression and no object per cell beyond the row's values.
 *
 * What real writers do, all read: a namespace prefix on every element (`x:c`); rows and cells
 * without `r` (each follows the one before); `t="s"` shared strings, `inlineStr` (rich text
 * runs joined, phonetic runs left out), `str`, `b`, `e`, `n`, and `t="d"` ISO dates (Strict Open
 * XML, openpyxl's iso_dates); numbers whose format shows a date; CDATA and comments; empty
 * `<row/>` runs, which cost a few comparisons each and no object.
 */
import * as rules from '../../rules';
import type { CellValue, DateSystem } from '../../rules';
import { ANNOTATION_COLUMNS } from '../annotate';
import { FileError } from '../errors';
import * as limits from '../limits';
import type { ReadLimits } from '../limits';
import type { SourceRow } from '../pipeline';
import { ColumnOverflow, type CellFormat, type CopyValue, type TargetRow } from '../target';
import type { StyleTable } from './styles';
import * as xml from './xml';

// Module-local bindings for the hot path: a transpiler's CommonJS output (tsx, ts-jest) reads an
// imported binding through a getter on every use, which showed as 10% of a 100,000-row read.
const { decodeCellText, decodeEntities, nameEnd, readAttributes, skipSpecial, XmlError } = xml;
const { count, limitError, MAX_COLUMNS, MAX_ROWS } = limits;
const { dayFromSerial, dayFromYmd, serialFromDay } = rules;

export interface SheetContext {
  readonly strings: readonly string[];
  readonly styles: StyleTable;
  readonly system: DateSystem;
  /** False: serials count from 1899-12-30 with no fictitious 1900-02-29 (ISO 29500 `dateCompatibility="false"`). */
  readonly dateCompatibility: boolean;
  readonly label: string;
  readonly sheet: string;
  readonly limits: ReadLimits;
  /** Keep each cell's raw value and format, for a copy. */
  readonly keepCells: boolean;
}

/** A cell format index with this bit: an ISO date cell, whose copy needs a date format if it has none. */
const ISO_DATE = 1 << 30;
const DATE_FORMAT_FOR_ISO: CellFormat = { numFmt: 'yyyy-mm-dd' };

const enum Kind {
  Number,
  Shared,
  Inline,
  Str,
  Bool,
  Error,
  Date,
}

const GT = 62;
const SLASH = 47;

/** One row of a worksheet: its values for the scan, and what the copy needs. */
export class XlsxRow implements SourceRow {
  /** 1-based columns, raw values and format indexes of the cells (only when the copy needs them). */
  columns: number[] | null = null;
  raws: CopyValue[] | null = null;
  formats: number[] | null = null;
  height = 0;
  hidden = false;

  constructor(
    readonly number: number,
    readonly values: CellValue[],
    private readonly styles: StyleTable | null,
  ) {}

  copyTo(target: TargetRow, shiftFrom: number): boolean {
    const columns = this.columns;
    if (!columns) return false;
    const raws = this.raws!;
    const formats = this.formats!;
    let moved = false;
    for (let k = 0; k < columns.length; k++) {
      let column = columns[k];
      if (column >= shiftFrom) {
        column += ANNOTATION_COLUMNS;
        moved = true;
        if (column > MAX_COLUMNS) throw new ColumnOverflow(this.number);
      }
      const index = formats[k];
      let format: CellFormat | undefined;
      if (index & ISO_DATE) {
        format = this.styles?.formatOf(index & ~ISO_DATE);
        if (!format?.numFmt) format = format ? { ...format, numFmt: DATE_FORMAT_FOR_ISO.numFmt } : DATE_FORMAT_FOR_ISO;
      } else if (index > 0) {
        format = this.styles?.formatOf(index);
      }
      target.set(column, raws[k], format);
    }
    if (this.height > 0) target.setHeight(this.height);
    if (this.hidden) target.hide();
    return moved;
  }
}

const EPOCH_1899_12_30 = dayFromYmd(1899, 12, 30);
/** Serials below this are before 1900-03-01, where the 1900 system has its fictitious leap day. */
const FIRST_SERIAL_AFTER_LEAP_DAY = 61;

/** The day of an ISO 8601 date (the date part; a time or zone after it is dropped), or NaN. */
export function dayFromIsoDateTime(text: string): number {
  const t = text.trim();
  if (t.length < 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return NaN;
  const year = Number(t.slice(0, 4));
  const month = Number(t.slice(5, 7));
  const day = Number(t.slice(8, 10));
  if (t.length > 10 && t[10] !== 'T' && t[10] !== ' ') return NaN;
  return dayFromYmd(year, month, day);
}

/** The fraction of a day of an ISO time ("…T13:45:00"), 0 without one. */
function timeFraction(text: string): number {
  const at = text.indexOf('T');
  if (at < 0) return 0;
  const [h = '0', m = '0', s = '0'] = text.slice(at + 1).replace(/(Z|[+-]\d\d:?\d\d)$/, '').split(':');
  const seconds = Number(h) * 3600 + Number(m) * 60 + Number(s);
  return Number.isFinite(seconds) ? seconds / 86400 : 0;
}

const enum Where {
  BeforeData,
  InData,
  AfterData,
  Done,
}

/**
 * The incremental parser: {@link push} decoded text as it comes, {@link end} after the last;
 * complete rows are appended to the array given.
 */
export class SheetParser {
  /** Column widths from `<cols>`, by 0-based column. */
  readonly widths: Array<number | undefined> = [];
  /** Hidden columns from `<cols>`, by 0-based column. */
  readonly hiddenColumns: boolean[] = [];
  /** `<mergeCell>` ranges after the data (counted only when asked: the rest of the part is read for them). */
  merges = 0;
  /** The last row of `<dimension ref="A1:K100">`, 0 when the part does not say. */
  dimensionRows = 0;
  /** Nothing more is needed from this part. */
  get finished(): boolean {
    return this.where === Where.Done;
  }

  private rest = '';
  private where = Where.BeforeData;
  private rootSeen = false;
  private rowOpen = '<row';
  private cOpen = '<c';
  private cClose = '</c>';
  private vOpen = '<v>';
  private vClose = '</v>';
  private local = { v: 'v', f: 'f', is: 'is', t: 't', rPh: 'rPh' };
  private prefix = '';

  // The row being read.
  private values: CellValue[] | null = null;
  private columns: number[] | null = null;
  private raws: CopyValue[] | null = null;
  private formats: number[] | null = null;
  private rowNumber = 0;
  private lastRow = 0;
  private lastColumn = 0;
  private rowCells = 0;
  private rowChars = 0;
  private rowHeight = 0;
  private rowHidden = false;

  // Attributes of the tag just read (set by the bound callbacks, to allocate nothing per tag).
  private attrRow = 0;
  private attrColumn = 0;
  private attrStyle = 0;
  private attrKind = Kind.Number;
  private attrHeight = 0;
  private attrHidden = false;
  private attrFormulaKind = 0; // 0 normal, 1 shared, 2 array or data table
  private attrHasRef = false;
  private attrMin = 0;
  private attrMax = 0;
  private attrWidth = 0;
  private buf = '';

  private readonly onRowAttribute = (start: number, colon: number, end: number, valueStart: number, valueEnd: number): void => {
    if (colon >= 0) return;
    const buf = this.buf;
    const length = end - start;
    const first = buf.charCodeAt(start);
    if (length === 1 && first === 114 /* r */) this.attrRow = parseIntAt(buf, valueStart, valueEnd);
    else if (length === 2 && first === 104 /* ht */ && buf.charCodeAt(start + 1) === 116) this.attrHeight = Number(buf.slice(valueStart, valueEnd));
    else if (length === 6 && buf.startsWith('hidden', start)) this.attrHidden = isTrueAt(buf, valueStart, valueEnd);
  };

  private readonly onCellAttribute = (start: number, colon: number, end: number, valueStart: number, valueEnd: number): void => {
    if (colon >= 0 || end - start !== 1) return;
    const buf = this.buf;
    switch (buf.charCodeAt(start)) {
      case 114: // r
        this.attrColumn = columnAt(buf, valueStart, valueEnd);
        break;
      case 115: // s
        this.attrStyle = parseIntAt(buf, valueStart, valueEnd);
        break;
      case 116: // t
        this.attrKind = kindAt(buf, valueStart, valueEnd);
        break;
    }
  };

  private readonly onFormulaAttribute = (start: number, colon: number, end: number, valueStart: number, valueEnd: number): void => {
    if (colon >= 0) return;
    const buf = this.buf;
    const length = end - start;
    if (length === 1 && buf.charCodeAt(start) === 116 /* t */) {
      const kind = buf.slice(valueStart, valueEnd);
      this.attrFormulaKind = kind === 'shared' ? 1 : kind === 'normal' ? 0 : 2;
    } else if (length === 3 && buf.startsWith('ref', start)) {
      this.attrHasRef = true;
    }
  };

  private readonly onColAttribute = (start: number, colon: number, end: number, valueStart: number, valueEnd: number): void => {
    if (colon >= 0) return;
    const name = this.buf.slice(start, end);
    if (name === 'min') this.attrMin = parseIntAt(this.buf, valueStart, valueEnd);
    else if (name === 'max') this.attrMax = parseIntAt(this.buf, valueStart, valueEnd);
    else if (name === 'width') this.attrWidth = Number(this.buf.slice(valueStart, valueEnd));
    else if (name === 'hidden') this.attrHidden = isTrueAt(this.buf, valueStart, valueEnd);
  };

  private readonly onDimensionAttribute = (start: number, colon: number, end: number, valueStart: number, valueEnd: number): void => {
    if (colon >= 0 || end - start !== 3 || !this.buf.startsWith('ref', start)) return;
    const ref = this.buf.slice(valueStart, valueEnd);
    const last = ref.slice(ref.indexOf(':') + 1).replace(/^[A-Za-z$]+/, '');
    const rows = Number(last.replace(/\$/g, ''));
    if (Number.isInteger(rows) && rows > 0) this.dimensionRows = rows;
  };

  constructor(
    private readonly context: SheetContext,
    /** Read past `</sheetData>` to count the merged ranges. */
    private readonly countMerges = false,
  ) {}

  push(text: string, out: XlsxRow[]): void {
    if (this.where === Where.Done) return;
    const buf = this.rest.length > 0 ? this.rest + text : text;
    this.buf = buf;
    let at = 0;
    // The readers move `where` on as they go (in, out of <sheetData>, done).
    while (this.position() !== Where.Done) {
      if (this.position() === Where.InData) {
        at = this.readData(buf, at, out);
        if (this.position() === Where.InData) break;
      } else {
        at = this.readOutside(buf, at, out);
        break;
      }
    }
    this.rest = this.position() !== Where.Done && at < buf.length ? buf.slice(at) : '';
    this.buf = '';
    if (this.rest.length > this.context.limits.tagChars + 8 * this.context.limits.cellChars) {
      const row = this.values ? this.rowNumber : this.lastRow + 1;
      throw limitError(this.context.label, `sheet "${this.context.sheet}", row ${row}: a cell or tag longer than ${count(this.context.limits.cellChars)} characters`);
    }
  }

  private position(): Where {
    return this.where;
  }

  end(out: XlsxRow[]): void {
    if (this.where === Where.Done) return;
    if (this.rest.trim().length > 0) throw new XmlError('the part ends inside a tag or cell');
    if (this.where === Where.InData) throw new XmlError('the part ends inside <sheetData>');
    if (!this.rootSeen) throw new XmlError('the worksheet part is empty');
    void out;
  }

  /** Outside <sheetData>: the root, <cols>, <dimension>, then after the data, <mergeCell>. */
  private readOutside(buf: string, from: number, out: XlsxRow[]): number {
    let i = from;
    for (;;) {
      const lt = buf.indexOf('<', i);
      if (lt < 0) return buf.length;
      const special = skipSpecial(buf, lt);
      if (special < 0) return lt;
      if (special !== lt) {
        i = special;
        continue;
      }
      const closing = buf.charCodeAt(lt + 1) === SLASH;
      const start = closing ? lt + 2 : lt + 1;
      const end = nameEnd(buf, start);
      if (end < 0) return lt;
      if (closing) {
        const gt = buf.indexOf('>', end);
        if (gt < 0) return lt;
        i = gt + 1;
        continue;
      }
      const qualified = buf.slice(start, end);
      const colon = qualified.indexOf(':');
      const local = colon < 0 ? qualified : qualified.slice(colon + 1);
      const prefix = colon < 0 ? '' : qualified.slice(0, colon + 1);
      if (!this.rootSeen) {
        this.rootSeen = true;
        if (local !== 'worksheet') throw new XmlError(`the worksheet part starts with <${qualified}>, not <worksheet>`);
        this.setPrefix(prefix);
      }
      const ours = prefix === this.prefix;
      let callback: ((start: number, colon: number, end: number, valueStart: number, valueEnd: number) => void) | null = null;
      if (ours && this.where === Where.BeforeData) {
        if (local === 'col') {
          this.attrMin = 0;
          this.attrMax = 0;
          this.attrWidth = 0;
          this.attrHidden = false;
          callback = this.onColAttribute;
        } else if (local === 'dimension') {
          callback = this.onDimensionAttribute;
        }
      }
      const after = readAttributes(buf, end, callback ?? noop);
      if (after < 0) return lt;
      i = after;
      if (!ours) continue;
      if (local === 'col' && callback) this.addColumn();
      else if (local === 'sheetData' && this.where === Where.BeforeData) {
        if (buf.charCodeAt(after - 2) === SLASH) {
          this.where = this.countMerges ? Where.AfterData : Where.Done;
          if (this.where === Where.Done) return buf.length;
          continue;
        }
        this.where = Where.InData;
        const stop = this.readData(buf, i, out);
        if (this.where === Where.InData) return stop;
        if (this.where === Where.Done) return buf.length;
        i = stop;
      } else if (local === 'mergeCell' && this.where === Where.AfterData) {
        this.merges++;
      }
    }
  }

  private setPrefix(prefix: string): void {
    this.prefix = prefix;
    this.rowOpen = `<${prefix}row`;
    this.cOpen = `<${prefix}c`;
    this.cClose = `</${prefix}c>`;
    this.vOpen = `<${prefix}v>`;
    this.vClose = `</${prefix}v>`;
    this.local = { v: `${prefix}v`, f: `${prefix}f`, is: `${prefix}is`, t: `${prefix}t`, rPh: `${prefix}rPh` };
  }

  private addColumn(): void {
    const min = Math.max(1, this.attrMin);
    const max = Math.min(MAX_COLUMNS, Math.max(min, this.attrMax));
    for (let column = min; column <= max; column++) {
      if (this.attrWidth > 0) this.widths[column - 1] = this.attrWidth;
      if (this.attrHidden) this.hiddenColumns[column - 1] = true;
    }
  }

  /** Inside <sheetData>: returns where to continue (after </sheetData>), or where the text stopped. */
  private readData(buf: string, from: number, out: XlsxRow[]): number {
    const prefixLength = this.prefix.length;
    const rowOpen = this.rowOpen;
    const cOpen = this.cOpen;
    let i = from;
    for (;;) {
      const lt = buf.indexOf('<', i);
      if (lt < 0) return buf.length;
      const next = buf.charCodeAt(lt + 1);
      if (next !== next) return lt; // NaN: the text stops right after "<"
      if (next === SLASH) {
        const gt = buf.indexOf('>', lt);
        if (gt < 0) return lt;
        const name = buf.slice(lt + 2, gt).trimEnd();
        if (name === this.prefix + 'row') {
          this.endRow(out);
        } else if (name === this.prefix + 'sheetData') {
          if (this.values) this.endRow(out);
          this.where = this.countMerges ? Where.AfterData : Where.Done;
          return gt + 1;
        }
        i = gt + 1;
        continue;
      }
      if (next === 63 /* ? */ || next === 33 /* ! */) {
        const special = skipSpecial(buf, lt);
        if (special < 0) return lt;
        i = special;
        continue;
      }
      // A cell: "<c" then a space, ">" or "/".
      if (buf.startsWith(cOpen, lt) && isTagDelimiter(buf.charCodeAt(lt + 2 + prefixLength))) {
        const after = this.readCell(buf, lt + 2 + prefixLength);
        if (after < 0) return lt;
        i = after;
        continue;
      }
      if (buf.startsWith(rowOpen, lt) && isTagDelimiter(buf.charCodeAt(lt + 4 + prefixLength))) {
        this.attrRow = 0;
        this.attrHeight = 0;
        this.attrHidden = false;
        const after = readAttributes(buf, lt + 4 + prefixLength, this.onRowAttribute);
        if (after < 0) return lt;
        if (this.values) this.endRow(out); // a row never closed: take it as ended
        const number = this.attrRow > 0 ? this.attrRow : this.lastRow + 1;
        if (number <= this.lastRow) this.damaged(`row ${number} comes after row ${this.lastRow} (rows must ascend)`);
        if (number > MAX_ROWS) this.damaged(`row ${count(number)} is past Excel's last row (${count(MAX_ROWS)})`);
        this.lastRow = number;
        if (buf.charCodeAt(after - 2) !== SLASH) this.startRow(number);
        i = after;
        continue;
      }
      const stop = nameEnd(buf, lt + 1);
      if (stop < 0) return lt;
      const after = readAttributes(buf, stop, noop);
      if (after < 0) return lt;
      i = after;
    }
  }

  private startRow(number: number): void {
    this.rowNumber = number;
    this.values = [];
    if (this.context.keepCells) {
      this.columns = [];
      this.raws = [];
      this.formats = [];
    }
    this.lastColumn = 0;
    this.rowCells = 0;
    this.rowChars = 0;
    this.rowHeight = this.attrHeight;
    this.rowHidden = this.attrHidden;
  }

  private endRow(out: XlsxRow[]): void {
    const values = this.values;
    if (!values) return;
    this.values = null;
    if (values.length === 0 && (!this.columns || this.columns.length === 0)) return;
    const row = new XlsxRow(this.rowNumber, values, this.context.keepCells ? this.context.styles : null);
    if (this.context.keepCells) {
      row.columns = this.columns;
      row.raws = this.raws;
      row.formats = this.formats;
      row.height = this.rowHeight;
      row.hidden = this.rowHidden;
    }
    out.push(row);
  }

  private damaged(what: string): never {
    throw new FileError('damaged', `${this.context.label} is damaged: sheet "${this.context.sheet}": ${what}`);
  }

  /** Reads one `<c …>…</c>` whose attributes start at `attributesAt`; returns the index after it, or -1 when the text stops inside it. */
  private readCell(buf: string, attributesAt: number): number {
    this.attrColumn = 0;
    this.attrStyle = 0;
    this.attrKind = Kind.Number;
    const tagEnd = readAttributes(buf, attributesAt, this.onCellAttribute);
    if (tagEnd < 0) return -1;
    if (!this.values) this.damaged('a cell outside any row');
    let raw: string | null = null;
    let formula: string | null = null;
    let formulaKind = 0;
    let inline: string | null = null;
    let after: number;
    if (buf.charCodeAt(tagEnd - 2) === SLASH) {
      after = tagEnd;
    } else {
      let end = buf.indexOf(this.cClose, tagEnd);
      if (end < 0) return -1;
      after = end + this.cClose.length;
      const vOpen = this.vOpen;
      if (buf.startsWith(vOpen, tagEnd)) {
        // The common case, <c …><v>123</v></c>.
        const textStart = tagEnd + vOpen.length;
        const textEnd = buf.indexOf('<', textStart);
        if (textEnd >= 0 && textEnd + this.vClose.length === end && buf.startsWith(this.vClose, textEnd)) {
          raw = buf.slice(textStart, textEnd);
        } else {
          end = this.readChildren(buf, tagEnd, end);
          if (end < 0) return -1;
          after = end + this.cClose.length;
          ({ raw, formula, formulaKind, inline } = this.children);
        }
      } else {
        end = this.readChildren(buf, tagEnd, end);
        if (end < 0) return -1;
        after = end + this.cClose.length;
        ({ raw, formula, formulaKind, inline } = this.children);
      }
    }
    this.addCell(raw, formula, formulaKind, inline);
    return after;
  }

  private children = { raw: null as string | null, formula: null as string | null, formulaKind: 0, inline: null as string | null };

  /**
   * The children of a cell between `from` and its `</c>` at `end`: `<v>`, `<f>`, `<is>`. Returns
   * the `</c>` position (later than `end` when a CDATA section held "</c>"), or -1.
   */
  private readChildren(buf: string, from: number, end: number): number {
    const found = this.children;
    found.raw = null;
    found.formula = null;
    found.formulaKind = 0;
    found.inline = null;
    const names = this.local;
    let i = from;
    for (;;) {
      const lt = buf.indexOf('<', i);
      if (lt < 0) return -1;
      if (lt >= end) return end;
      const next = buf.charCodeAt(lt + 1);
      if (next === 33 || next === 63) {
        const special = skipSpecial(buf, lt);
        if (special < 0) return -1;
        i = special;
        if (i > end) end = buf.indexOf(this.cClose, i);
        if (end < 0) return -1;
        continue;
      }
      if (next === SLASH) {
        const gt = buf.indexOf('>', lt);
        if (gt < 0) return -1;
        i = gt + 1;
        continue;
      }
      const nameStop = nameEnd(buf, lt + 1);
      if (nameStop < 0) return -1;
      const name = buf.slice(lt + 1, nameStop);
      let tagEnd: number;
      if (name === names.f) {
        this.attrFormulaKind = 0;
        this.attrHasRef = false;
        tagEnd = readAttributes(buf, nameStop, this.onFormulaAttribute);
        if (tagEnd < 0) return -1;
        found.formulaKind = this.attrFormulaKind === 1 && !this.attrHasRef ? 3 /* shared follower */ : this.attrFormulaKind;
        if (buf.charCodeAt(tagEnd - 2) === SLASH) {
          i = tagEnd;
          continue;
        }
      } else {
        tagEnd = readAttributes(buf, nameStop, noop);
        if (tagEnd < 0) return -1;
        if (buf.charCodeAt(tagEnd - 2) === SLASH) {
          i = tagEnd;
          continue;
        }
      }
      if (name === names.v || name === names.f) {
        const text = this.readText(buf, tagEnd);
        if (text === null) return -1;
        if (name === names.v) found.raw = text;
        else found.formula = text;
        i = this.textEnd;
      } else if (name === names.is) {
        const text = this.readInline(buf, tagEnd);
        if (text === null) return -1;
        found.inline = text;
        i = this.textEnd;
      } else {
        i = tagEnd;
        continue;
      }
      if (i > end) {
        // A CDATA section held what looked like the cell's end: find the real one.
        end = buf.indexOf(this.cClose, i);
        if (end < 0) return -1;
      }
    }
  }

  private textEnd = 0;

  /** Raw text (entities still encoded, CDATA made into escaped text) from `from` to the next tag; sets {@link textEnd}. */
  private readText(buf: string, from: number): string | null {
    let text = '';
    let i = from;
    for (;;) {
      const lt = buf.indexOf('<', i);
      if (lt < 0) return null;
      if (buf.charCodeAt(lt + 1) === 33 && buf.startsWith('<![CDATA[', lt)) {
        const close = buf.indexOf(']]>', lt + 9);
        if (close < 0) return null;
        text += buf.slice(i, lt) + escapeText(buf.slice(lt + 9, close));
        i = close + 3;
        continue;
      }
      if (buf.charCodeAt(lt + 1) === 33 && buf.startsWith('<!--', lt)) {
        const close = buf.indexOf('-->', lt + 4);
        if (close < 0) return null;
        text += buf.slice(i, lt);
        i = close + 3;
        continue;
      }
      this.textEnd = lt;
      return i === from ? buf.slice(from, lt) : text + buf.slice(i, lt);
    }
  }

  /** The raw text of an `<is>` inline string: its `<t>` runs outside `<rPh>`; sets {@link textEnd} after `</is>`. */
  private readInline(buf: string, from: number): string | null {
    const names = this.local;
    const close = `</${names.is}>`;
    let text = '';
    let i = from;
    let phonetic = 0;
    for (;;) {
      const lt = buf.indexOf('<', i);
      if (lt < 0) return null;
      if (buf.startsWith(close, lt)) {
        this.textEnd = lt + close.length;
        return text;
      }
      const next = buf.charCodeAt(lt + 1);
      if (next === 33 || next === 63) {
        const special = skipSpecial(buf, lt);
        if (special < 0) return null;
        i = special;
        continue;
      }
      const closing = next === SLASH;
      const nameStop = nameEnd(buf, closing ? lt + 2 : lt + 1);
      if (nameStop < 0) return null;
      const name = buf.slice(closing ? lt + 2 : lt + 1, nameStop);
      const tagEnd = closing ? buf.indexOf('>', nameStop) + 1 : readAttributes(buf, nameStop, noop);
      if (tagEnd <= 0) return null;
      if (name === names.rPh && !closing && buf.charCodeAt(tagEnd - 2) !== SLASH) phonetic++;
      else if (name === names.rPh && closing) phonetic--;
      else if (name === names.t && !closing && buf.charCodeAt(tagEnd - 2) !== SLASH && phonetic === 0) {
        const run = this.readText(buf, tagEnd);
        if (run === null) return null;
        text += run;
        i = this.textEnd;
        continue;
      }
      i = tagEnd;
    }
  }

  private addCell(raw: string | null, formula: string | null, formulaKind: number, inline: string | null): void {
    const context = this.context;
    const values = this.values!;
    const column = this.attrColumn > 0 ? this.attrColumn : this.lastColumn + 1;
    if (column > MAX_COLUMNS) this.damaged(`row ${this.rowNumber} has a cell past column XFD`);
    if (column <= this.lastColumn) this.damaged(`row ${this.rowNumber}: cells out of order (column ${column} after ${this.lastColumn})`);
    this.lastColumn = column;
    if (++this.rowCells > context.limits.rowCells) throw limitError(context.label, `sheet "${context.sheet}", row ${this.rowNumber} has more than ${count(context.limits.rowCells)} cells`);
    const size = (raw?.length ?? 0) + (inline?.length ?? 0) + (formula?.length ?? 0);
    if (size > 0) {
      if (size > context.limits.cellChars) throw limitError(context.label, `sheet "${context.sheet}", row ${this.rowNumber} has a cell longer than ${count(context.limits.cellChars)} characters`);
      this.rowChars += size;
      if (this.rowChars > context.limits.rowChars) throw limitError(context.label, `sheet "${context.sheet}", row ${this.rowNumber} holds more than ${count(context.limits.rowChars)} characters`);
    }
    const style = this.attrStyle;
    let value: CellValue = null;
    let copy: CopyValue = null;
    let format = style;
    switch (this.attrKind) {
      case Kind.Number: {
        if (raw === null || raw.length === 0) break;
        const n = +raw;
        if (n !== n) {
          value = copy = decodeEntities(raw);
          break;
        }
        copy = n;
        value = style > 0 && context.styles.dateFormats[style] === 1 ? this.dateValue(n) : n;
        break;
      }
      case Kind.Shared: {
        if (raw === null || raw.length === 0) break;
        const index = +raw;
        const text = context.strings[index];
        if (text === undefined || !Number.isInteger(index)) this.damaged(`row ${this.rowNumber} refers to shared string ${raw.slice(0, 20)}, and there are ${count(context.strings.length)}`);
        value = copy = text;
        break;
      }
      case Kind.Inline:
        value = copy = decodeCellText(inline ?? raw ?? '');
        break;
      case Kind.Str:
        if (raw === null) break;
        value = copy = decodeCellText(raw);
        break;
      case Kind.Bool:
        if (raw === null || raw.length === 0) break;
        value = copy = raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : decodeEntities(raw);
        break;
      case Kind.Error:
        if (raw === null) break;
        value = decodeEntities(raw);
        copy = { error: value };
        break;
      case Kind.Date: {
        if (raw === null || raw.length === 0) break;
        const text = decodeEntities(raw);
        const day = dayFromIsoDateTime(text);
        if (day !== day) {
          value = copy = text;
          break;
        }
        value = { day };
        copy = serialFromDay(day, context.system) + timeFraction(text);
        format = style | ISO_DATE;
        break;
      }
    }
    if (formula !== null && formulaKind !== 2 && formulaKind !== 3 && formula.length > 0) {
      copy = { formula: decodeEntities(formula), result: copy === null || typeof copy === 'object' ? null : copy };
    }
    if (value !== null) {
      if (column > values.length + 1) for (let k = values.length; k < column - 1; k++) values.push(null);
      values.push(value);
    } else if (style > 0 && column > values.length) {
      // A formatted empty cell widens the row, as the table's columns (and ExcelJS) count it.
      for (let k = values.length; k < column; k++) values.push(null);
    }
    if (this.columns && (copy !== null || style > 0)) {
      this.columns.push(column);
      this.raws!.push(copy);
      this.formats!.push(format);
    }
  }

  /** A number in a date format: a `{ day }`, or the serial itself where the rules must decide (before 1900-03-01, or no date at all). */
  private dateValue(serial: number): CellValue {
    if (this.context.system === '1900' && serial < FIRST_SERIAL_AFTER_LEAP_DAY) {
      if (!this.context.dateCompatibility && serial >= 0) return { day: EPOCH_1899_12_30 + Math.floor(serial) };
      return serial;
    }
    const day = dayFromSerial(serial, this.context.system);
    return day === day ? { day } : serial;
  }
}

function noop(): void {}

function isTagDelimiter(code: number): boolean {
  return code === 32 || code === GT || code === SLASH || code === 10 || code === 13 || code === 9;
}

function isTrueAt(buf: string, from: number, to: number): boolean {
  const c = buf.charCodeAt(from);
  return to > from && (c === 49 /* 1 */ || c === 116 /* t */ || c === 84);
}

/** A non-negative integer written at [from, to); 0 when it is not one. */
function parseIntAt(buf: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 0;
    n = n * 10 + d;
  }
  return n;
}

/** The 1-based column of a cell reference such as "AB12" at [from, to); 0 when it has no letters. */
function columnAt(buf: string, from: number, to: number): number {
  let column = 0;
  for (let i = from; i < to; i++) {
    let c = buf.charCodeAt(i);
    if (c === 36 /* $ */) continue;
    if (c >= 97) c -= 32;
    if (c < 65 || c > 90) break;
    column = column * 26 + (c - 64);
    if (column > MAX_COLUMNS) return MAX_COLUMNS + 1;
  }
  return column;
}

function kindAt(buf: string, from: number, to: number): Kind {
  const length = to - from;
  const c = buf.charCodeAt(from);
  if (length === 1) {
    if (c === 115) return Kind.Shared; // s
    if (c === 110) return Kind.Number; // n
    if (c === 98) return Kind.Bool; // b
    if (c === 101) return Kind.Error; // e
    if (c === 100) return Kind.Date; // d
  }
  if (length === 3 && buf.startsWith('str', from)) return Kind.Str;
  if (length === 9 && buf.startsWith('inlineStr', from)) return Kind.Inline;
  return Kind.Number;
}

/** CDATA content as escaped text, so that one decoding pass handles both. */
function escapeText(text: string): string {
  return text.indexOf('&') < 0 ? text : text.replace(/&/g, '&amp;');
}

