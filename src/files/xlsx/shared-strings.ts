/**
 * The shared-strings part (sharedStrings.xml): every `<si>` in order, its text the `<t>` runs
 * joined (rich text) without the phonetic `<rPh>` runs, entities and `_xHHHH_` escapes decoded.
 * Read as it inflates; the table is the one thing of a workbook kept whole in memory, so its
 * entries and characters are limited.
 */
import * as limits from '../limits';
import type { ReadLimits } from '../limits';
import * as xml from './xml';

// Module-local bindings (see sheet.ts: imported bindings cost a getter per use once transpiled).
const { decodeCellText, isSpace, nameEnd, readAttributes, skipSpecial, XmlError } = xml;
const { count, limitError } = limits;

const SLASH = 47;
const GT = 62;

function noop(): void {}

export class SharedStringsParser {
  readonly strings: string[] = [];
  private chars = 0;
  private rest = '';
  private prefix: string | null = null;
  private siOpen = '<si';
  private siClose = '</si>';
  private tOpen = '<t';
  private tClose = '</t>';
  private rPhOpen = '<rPh';
  private rPhClose = '</rPh>';

  constructor(
    private readonly label: string,
    private readonly limits: ReadLimits,
  ) {}

  push(text: string): void {
    const buf = this.rest.length > 0 ? this.rest + text : text;
    let i = 0;
    if (this.prefix === null) {
      i = this.findRoot(buf);
      if (i < 0) {
        this.rest = buf;
        return;
      }
    }
    const siOpen = this.siOpen;
    for (;;) {
      const at = buf.indexOf(siOpen, i);
      if (at < 0) {
        // Keep a tail that may be the start of "<si".
        i = Math.max(i, buf.length - siOpen.length);
        break;
      }
      const after = buf.charCodeAt(at + siOpen.length);
      if (Number.isNaN(after)) {
        i = at;
        break;
      }
      if (!(isSpace(after) || after === GT || after === SLASH)) {
        i = at + siOpen.length; // <sic…>: not ours
        continue;
      }
      const tagEnd = readAttributes(buf, at + siOpen.length, noop);
      if (tagEnd < 0) {
        i = at;
        break;
      }
      if (buf.charCodeAt(tagEnd - 2) === SLASH) {
        this.add('');
        i = tagEnd;
        continue;
      }
      const close = buf.indexOf(this.siClose, tagEnd);
      if (close < 0) {
        i = at;
        break;
      }
      this.add(this.textOf(buf, tagEnd, close));
      i = close + this.siClose.length;
    }
    this.rest = i < buf.length ? buf.slice(i) : '';
    if (this.rest.length > this.limits.tagChars + 8 * this.limits.cellChars) {
      throw limitError(this.label, `a shared string is longer than ${count(this.limits.cellChars)} characters`);
    }
  }

  end(): string[] {
    if (this.prefix === null && this.rest.trim().length > 0) throw new XmlError('the shared strings have no root element');
    return this.strings;
  }

  private findRoot(buf: string): number {
    let i = 0;
    for (;;) {
      const lt = buf.indexOf('<', i);
      if (lt < 0) return -1;
      const special = skipSpecial(buf, lt);
      if (special < 0) return -1;
      if (special !== lt) {
        i = special;
        continue;
      }
      const end = nameEnd(buf, lt + 1);
      if (end < 0) return -1;
      const qualified = buf.slice(lt + 1, end);
      const colon = qualified.indexOf(':');
      const p = colon < 0 ? '' : qualified.slice(0, colon + 1);
      if (qualified.slice(colon + 1) !== 'sst') throw new XmlError(`the shared strings start with <${qualified}>, not <sst>`);
      this.prefix = p;
      this.siOpen = `<${p}si`;
      this.siClose = `</${p}si>`;
      this.tOpen = `<${p}t`;
      this.tClose = `</${p}t>`;
      this.rPhOpen = `<${p}rPh`;
      this.rPhClose = `</${p}rPh>`;
      return end;
    }
  }

  /** The text of one `<si>`: its `<t>` runs, outside `<rPh>`. */
  private textOf(buf: string, from: number, to: number): string {
    // The common case: <si><t>text</t></si> (or <t xml:space="preserve">).
    if (buf.startsWith(this.tOpen, from)) {
      const after = buf.charCodeAt(from + this.tOpen.length);
      if (after === GT || isSpace(after)) {
        const open = after === GT ? from + this.tOpen.length + 1 : buf.indexOf('>', from) + 1;
        const textEnd = buf.indexOf('<', open);
        if (textEnd >= 0 && textEnd + this.tClose.length === to && buf.startsWith(this.tClose, textEnd)) return this.decode(buf.slice(open, textEnd));
      }
    }
    let raw = '';
    let i = from;
    while (i < to) {
      const lt = buf.indexOf('<', i);
      if (lt < 0 || lt >= to) break;
      if (buf.startsWith(this.rPhOpen, lt)) {
        const close = buf.indexOf(this.rPhClose, lt);
        if (close < 0 || close > to) throw new XmlError('an <rPh> run that does not close');
        i = close + this.rPhClose.length;
        continue;
      }
      if (buf.startsWith(this.tOpen, lt)) {
        const after = buf.charCodeAt(lt + this.tOpen.length);
        if (after === GT || isSpace(after) || after === SLASH) {
          const open = readAttributes(buf, lt + this.tOpen.length, noop);
          if (open < 0) throw new XmlError('a <t> tag that does not end');
          if (buf.charCodeAt(open - 2) === SLASH) {
            i = open;
            continue;
          }
          let j = open;
          for (;;) {
            const next = buf.indexOf('<', j);
            if (next < 0 || next > to) throw new XmlError('a <t> run that does not close');
            if (buf.startsWith('<![CDATA[', next)) {
              const end = buf.indexOf(']]>', next);
              if (end < 0) throw new XmlError('a CDATA section that does not close');
              // CDATA is literal text: its & must come through the entity decoding as itself.
              raw += buf.slice(j, next) + buf.slice(next + 9, end).replace(/&/g, '&amp;');
              j = end + 3;
              continue;
            }
            raw += buf.slice(j, next);
            i = next;
            break;
          }
          continue;
        }
      }
      const special = skipSpecial(buf, lt);
      if (special !== lt) {
        i = special < 0 ? to : special;
        continue;
      }
      const gt = buf.indexOf('>', lt);
      i = gt < 0 ? to : gt + 1;
    }
    return this.decode(raw);
  }

  private decode(raw: string): string {
    const text = decodeCellText(raw);
    if (text.length > this.limits.cellChars) throw limitError(this.label, `shared string ${count(this.strings.length)} is longer than ${count(this.limits.cellChars)} characters`);
    return text;
  }

  private add(text: string): void {
    if (this.strings.length >= this.limits.sharedStrings) throw limitError(this.label, `its shared strings hold more than ${count(this.limits.sharedStrings)} entries`);
    this.chars += text.length;
    if (this.chars > this.limits.sharedStringChars) throw limitError(this.label, `its shared strings hold more than ${count(this.limits.sharedStringChars)} characters`);
    this.strings.push(text);
  }
}
