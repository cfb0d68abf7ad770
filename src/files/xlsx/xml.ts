/**
 * The XML the parts of an .xlsx are written in, read with indexOf over decoded text: no DOM, no
 * regular expression per tag. Names are matched by their local part, so `x:row` (the Open XML
 * SDK's prefixes) reads like `row`. A DOCTYPE is refused outright (OOXML parts never have one,
 * and it is how entity attacks start); entities are the five of XML and numeric references only.
 *
 * The small parts (relationships, workbook, styles) are read whole with {@link forEachTag}; the
 * big ones (worksheets, shared strings) have purpose-built readers over the same helpers.
 */

/** Not well-formed XML: the caller adds the file and the part. */
export class XmlError extends Error {
  override readonly name = 'XmlError';
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;
const APOS = 39;
const EQUALS = 61;
const COLON = 58;
const QUESTION = 63;
const BANG = 33;

export function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function codePointOf(body: string): number {
  const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88; // #x
  const value = hex ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  if (!Number.isFinite(value) || value < 0 || value > 0x10ffff) throw new XmlError(`a character reference &${body}; is out of range`);
  return value;
}

/**
 * Text with its entity references replaced. Only XML's own five and numeric references exist
 * without a DTD; anything else is an error, never left as text.
 * @example decodeEntities('R&amp;D &#x263A;') //=> 'R&D ☺'
 */
export function decodeEntities(text: string): string {
  let at = text.indexOf('&');
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    const end = text.indexOf(';', at);
    if (end < 0 || end - at > 12) throw new XmlError('an & that starts no entity');
    const body = text.slice(at + 1, end);
    let replacement: string;
    switch (body) {
      case 'amp':
        replacement = '&';
        break;
      case 'lt':
        replacement = '<';
        break;
      case 'gt':
        replacement = '>';
        break;
      case 'quot':
        replacement = '"';
        break;
      case 'apos':
        replacement = "'";
        break;
      default:
        if (body.charCodeAt(0) !== 35) throw new XmlError(`the entity &${body}; (only &amp; &lt; &gt; &quot; &apos; and &#…; exist without a DTD)`);
        replacement = String.fromCodePoint(codePointOf(body));
    }
    out += text.slice(from, at) + replacement;
    from = end + 1;
    at = text.indexOf('&', from);
  }
  return out + text.slice(from);
}

const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Cell text as Excel means it: entities decoded, then the `_xHHHH_` escapes of ECMA-376
 * (22.9.2.19, ST_Xstring) that carry characters XML cannot (a line feed written `_x000D_`,
 * a literal "_x" written `_x005F_x`).
 */
export function decodeCellText(raw: string): string {
  const text = decodeEntities(raw);
  return text.indexOf('_x') < 0 ? text : text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface TagAttributes {
  /** Attribute values by local name (`r:id` is `id`), entities decoded. */
  readonly [name: string]: string | undefined;
}

export interface Tag {
  /** The local name (`x:row` is `row`). */
  readonly name: string;
  readonly prefix: string;
  readonly attributes: TagAttributes;
  /** `<name/>`: opened and closed at once. */
  readonly empty: boolean;
}

/** Where the markup construct starting at `lt` ends (one past its last character), or -1 when the text stops first. */
export function skipSpecial(text: string, lt: number): number {
  const next = text.charCodeAt(lt + 1);
  if (next === QUESTION) {
    const end = text.indexOf('?>', lt + 2);
    return end < 0 ? -1 : end + 2;
  }
  if (next === BANG) {
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      return end < 0 ? -1 : end + 3;
    }
    if (text.length - lt < 9) return -1;
    if (text.startsWith('<!DOCTYPE', lt)) throw new XmlError('it declares a DOCTYPE, which workbook parts never do (refused: that is how XML entity attacks start)');
    throw new XmlError('a "<!" that starts nothing XML knows');
  }
  return lt;
}

/**
 * Reads the attributes of a tag whose name ends at `at`. Returns the index one past the tag's
 * `>`, or -1 when the text stops inside the tag. Quoted values may hold `>`.
 */
export function readAttributes(text: string, at: number, onAttribute: (nameStart: number, colon: number, nameEnd: number, valueStart: number, valueEnd: number) => void): number {
  const length = text.length;
  let i = at;
  for (;;) {
    let code = text.charCodeAt(i);
    while (code === 32 || code === 10 || code === 13 || code === 9) code = text.charCodeAt(++i);
    if (i >= length) return -1;
    if (code === GT) return i + 1;
    if (code === SLASH) {
      if (i + 1 >= length) return -1;
      if (text.charCodeAt(i + 1) !== GT) throw new XmlError('a "/" inside a tag');
      return i + 2;
    }
    const nameStart = i;
    let colon = -1;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === EQUALS || isSpace(c)) break;
      if (c === GT || c === SLASH || c === LT) throw new XmlError('an attribute without a value');
      if (c === COLON) colon = i;
      i++;
    }
    const nameEnd = i;
    while (i < length && isSpace(text.charCodeAt(i))) i++;
    if (i >= length) return -1;
    if (text.charCodeAt(i) !== EQUALS) throw new XmlError('an attribute without "="');
    i++;
    while (i < length && isSpace(text.charCodeAt(i))) i++;
    if (i >= length) return -1;
    const quote = text.charCodeAt(i);
    if (quote !== QUOTE && quote !== APOS) throw new XmlError('an attribute value without quotes');
    const valueEnd = text.indexOf(quote === QUOTE ? '"' : "'", i + 1);
    if (valueEnd < 0) return -1;
    onAttribute(nameStart, colon, nameEnd, i + 1, valueEnd);
    i = valueEnd + 1;
  }
}

/** The end of a tag name that starts at `at` (after "<" or "</"). */
export function nameEnd(text: string, at: number): number {
  const length = text.length;
  let i = at;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === GT || c === SLASH || isSpace(c)) return i;
    i++;
  }
  return -1;
}

/**
 * Every tag of a whole (small) XML text, in order: `visit(tag)` for a start or empty tag, and
 * `close(name)` for an end tag. Text between tags is passed over (the small parts keep
 * everything in attributes).
 */
export function forEachTag(text: string, visit: (tag: Tag) => void, close?: (name: string) => void): void {
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return;
    const special = skipSpecial(text, lt);
    if (special < 0) throw new XmlError('the text ends inside a comment, CDATA section or processing instruction');
    if (special !== lt) {
      i = special;
      continue;
    }
    const closing = text.charCodeAt(lt + 1) === SLASH;
    const start = closing ? lt + 2 : lt + 1;
    const end = nameEnd(text, start);
    if (end < 0 || end === start) throw new XmlError('the text ends inside a tag');
    const qualified = text.slice(start, end);
    const colon = qualified.indexOf(':');
    const name = colon < 0 ? qualified : qualified.slice(colon + 1);
    if (closing) {
      const gt = text.indexOf('>', end);
      if (gt < 0) throw new XmlError('the text ends inside an end tag');
      close?.(name);
      i = gt + 1;
      continue;
    }
    const attributes: Record<string, string> = {};
    const after = readAttributes(text, end, (nameStart, colon, attributeEnd, valueStart, valueEnd) => {
      const full = text.slice(nameStart, attributeEnd);
      // Namespace declarations: elements are matched by local name (module comment).
      if (full === 'xmlns' || full.startsWith('xmlns:')) return;
      attributes[colon < 0 ? full : text.slice(colon + 1, attributeEnd)] = decodeEntities(text.slice(valueStart, valueEnd));
    });
    if (after < 0) throw new XmlError('the text ends inside a tag');
    const empty = text.charCodeAt(after - 2) === SLASH;
    visit({ name, prefix: colon < 0 ? '' : qualified.slice(0, colon), attributes, empty });
    if (empty) close?.(name);
    i = after;
  }
}

/** Whether a relationship type ends in `/name` in either the transitional or the strict vocabulary. */
export function relationshipIs(type: string | undefined, name: string): boolean {
  if (!type) return false;
  return type === `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${name}` || type === `http://purl.oclc.org/ooxml/officeDocument/relationships/${name}`;
}

