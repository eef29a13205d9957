// Reading JSON text so that every reader sees the same value. RFC 8259 §4 leaves duplicate member
// names undefined: JSON.parse keeps the last, other parsers keep the first or refuse, so one text
// can be two credentials to two verifiers. And RFC 8259 §8.1 lets a parser ignore a byte-order
// mark, which editors on Windows still write; JSON.parse refuses it.
import { joinPath } from './jsonPath.js';

/** A member name written twice in one object: the name and the JSON path of the second one. */
export interface DuplicateKey {
  key: string;
  path: string;
}

const BOM = '\uFEFF';

/** `text` without a leading byte-order mark (U+FEFF), which RFC 8259 §8.1 lets a reader ignore. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * The first member name that `text` writes twice in one object, with its JSON path
 * (`credentialSubject.achievement.name`), or undefined. `text` must already be known to be JSON
 * (JSON.parse accepted it): this is one pass that skips over strings and values and looks only at
 * member names, in about the time JSON.parse takes (tens of milliseconds for 4 MiB). Names are
 * compared after their escapes are read: `"name"` and `"n\u0061me"` are the same name.
 *
 * @example
 * findDuplicateKey('{"name":"A","name":"B"}') // { key: 'name', path: 'name' }
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  // One frame per depth, reused: a large credential opens hundreds of thousands of objects.
  const open: Frame[] = [];
  let depth = -1;
  let top: Frame | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (top?.isObject && top.expectName) {
        const raw = text.slice(i + 1, end);
        const name = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (seenBefore(top, name)) return { key: name, path: joinPath(pathOf(open, depth), name) };
        top.name = name;
        top.expectName = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
      top = open[depth] ??= { isObject: false, names: undefined, expectName: false, name: '', index: 0, count: 0 };
      top.isObject = c === OPEN_OBJECT;
      top.expectName = top.isObject;
      top.names?.clear();
      top.count = 0;
      top.index = 0;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      top = open[depth];
    } else if (c === COMMA && top) {
      if (top.isObject) top.expectName = true;
      else top.index++;
    }
  }
  return undefined;
}

// True when the object of `frame` already has `name`; records it otherwise. The first name is
// kept without a set: most objects in a credential have one to five members.
function seenBefore(frame: Frame, name: string): boolean {
  if (frame.count === 0) {
    frame.count = 1;
    return false;
  }
  if (frame.count === 1) {
    if (frame.name === name) return true;
    (frame.names ??= new Set()).add(frame.name);
  }
  frame.count++;
  if (frame.names!.has(name)) return true;
  frame.names!.add(name);
  return false;
}

/** An object (with the names met so far) or an array being read. */
interface Frame {
  isObject: boolean;
  /** The names met so far in an object, once it has more than one. */
  names: Set<string> | undefined;
  count: number;
  /** In an object: the next string is a member name (after `{` or `,`), not a value. */
  expectName: boolean;
  /** The member being read, in an object; the item being read, in an array. */
  name: string;
  index: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** The offset of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    // Text JSON.parse accepted always closes its strings; anything else ends the scan, not loops.
    if (end < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/** The JSON path of the innermost open object, from the frames that enclose it. */
function pathOf(open: Frame[], depth: number): string {
  let path = '';
  for (let i = 1; i <= depth; i++) {
    const parent = open[i - 1]!;
    path = joinPath(path, parent.isObject ? parent.name : parent.index);
  }
  return path;
}
