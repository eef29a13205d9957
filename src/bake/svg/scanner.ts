// A small, strict scanner for the XML of an SVG: tags with their attributes, text, CDATA, comments,
// processing instructions and a DOCTYPE. It builds no tree, expands no entity and loads nothing;
// it exists so that the one element baking cares about is found where XML puts it, and never
// inside a comment, a CDATA section or an attribute value.
import { ErrorCode, MicrocredError } from '../../errors.js';

/** An attribute as written: its value still has its entity references (see entities.ts). */
export interface Attribute {
  name: string;
  rawValue: string;
  /** Offsets of the whole attribute (`name="value"`) and of its value (between the quotes). */
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

export interface StartTag {
  kind: 'start';
  name: string;
  attributes: Attribute[];
  selfClosing: boolean;
  start: number;
  end: number;
  /** Offset just past the last attribute (or the name): where a new attribute goes. */
  attributesEnd: number;
}

export type Token =
  | StartTag
  | { kind: 'end'; name: string; start: number; end: number }
  | { kind: 'text' | 'cdata' | 'comment' | 'pi' | 'doctype'; start: number; end: number };

const CDATA_OPEN = '<![CDATA[';

/**
 * The tokens of `text`, in order, one at a time. Throws `ERR_IMAGE_INVALID` for XML that is not
 * well formed at this level, and `ERR_IMAGE_UNSAFE` for a DOCTYPE with an internal subset (where
 * entities are declared).
 */
export function* scanXml(text: string): Generator<Token, void, undefined> {
  let i = 0;
  while (i < text.length) {
    let token: Token;
    if (text[i] !== '<') {
      const next = text.indexOf('<', i);
      token = { kind: 'text', start: i, end: next < 0 ? text.length : next };
    } else if (text.startsWith('<!--', i)) {
      token = { kind: 'comment', start: i, end: closing(text, i, '-->', 'comment') };
    } else if (text.startsWith(CDATA_OPEN, i)) {
      token = { kind: 'cdata', start: i, end: closing(text, i, ']]>', 'CDATA section') };
    } else if (text.startsWith('<?', i)) {
      token = { kind: 'pi', start: i, end: closing(text, i, '?>', 'processing instruction') };
    } else if (text.startsWith('<!DOCTYPE', i)) {
      token = { kind: 'doctype', start: i, end: doctypeEnd(text, i) };
    } else if (text.startsWith('<!', i)) {
      throw invalid(text, i, 'a markup declaration outside a DOCTYPE');
    } else if (text.startsWith('</', i)) {
      const end = text.indexOf('>', i);
      const name = end < 0 ? '' : text.slice(i + 2, end).trim();
      if (end < 0 || !isName(name)) throw invalid(text, i, 'a malformed end tag');
      token = { kind: 'end', name, start: i, end: end + 1 };
    } else {
      token = startTag(text, i);
    }
    yield token;
    i = token.end;
  }
}

/**
 * Lines of offsets met in increasing order, counted from 1, in one pass over `text` whatever the
 * number of questions (for messages about many elements).
 */
export function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let counted = 0;
  return (offset) => {
    for (let i = text.indexOf('\n', counted); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    counted = Math.max(counted, offset);
    return line;
  };
}

/** The line of `offset` in `text`, counted from 1, for messages. */
export function lineOf(text: string, offset: number): number {
  return lineCounter(text)(offset);
}

/** The offset just past `close`, searched from `from`. */
function closing(text: string, from: number, close: string, what: string): number {
  const at = text.indexOf(close, from + 2);
  if (at < 0) throw invalid(text, from, `a ${what} that is never closed`);
  return at + close.length;
}

// A DOCTYPE may name an external DTD, which is never read; an internal subset ("[ ... ]") is where
// entities are declared, and microcred expands none.
function doctypeEnd(text: string, from: number): number {
  for (let i = from + 9; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === '[') {
      throw new MicrocredError(
        ErrorCode.IMAGE_UNSAFE,
        `The SVG's DOCTYPE (line ${lineOf(text, from)}) declares its own entities or elements; microcred expands no XML entities and reads no DTD. Remove the DOCTYPE's internal subset.`,
        { line: lineOf(text, from) },
      );
    } else if (c === '>') {
      return i + 1;
    }
  }
  throw invalid(text, from, 'a DOCTYPE that is never closed');
}

function startTag(text: string, from: number): StartTag {
  let i = from + 1;
  const nameEnd = scanName(text, i);
  const name = text.slice(i, nameEnd);
  if (!isName(name)) throw invalid(text, from, "a '<' that does not start a tag");
  i = nameEnd;
  const attributes: Attribute[] = [];
  const names = new Set<string>();
  let attributesEnd = nameEnd;
  for (;;) {
    const spaceStart = i;
    while (isSpace(text[i])) i++;
    if (i >= text.length) throw invalid(text, from, `a <${name}> tag that is never closed`);
    if (text[i] === '>')
      return { kind: 'start', name, attributes, selfClosing: false, start: from, end: i + 1, attributesEnd };
    if (text.startsWith('/>', i))
      return { kind: 'start', name, attributes, selfClosing: true, start: from, end: i + 2, attributesEnd };
    if (i === spaceStart) throw invalid(text, i, `attributes of <${name}> not separated by spaces`);
    const attribute = readAttribute(text, i, name);
    if (names.has(attribute.name)) throw invalid(text, i, `<${name}> with the attribute "${attribute.name}" twice`);
    names.add(attribute.name);
    attributes.push(attribute);
    i = attributesEnd = attribute.end;
  }
}

function readAttribute(text: string, from: number, element: string): Attribute {
  const nameEnd = scanName(text, from);
  const name = text.slice(from, nameEnd);
  let i = nameEnd;
  while (isSpace(text[i])) i++;
  if (!isName(name) || text[i] !== '=') throw invalid(text, from, `a malformed attribute in <${element}>`);
  i++;
  while (isSpace(text[i])) i++;
  const quote = text[i];
  if (quote !== '"' && quote !== "'") throw invalid(text, from, `the attribute "${name}" without a quoted value`);
  const close = text.indexOf(quote, i + 1);
  if (close < 0) throw invalid(text, from, `the attribute "${name}" whose value is never closed`);
  const rawValue = text.slice(i + 1, close);
  if (rawValue.includes('<')) throw invalid(text, from, `a '<' inside the value of "${name}"`);
  return { name, rawValue, start: from, end: close + 1, valueStart: i + 1, valueEnd: close };
}

function scanName(text: string, from: number): number {
  let i = from;
  while (i < text.length && !/[\s/>=<"'!?]/.test(text[i]!)) i++;
  return i;
}

function isName(name: string): boolean {
  return /^[A-Za-z_:][\w.:-]*$/u.test(name) || /^[\p{L}_:][\p{L}\p{N}.:_-]*$/u.test(name);
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function invalid(text: string, offset: number, what: string) {
  const line = lineOf(text, offset);
  return new MicrocredError(ErrorCode.IMAGE_INVALID, `The SVG is not well-formed XML: ${what} at line ${line}.`, {
    line,
  });
}
