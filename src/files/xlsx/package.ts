/**
 * An .xlsx package opened the way Open Packaging Conventions say (ECMA-376 Part 2): the workbook
 * part is found through `_rels/.rels` (not assumed at xl/workbook.xml), its relationships name
 * the worksheets, shared strings and styles, relative to the workbook's folder or absolute
 * (`/xl/worksheets/sheet1.xml`, as openpyxl writes them). The workbook part gives the sheets in
 * order with their names and hidden state, and the date system (`date1904` "1" or "true").
 * Transitional and Strict namespaces alike; part names compared without case, as OPC says.
 */
import { FileError } from '../errors';
import { count, limitError, type ReadLimits } from '../limits';
import { readEntry, readZipDirectory, type InflateRaw, type ReadAt, type ZipEntry } from '../zip';
import { decodeWhole } from './text';
import { forEachTag, relationshipIs, XmlError } from './xml';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetInfo {
  readonly name: string;
  readonly state: SheetState;
  /** The worksheet's zip entry, or null (a chart sheet, or a relationship that points nowhere). */
  readonly entry: ZipEntry | null;
}

export interface WorkbookPackage {
  /** How messages name the file. */
  readonly label: string;
  readonly read: ReadAt;
  readonly inflate: InflateRaw;
  readonly limits: ReadLimits;
  readonly workbookPart: string;
  readonly date1904: boolean;
  /**
   * `dateCompatibility="false"` (ISO 29500): serials count from 1899-12-30 without Excel's
   * fictitious 1900-02-29. Only serials before 1900-03-01 differ from the 1900 system.
   */
  readonly dateCompatibility: boolean;
  readonly sheets: readonly SheetInfo[];
  readonly sharedStrings: ZipEntry | null;
  readonly styles: ZipEntry | null;
  /** Inflated bytes of the XML parts, as the zip directory states them. */
  readonly xmlBytes: number;
  /** Inflated bytes of all parts (images, embedded files too). */
  readonly allBytes: number;
}

const WORKBOOK_FALLBACK = 'xl/workbook.xml';

/** The not-well-formed XML of a part, as one line naming the file and the part. */
export function xmlFailure(error: unknown, label: string, part: string): unknown {
  if (error instanceof XmlError) return new FileError('damaged', `${label} is damaged: ${part} is not well-formed XML (${error.message})`);
  return error;
}

/** The folder of a part name, with its trailing slash ("xl/" for "xl/workbook.xml"). */
function folderOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? '' : part.slice(0, slash + 1);
}

/** The relationships part of a part: xl/_rels/workbook.xml.rels for xl/workbook.xml. */
function relationshipsPartOf(part: string): string {
  const folder = folderOf(part);
  return `${folder}_rels/${part.slice(folder.length)}.rels`;
}

/** A relationship target as a part name: absolute ("/xl/…") or relative to the source's folder, with ".." resolved. */
export function resolveTarget(sourcePart: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : folderOf(sourcePart) + target;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

interface Relationship {
  readonly type: string;
  readonly target: string;
}

function parseRelationships(xml: string): Map<string, Relationship> {
  const found = new Map<string, Relationship>();
  forEachTag(xml, (tag) => {
    if (tag.name !== 'Relationship') return;
    const { Id: id, Type: type, Target: target, TargetMode: mode } = tag.attributes;
    if (id !== undefined && type !== undefined && target !== undefined && mode !== 'External') found.set(id, { type, target: decodeURIComponentSafe(target) });
  });
  return found;
}

/** Targets are URIs: "%20" is a space in the part name. */
function decodeURIComponentSafe(target: string): string {
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

function notXlsx(names: ReadonlySet<string>, label: string): FileError {
  if (names.has('xl/workbook.bin')) return new FileError('not-a-workbook', `${label} is a binary .xlsb workbook: save it as .xlsx (Excel Workbook) and scan that`);
  if (names.has('content.xml') && names.has('mimetype')) return new FileError('not-a-workbook', `${label} is an OpenDocument file (.ods): save it as .xlsx and scan that`);
  if (names.has('word/document.xml')) return new FileError('not-a-workbook', `${label} is a Word document, not a workbook`);
  if (names.has('ppt/presentation.xml')) return new FileError('not-a-workbook', `${label} is a PowerPoint presentation, not a workbook`);
  return new FileError('not-a-workbook', `${label} is a zip file but not an .xlsx workbook (it has no xl/workbook.xml)`);
}

function isTrue(value: string | undefined): boolean {
  const lower = value?.toLowerCase();
  return lower === '1' || lower === 'true' || lower === 'on';
}

/** Opens an .xlsx: its zip directory, workbook part and relationships. Reads no worksheet yet. */
export async function openPackage(read: ReadAt, size: number, inflate: InflateRaw, label: string, limits: ReadLimits): Promise<WorkbookPackage> {
  const entries = await readZipDirectory(read, size, label, limits);
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) if (!entry.name.endsWith('/')) byName.set(entry.name.toLowerCase(), entry);
  const find = (part: string) => byName.get(part.toLowerCase()) ?? null;
  const text = async (entry: ZipEntry) => decodeWhole(await readEntry(read, entry, inflate, label, limits, limits.otherPartBytes));
  const relationshipsOf = async (part: string): Promise<Map<string, Relationship>> => {
    const name = relationshipsPartOf(part);
    const entry = find(name);
    if (!entry) return new Map();
    try {
      return parseRelationships(await text(entry));
    } catch (error) {
      throw xmlFailure(error, label, name);
    }
  };

  // The package's own relationships name the workbook part (the "officeDocument").
  let workbookPart: string | null = null;
  for (const relationship of (await relationshipsOf('')).values()) {
    if (relationshipIs(relationship.type, 'officeDocument')) {
      workbookPart = resolveTarget('', relationship.target);
      break;
    }
  }
  if (workbookPart?.toLowerCase().endsWith('.bin')) throw notXlsx(new Set(['xl/workbook.bin']), label);
  if (!workbookPart || !find(workbookPart)) workbookPart = find(WORKBOOK_FALLBACK) ? WORKBOOK_FALLBACK : null;
  if (!workbookPart) throw notXlsx(new Set(byName.keys()), label);
  const workbookEntry = find(workbookPart)!;

  const relationships = await relationshipsOf(workbookEntry.name);
  let date1904 = false;
  let dateCompatibility = true;
  const sheets: SheetInfo[] = [];
  try {
    forEachTag(await text(workbookEntry), (tag) => {
      if (tag.name === 'workbookPr') {
        date1904 = isTrue(tag.attributes.date1904);
        if (tag.attributes.dateCompatibility !== undefined) dateCompatibility = isTrue(tag.attributes.dateCompatibility);
      } else if (tag.name === 'sheet') {
        const name = tag.attributes.name;
        if (name === undefined) return;
        if (sheets.length >= limits.sheets) throw limitError(label, `it has more than ${count(limits.sheets)} sheets`);
        const relationship = relationships.get(tag.attributes.id ?? '');
        const entry = relationship && relationshipIs(relationship.type, 'worksheet') ? find(resolveTarget(workbookEntry.name, relationship.target)) : null;
        const state = tag.attributes.state;
        sheets.push({ name, state: state === 'hidden' || state === 'veryHidden' ? state : 'visible', entry });
      }
    });
  } catch (error) {
    throw xmlFailure(error, label, workbookEntry.name);
  }

  let sharedStrings: ZipEntry | null = null;
  let styles: ZipEntry | null = null;
  for (const relationship of relationships.values()) {
    if (relationshipIs(relationship.type, 'sharedStrings')) sharedStrings ??= find(resolveTarget(workbookEntry.name, relationship.target));
    else if (relationshipIs(relationship.type, 'styles')) styles ??= find(resolveTarget(workbookEntry.name, relationship.target));
  }
  const xmlBytes = entries.reduce((sum, entry) => (/\.(xml|rels)$/i.test(entry.name) ? sum + entry.size : sum), 0);
  const allBytes = entries.reduce((sum, entry) => sum + entry.size, 0);
  return { label, read, inflate, limits, workbookPart: workbookEntry.name, date1904, dateCompatibility, sheets, sharedStrings, styles, xmlBytes, allBytes };
}
