// Single changes to the values of a JSON document, labelled as JSON-LD reads them: a value removed,
// changed, retyped, renamed, wrapped or repeated; array elements removed, repeated, swapped, added.
// Used on credentials and their proofs (./mutate.ts) and on a VC-JWT's header and payload
// (./jwtMutations.ts, where every one must be rejected).
import { joinPath } from '../../src/jsonPath.js';
import type { AllowedChange, Mutation } from './allowList.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Doc = Record<string, unknown>;
export type Key = string | number;

// JSON-LD's @id under the name every VC / OB context gives it, and the one @list term (OB 3.0.2/3.0.3).
const ID_KEYS = new Set(['id', '@id']);
const LIST_TERMS = new Set(['allowedValue']);
// Values of every JSON type, for "type-changed" (two per position, see valueChanges).
const RETYPES: Json[] = [31337, 'mutation', false, null, {}, []];

/** `value` with every object's members in reverse order. */
export function reverseMembers(value: Json): Json {
  if (Array.isArray(value)) return value.map(reverseMembers);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseMembers(v)]),
  );
}

/**
 * Every single change to the members of a plain JSON object, with no JSON-LD allowances: for a
 * format that signs bytes (a VC-JWT's header and payload), each one must be rejected.
 */
export function* objectMutations(doc: Doc): Generator<Mutation> {
  yield* addedMembers(doc, []);
  for (const [key, value] of Object.entries(doc)) yield* memberChanges(doc, [key], value as Json);
}

export function* memberChanges(base: Doc, path: Key[], value: Json): Generator<Mutation> {
  const key = path[path.length - 1] as string;
  const shown = render(path);
  const replace = (next: Json, change: string, allowed?: AllowedChange): Mutation => ({
    path: shown,
    change,
    input: setAt(base, path, next),
    ...(allowed ? { allowed } : {}),
  });

  yield { path: shown, change: 'removed', input: removeAt(base, path), ...removal(base, path) };
  yield { path: shown, change: 'key renamed', input: renameAt(base, path, `${key}Mutated`) };
  // Another term may name the same property (OB 3.0 maps both "criteria" and "Criteria" to one IRI).
  const recased =
    key.charAt(0) === key.charAt(0).toUpperCase()
      ? key.charAt(0).toLowerCase() + key.slice(1)
      : key.charAt(0).toUpperCase() + key.slice(1);
  if (recased !== key)
    yield {
      path: shown,
      change: "key's first letter case changed",
      input: renameAt(base, path, recased),
      allowedIfSameStatements: true,
    };
  yield* valueChanges(base, path, value);
  if (!Array.isArray(value)) {
    yield replace([value], 'wrapped in a one-element array', ID_KEYS.has(key) ? undefined : 'one-element-array');
    yield replace(
      [value, structuredClone(value)],
      'repeated in an array',
      repeatable(value, key) ? 'repeated-statement' : undefined,
    );
  }
  if (Array.isArray(value)) yield* arrayChanges(base, path, value, key);
  else if (value !== null && typeof value === 'object') {
    yield* addedMembers(base, path);
    for (const [k, v] of Object.entries(value)) if (k !== '@context') yield* memberChanges(base, [...path, k], v);
  }
}

// Members no context defines, added to the object at `path`: "__proto__" (which a copy by
// assignment turns into a prototype, hiding it) and an ordinary undefined term.
export function* addedMembers(base: Doc, path: Key[]): Generator<Mutation> {
  for (const name of ['__proto__', 'mutationAdded']) {
    const input = edit(base, [...path, name], (parent, key) => {
      Object.defineProperty(parent, key, {
        value: { polluted: true },
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    yield { path: render(path) || '(document)', change: `member "${name}" added`, input };
  }
}

function* arrayChanges(base: Doc, path: Key[], items: Json[], key: string): Generator<Mutation> {
  const shown = render(path);
  const replace = (next: Json[], change: string, allowed?: AllowedChange): Mutation => ({
    path: shown,
    change,
    input: setAt(base, path, next),
    ...(allowed ? { allowed } : {}),
  });
  const ordered = LIST_TERMS.has(key);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Json;
    const rest = items.filter((_, j) => j !== i);
    const stillThere = repeatable(item, key) && rest.some((other) => sameJson(other, item));
    yield replace(
      rest,
      `element ${i} removed`,
      stillThere || statedElsewhere(base, path.slice(0, -1), key, [item]) ? 'repeated-statement' : undefined,
    );
    yield replace(
      [...items, structuredClone(item)],
      `element ${i} repeated at the end`,
      repeatable(item, key) ? 'repeated-statement' : undefined,
    );
    if (i + 1 < items.length && !sameJson(item, items[i + 1] as Json))
      yield replace(swap(items, i), `elements ${i} and ${i + 1} swapped`, ordered ? undefined : 'set-order');
    yield* valueChanges(base, [...path, i], item);
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      for (const [k, v] of Object.entries(item)) if (k !== '@context') yield* memberChanges(base, [...path, i, k], v);
    }
  }
  if (items.length > 0) yield replace([...items, addedElement(items[0] as Json)], 'a new element added');
}

// Changes of the value itself: another value of the same JSON type, then values of other types.
function* valueChanges(base: Doc, path: Key[], value: Json): Generator<Mutation> {
  const shown = render(path);
  const replace = (next: Json, change: string): Mutation => ({ path: shown, change, input: setAt(base, path, next) });
  if (typeof value === 'string') {
    // A realistic forgery (a date moved, one character changed) and an invisible one.
    if (/^\d{4}-\d\d-\d\dT/.test(value))
      yield replace(`${Number(value.slice(0, 4)) + 1}${value.slice(4)}`, 'changed: moved one year later');
    else if (value.length === 0) yield replace('x', 'changed: a character added');
    else {
      const middle = Math.floor(value.length / 2);
      yield replace(
        value.slice(0, middle) + String.fromCharCode(value.charCodeAt(middle) + 1) + value.slice(middle + 1),
        'changed: one character in the middle',
      );
    }
    yield replace(`\u200b${value}`, 'changed: a zero-width space prepended');
  } else if (typeof value === 'number') {
    yield replace(value + 1, 'changed: plus one');
    yield replace(value + 0.5, 'changed: plus one half');
  } else if (typeof value === 'boolean') {
    yield replace(!value, 'changed: negated');
  }
  // Two values of other JSON types per position, rotating through RETYPES so that every type
  // appears at every depth: a hash changes the same way whatever the new type, while each position
  // still meets a wrong type (the fuzz suite puts every type at every position).
  const others = RETYPES.filter((target) => jsonType(target) !== jsonType(value));
  const start = hash(shown) % others.length;
  for (const target of [others[start], others[(start + 1) % others.length]] as Json[]) {
    // null and [] say nothing: like a removal, they keep the statements when these are made elsewhere.
    const empty = target === null || (Array.isArray(target) && target.length === 0);
    yield {
      ...replace(structuredClone(target), `type-changed to ${JSON.stringify(target)}`),
      ...(empty ? removal(base, path) : {}),
    };
  }
}

// A member (or element) whose every value is also stated by another node with the same id: removing
// it removes no statement (nodes with one id merge into one node).
function removal(base: Doc, path: Key[]): { allowed?: AllowedChange } {
  const last = path[path.length - 1] as Key;
  if (typeof last === 'number') {
    const holder = path.slice(0, -1);
    const items = readAt(base, holder) as Json[];
    const item = items[last] as Json;
    const key = holder[holder.length - 1] as string;
    const kept = repeatable(item, key) && items.some((other, j) => j !== last && sameJson(other, item));
    return kept || statedElsewhere(base, holder.slice(0, -1), key, [item]) ? { allowed: 'repeated-statement' } : {};
  }
  const value = readAt(base, path) as Json;
  return statedElsewhere(base, path.slice(0, -1), last, Array.isArray(value) ? value : [value])
    ? { allowed: 'repeated-statement' }
    : {};
}

function statedElsewhere(base: Doc, nodePath: Key[], key: string, values: Json[]): boolean {
  const node = readAt(base, nodePath) as Doc | undefined;
  const id = node?.id;
  if (typeof id !== 'string' || ID_KEYS.has(key) || !values.every((v) => repeatable(v, key))) return false;
  const twins = nodesWithId(base as Json, id).filter((other) => other !== node);
  return values.every((v) => twins.some((twin) => [twin[key]].flat().some((w) => sameJson(w as Json, v))));
}

function nodesWithId(value: Json, id: string, found: Doc[] = []): Doc[] {
  if (Array.isArray(value)) for (const item of value) nodesWithId(item, id, found);
  else if (value !== null && typeof value === 'object') {
    if (value.id === id) found.push(value);
    for (const [k, v] of Object.entries(value)) if (k !== '@context') nodesWithId(v, id, found);
  }
  return found;
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

// A repeated value is the same statement only for literals and nodes with an id and no blank node
// (or list) anywhere under them; `id` itself must stay a single string.
function repeatable(value: Json, key: string): boolean {
  if (ID_KEYS.has(key) || LIST_TERMS.has(key)) return false;
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every((v) => repeatable(v, key));
  if ('@value' in value) return true;
  if (typeof value.id !== 'string' && typeof value['@id'] !== 'string') return false;
  return Object.entries(value).every(([k, v]) => k === '@context' || ID_KEYS.has(k) || repeatable(v, k));
}

function addedElement(like: Json): Json {
  if (typeof like === 'string') return like.includes(':') ? 'urn:example:mutation-added' : 'mutation-added';
  if (typeof like === 'number') return like + 1000;
  if (like !== null && typeof like === 'object' && !Array.isArray(like)) {
    // A copy of a blank node is a second node; a copy with an id needs a new id to be new.
    const copy = structuredClone(like);
    if (typeof copy.id === 'string') copy.id = `${copy.id}-added`;
    return copy;
  }
  return 'mutation-added';
}

export function render(path: Key[]): string {
  return path.reduce<string>((acc, key) => joinPath(acc, key), '');
}

function jsonType(value: Json): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

export function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function swap<T>(items: readonly T[], i: number): T[] {
  const copy = items.map((item) => structuredClone(item));
  [copy[i], copy[i + 1]] = [copy[i + 1] as T, copy[i] as T];
  return copy;
}

// A copy of `base` with the value at `path` replaced, removed or its key renamed.
export function setAt(base: Doc, path: Key[], value: Json): Doc {
  return edit(base, path, (parent, key) => {
    (parent as Record<Key, unknown>)[key] = value;
  });
}

export function removeAt(base: Doc, path: Key[]): Doc {
  return edit(base, path, (parent, key) => {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<Key, unknown>)[key];
  });
}

function renameAt(base: Doc, path: Key[], name: string): Doc {
  return edit(base, path, (parent, key) => {
    const record = parent as Record<string, unknown>;
    record[name] = record[key as string];
    delete record[key as string];
  });
}

export function readAt(doc: Doc, path: Key[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<Key, unknown> | undefined)?.[key], doc);
}

export function edit(base: Doc, path: Key[], change: (parent: unknown, key: Key) => void): Doc {
  const copy = structuredClone(base);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<Key, unknown>)[key];
  change(parent, path[path.length - 1] as Key);
  return copy;
}
