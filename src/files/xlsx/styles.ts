/**
 * styles.xml: which cell formats (`s="N"` of a cell, an index into cellXfs) show a date, and for
 * the annotated copy, each format as a {@link CellFormat} (number format, font, fill, border,
 * alignment, protection). Elements are taken by their place in the tree (`styleSheet/fonts/font`),
 * so the fonts of an extension's differential formats are not mistaken for cell fonts.
 */
import { limitError, count } from '../limits';
import type { CellFormat, FormatColor, FormatBorderSide } from '../target';
import { forEachTag, type Tag } from './xml';

/** Excel's built-in number formats (ECMA-376 Part 1, 18.8.30), as ExcelJS names them so its writer maps them back to their ids. */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** Built-in ids whose format depends on the language and shows a date or time (27–36, 50–58: East Asian dates). */
function isBuiltInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * Whether a number format code shows a date or time: after quoted text, escaped and padding
 * characters and bracketed parts (colours, locales, elapsed [h]) are taken out, a y, m, d, h, s
 * or b (Buddhist year) remains. ExcelJS's rule too, so the two agree on what is a date.
 * @example isDateFormat('dd.mm.yyyy') //=> true
 * @example isDateFormat('#,##0.00 "kr"') //=> false
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General/gi, '');
  return /[ymdhsb]/i.test(bare);
}

interface Xf {
  readonly numFmtId: number;
  readonly fontId: number;
  readonly fillId: number;
  readonly borderId: number;
  alignment?: CellFormat['alignment'];
  protection?: CellFormat['protection'];
}

export interface StyleTable {
  /** 1 where cell format N shows a date. */
  readonly dateFormats: Uint8Array;
  /** The cell format N as the copy writes it; undefined for the default format 0 and unknown ones. */
  formatOf(index: number): CellFormat | undefined;
}

/** The table of a workbook without styles.xml: nothing is a date. */
export const NO_STYLES: StyleTable = { dateFormats: new Uint8Array(0), formatOf: () => undefined };

function numberOf(value: string | undefined, fallback = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

function bool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return value === '1' || value.toLowerCase() === 'true';
}

function colorOf(tag: Tag): FormatColor | undefined {
  const a = tag.attributes;
  if (a.rgb !== undefined) return { argb: a.rgb.length === 6 ? `FF${a.rgb}` : a.rgb };
  if (a.theme !== undefined) return a.tint !== undefined ? { theme: numberOf(a.theme), tint: numberOf(a.tint) } : { theme: numberOf(a.theme) };
  if (a.indexed !== undefined) return { indexed: numberOf(a.indexed) };
  return undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type FontModel = Mutable<NonNullable<CellFormat['font']>>;
type FillModel = { pattern: string; fgColor?: FormatColor; bgColor?: FormatColor } | null;
type BorderModel = Mutable<NonNullable<CellFormat['border']>>;

/** Reads styles.xml (its whole text; the part's size is limited like every small part). */
export function parseStyles(xml: string, label: string, maxFormats: number): StyleTable {
  const codes = new Map<number, string>();
  const xfs: Xf[] = [];
  const fonts: FontModel[] = [];
  const fills: FillModel[] = [];
  const borders: BorderModel[] = [];
  const path: string[] = [];
  let font: FontModel | null = null;
  let fill: { pattern: string; fgColor?: FormatColor; bgColor?: FormatColor } | null = null;
  let inFill = false;
  let border: BorderModel | null = null;
  let side: (Mutable<FormatBorderSide> & { key: string }) | null = null;
  let xf: Xf | null = null;

  forEachTag(
    xml,
    (tag) => {
      const parent = path[path.length - 1];
      const grand = path[path.length - 2];
      const top = path.length === 2 ? parent : null; // a direct child of styleSheet's child
      const a = tag.attributes;
      switch (tag.name) {
        case 'numFmt':
          if (parent === 'numFmts' && path.length === 2 && a.numFmtId !== undefined && a.formatCode !== undefined) codes.set(numberOf(a.numFmtId, -1), a.formatCode);
          break;
        case 'xf':
          if (top === 'cellXfs') {
            if (xfs.length >= maxFormats) throw limitError(label, `its styles hold more than ${count(maxFormats)} cell formats`);
            xf = { numFmtId: numberOf(a.numFmtId), fontId: numberOf(a.fontId), fillId: numberOf(a.fillId), borderId: numberOf(a.borderId) };
            xfs.push(xf);
          }
          break;
        case 'alignment':
          if (xf && parent === 'xf' && grand === 'cellXfs') {
            const rotation = a.textRotation === undefined ? undefined : numberOf(a.textRotation);
            xf.alignment = {
              ...(a.horizontal !== undefined && { horizontal: a.horizontal as never }),
              ...(a.vertical !== undefined && { vertical: a.vertical as never }),
              ...(bool(a.wrapText) && { wrapText: true }),
              ...(bool(a.shrinkToFit) && { shrinkToFit: true }),
              ...(a.indent !== undefined && numberOf(a.indent) > 0 && { indent: numberOf(a.indent) }),
              ...(a.readingOrder === '1' && { readingOrder: 'ltr' as const }),
              ...(a.readingOrder === '2' && { readingOrder: 'rtl' as const }),
              ...(rotation !== undefined && rotation !== 0 && { textRotation: rotation === 255 ? ('vertical' as const) : rotation > 90 ? 90 - rotation : rotation }),
            };
          }
          break;
        case 'protection':
          if (xf && parent === 'xf' && grand === 'cellXfs') {
            xf.protection = { ...(a.locked !== undefined && { locked: bool(a.locked) }), ...(a.hidden !== undefined && { hidden: bool(a.hidden) }) };
          }
          break;
        case 'font':
          if (top === 'fonts') {
            font = {};
            fonts.push(font);
          }
          break;
        case 'fill':
          if (top === 'fills') {
            inFill = true;
            fill = null;
          }
          break;
        case 'patternFill':
          if (inFill && parent === 'fill') fill = { pattern: a.patternType ?? 'none' };
          break;
        case 'fgColor':
        case 'bgColor':
          if (fill && parent === 'patternFill') {
            const color = colorOf(tag);
            if (color) fill[tag.name] = color;
          }
          break;
        case 'border':
          if (top === 'borders') {
            border = {};
            borders.push(border);
            if (bool(a.diagonalUp) || bool(a.diagonalDown)) border.diagonal = { up: bool(a.diagonalUp) ?? false, down: bool(a.diagonalDown) ?? false };
          }
          break;
        case 'left':
        case 'right':
        case 'top':
        case 'bottom':
        case 'diagonal':
        case 'start':
        case 'end':
          if (border && parent === 'border' && a.style !== undefined && a.style !== 'none') {
            const key = tag.name === 'start' ? 'left' : tag.name === 'end' ? 'right' : tag.name;
            side = { key, style: a.style as FormatBorderSide['style'] };
          }
          break;
        case 'color':
          if (font && parent === 'font') {
            const color = colorOf(tag);
            if (color) font.color = color;
          } else if (side && parent !== 'font') {
            const color = colorOf(tag);
            if (color) side.color = color;
          }
          break;
        default:
          if (font && parent === 'font') applyFontProperty(font, tag);
      }
      if (!tag.empty) path.push(tag.name);
    },
    (name) => {
      if (path[path.length - 1] === name) path.pop();
      // path now ends at the parent of the element just closed.
      if (path.length === 2) {
        if (name === 'font') font = null;
        else if (name === 'fill' && inFill) {
          fills.push(fill);
          inFill = false;
          fill = null;
        } else if (name === 'border') border = null;
        else if (name === 'xf') xf = null;
      } else if (path.length === 3 && side && border && name !== 'color') {
        const { key, ...rest } = side;
        (border as Record<string, unknown>)[key] = key === 'diagonal' ? { ...(border.diagonal ?? {}), ...rest } : rest;
        side = null;
      }
    },
  );

  const codeOf = (id: number): string | undefined => codes.get(id) ?? BUILT_IN_FORMATS[id];
  const dateFormats = new Uint8Array(xfs.length);
  xfs.forEach((entry, index) => {
    const code = codes.get(entry.numFmtId);
    dateFormats[index] = (code !== undefined ? isDateFormat(code) : isBuiltInDate(entry.numFmtId)) ? 1 : 0;
  });

  const built: Array<CellFormat | undefined | null> = new Array(xfs.length).fill(null);
  return {
    dateFormats,
    formatOf(index: number): CellFormat | undefined {
      if (index <= 0 || index >= xfs.length) return undefined;
      const cached = built[index];
      if (cached !== null) return cached;
      const entry = xfs[index];
      const code = codeOf(entry.numFmtId) ?? (isBuiltInDate(entry.numFmtId) ? 'yyyy-mm-dd' : undefined);
      const fontModel = entry.fontId > 0 ? fonts[entry.fontId] : undefined;
      const fillModel = entry.fillId > 1 ? fills[entry.fillId] : undefined;
      const borderModel = entry.borderId > 0 ? borders[entry.borderId] : undefined;
      const format: Mutable<CellFormat> = {};
      if (code !== undefined && code !== 'General') format.numFmt = code;
      if (fontModel && Object.keys(fontModel).length > 0) format.font = fontModel;
      if (fillModel && fillModel.pattern !== 'none') format.fill = { type: 'pattern', ...fillModel };
      if (borderModel && Object.keys(borderModel).length > 0) format.border = borderModel;
      if (entry.alignment && Object.keys(entry.alignment).length > 0) format.alignment = entry.alignment;
      if (entry.protection && Object.keys(entry.protection).length > 0) format.protection = entry.protection;
      const result = Object.keys(format).length > 0 ? format : undefined;
      built[index] = result;
      return result;
    },
  };
}

function applyFontProperty(font: FontModel, tag: Tag): void {
  const value = tag.attributes.val;
  switch (tag.name) {
    case 'b':
      font.bold = value === undefined || bool(value) === true;
      break;
    case 'i':
      font.italic = value === undefined || bool(value) === true;
      break;
    case 'strike':
      font.strike = value === undefined || bool(value) === true;
      break;
    case 'outline':
      font.outline = value === undefined || bool(value) === true;
      break;
    case 'u':
      font.underline = value === undefined || value === 'single' ? true : (value as FontModel['underline']);
      break;
    case 'sz':
      if (value !== undefined) font.size = numberOf(value, 11);
      break;
    case 'name':
    case 'rFont':
      if (value !== undefined) font.name = value;
      break;
    case 'family':
      if (value !== undefined) font.family = numberOf(value);
      break;
    case 'scheme':
      if (value === 'minor' || value === 'major' || value === 'none') font.scheme = value;
      break;
    case 'charset':
      if (value !== undefined) font.charset = numberOf(value);
      break;
    case 'vertAlign':
      if (value === 'superscript' || value === 'subscript') font.vertAlign = value;
      break;
  }
}
