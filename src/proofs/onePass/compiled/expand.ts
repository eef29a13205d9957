// The expansion algorithm of jsonld 9 (lib/expand.js: api.expand, _expandObject, _expandValue),
// kept to the part that documents under the bundled contexts use, over active contexts that are
// processed once and shared (./activeContexts.ts). Where jsonld would do anything else (emit a
// safe-mode event, throw, or take a branch kept out of this walk) the walk stops with a
// {@link NotCompiled} reason and the caller leaves the document to jsonld, so jsonld's own answer
// and error message stand. The output is jsonld's, member for member and in the same order: members
// are visited in sorted order and added as jsonld's addValue adds them.
import contextApi from 'jsonld/lib/context.js';
import { isBundledOnly } from '../bundledOnly.js';
import { applyContext, JSONLD_OPTIONS, type ActiveContext } from './activeContexts.js';

/** Why a document is left to jsonld: each name is one construct this walk does not take. */
export type NotCompiledReason =
  /** A term no context defines, or a key that expands to no absolute IRI (jsonld's safe mode names it). */
  | 'undefined-term'
  /** An IRI that is relative or reserved after expansion. */
  | 'relative-iri'
  /** An inline or non-bundled `@context` inside the document. */
  | 'inline-context'
  /** jsonld's context processor refused a context (e.g. a protected term redefined). */
  | 'context-refused'
  /** A keyword this walk does not take: @graph outside a graph container, @nest, @reverse, @included, @index, @direction, @list, @set… */
  | 'keyword'
  /** A language, index, id or type map. */
  | 'container'
  /** A reverse property. */
  | 'reverse'
  /** A node typed `@json`, or a `@json` value in an odd place. */
  | 'json'
  | /** A `@type` or `@id` that is not a string (or strings). */
    'not-a-string'
    /** A value object this walk does not take, or an invalid one. */
  | 'value-object'
  /** Something jsonld drops with a safe-mode event (a free-floating value, an empty node…). */
  | 'dropped';

/** Thrown by the walk where it stops. */
export class NotCompiled {
  constructor(readonly reason: NotCompiledReason) {}
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Expanded = Record<string, unknown>;

// jsonld's own tests (lib/url.js isAbsolute, lib/util.js REGEX_BCP47), byte for byte.
const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/;
const BCP47 = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
// Map containers this walk does not take (jsonld gives an object value under them a map's meaning).
const MAP_CONTAINERS = ['@language', '@index', '@id', '@type'];

const { expandIri, getContextValue, isKeyword } = contextApi;

// A term's vocabulary expansion is asked for many times per document and per context: kept per
// context, with whether it is a keyword and whether it is an absolute IRI (a property jsonld keeps).
interface Term {
  iri: string | null;
  keyword: boolean;
  absolute: boolean;
}
const terms = new WeakMap<ActiveContext, Map<string, Term>>();

function termOf(ctx: ActiveContext, key: string): Term {
  let byKey = terms.get(ctx);
  if (!byKey) terms.set(ctx, (byKey = new Map()));
  let term = byKey.get(key);
  if (term === undefined) {
    const iri = expandIri(ctx, key, { vocab: true }, JSONLD_OPTIONS);
    term = { iri, keyword: isKeyword(iri), absolute: iri !== null && ABSOLUTE.test(iri) };
    byKey.set(key, term);
  }
  return term;
}

function vocab(ctx: ActiveContext, term: string): string | null {
  return termOf(ctx, term).iri;
}

function containerOf(ctx: ActiveContext, key: string | null): string[] {
  return (getContextValue(ctx, key, '@container') as string[] | null) ?? [];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

// An IRI jsonld keeps without a safe-mode event, else the walk stops.
function absolute(iri: string | null): string {
  if (iri === null || !ABSOLUTE.test(iri)) throw new NotCompiled('relative-iri');
  return iri;
}

// A JSON value copied as jsonld copies its input (the expansion shares nothing with the document).
function copyOf(value: Json): Json {
  if (Array.isArray(value)) return value.map(copyOf);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) out[key] = copyOf(value[key] as Json);
  return out;
}

/** jsonld's util.addValue with its defaults (duplicates allowed, appended). */
function addValue(subject: Expanded, property: string, value: unknown, propertyIsArray: boolean): void {
  if (Array.isArray(value)) {
    if (value.length === 0 && propertyIsArray && !Object.hasOwn(subject, property)) subject[property] = [];
    for (const item of value) addValue(subject, property, item, propertyIsArray);
  } else if (Object.hasOwn(subject, property)) {
    const existing = subject[property];
    const list = Array.isArray(existing) ? existing : (subject[property] = [existing]);
    (list as unknown[]).push(value);
  } else subject[property] = propertyIsArray ? [value] : value;
}

/**
 * The expansion of `document` (a JSON object whose `@context` is bundled URLs only), as
 * jsonld.expand(document, {safe: true}) gives it. Throws {@link NotCompiled} where this walk stops,
 * and ContextPending when a context must be processed first (then call again).
 */
export function expandDocument(ctx: ActiveContext, document: JsonObject): unknown[] {
  const node = expandElement(ctx, null, document, false, false, null);
  // jsonld then unwraps a lone @graph (a keyword this walk does not take) and drops a null top node.
  if (!isObject(node)) throw new NotCompiled('dropped');
  return [node];
}

function expandElement(
  ctx: ActiveContext,
  property: string | null,
  element: Json,
  insideList: boolean,
  insideIndex: boolean,
  typeScoped: ActiveContext | null,
): unknown {
  if (element === null) return null;
  if (Array.isArray(element)) return expandArray(ctx, property, element, insideList, insideIndex, typeScoped);
  if (isObject(element)) return expandNode(ctx, property, element, insideList, insideIndex, typeScoped);
  // A scalar with no property (or under @graph) is dropped with a safe-mode event.
  if (!insideList && (property === null || vocab(ctx, property) === '@graph')) throw new NotCompiled('dropped');
  return expandValue(ctx, property, element);
}

function expandArray(
  ctx: ActiveContext,
  property: string | null,
  element: Json[],
  insideList: boolean,
  insideIndex: boolean,
  typeScoped: ActiveContext | null,
): unknown[] {
  const list = insideList || containerOf(ctx, property).includes('@list');
  const out: unknown[] = [];
  for (const item of element) {
    let expanded = expandElement(ctx, property, item, false, insideIndex, typeScoped);
    if (list && Array.isArray(expanded)) expanded = { '@list': expanded };
    if (expanded === null) continue;
    if (Array.isArray(expanded)) out.push(...expanded);
    else out.push(expanded);
  }
  return out;
}

function expandNode(
  active: ActiveContext,
  property: string | null,
  element: JsonObject,
  insideList: boolean,
  insideIndex: boolean,
  typeScopedIn: ActiveContext | null,
): Expanded {
  let ctx = active;
  const expandedProperty = property === null ? null : vocab(ctx, property);
  const propertyScoped = property === null ? undefined : getContextValue(ctx, property, '@context');
  let typeScoped = typeScopedIn ?? (ctx.previousContext ? ctx : null);
  const keys = Object.keys(element).sort();
  // A type-scoped context stays for a value object and a node reference, and ends anywhere else.
  let mustRevert = !insideIndex;
  if (mustRevert && typeScoped && keys.length <= 2 && !keys.includes('@context')) {
    for (const key of keys) {
      const iri = vocab(typeScoped, key);
      if (iri === '@value') {
        mustRevert = false;
        ctx = typeScoped;
        break;
      }
      if (iri === '@id' && keys.length === 1) {
        mustRevert = false;
        break;
      }
    }
  }
  if (mustRevert) ctx = ctx.previousContext ?? ctx;
  if (propertyScoped !== undefined) ctx = applyContext(ctx, propertyScoped, 'property-scoped');
  if ('@context' in element) {
    if (!isBundledOnly(element['@context'])) throw new NotCompiled('inline-context');
    ctx = applyContext(ctx, element['@context'], 'embedded');
  }
  typeScoped = ctx;
  let typeKey: string | null = null;
  for (const key of keys) {
    if (vocab(ctx, key) !== '@type') continue;
    typeKey ??= key;
    const value = element[key] as Json;
    const types = Array.isArray(value) ? (value.length > 1 ? value.slice().sort() : value) : [value];
    for (const type of types) {
      if (typeof type !== 'string') throw new NotCompiled('not-a-string');
      const scoped = getContextValue(typeScoped, type, '@context');
      if (scoped !== undefined) ctx = applyContext(ctx, scoped, 'type-scoped');
    }
  }
  const node: Expanded = {};
  expandMembers(ctx, expandedProperty, element, node, typeKey, typeScoped);
  const count = Object.keys(node).length;
  if ('@value' in node) checkValueObject(node, count);
  else if ('@type' in node && !Array.isArray(node['@type'])) node['@type'] = [node['@type']];
  else if (count === 1 && '@language' in node) throw new NotCompiled('dropped');
  // jsonld drops, with a safe-mode event, an empty node, a value or a node reference standing alone.
  const standsAlone =
    !insideList &&
    (property === null || expandedProperty === '@graph' || containerOf(ctx, property).includes('@graph'));
  if (standsAlone && (count === 0 || '@value' in node || (count === 1 && '@id' in node)))
    throw new NotCompiled('dropped');
  return node;
}

// The checks jsonld makes of a value object once expanded; anything they would refuse or drop stops the walk.
function checkValueObject(node: Expanded, count: number): void {
  if ('@type' in node && '@language' in node) throw new NotCompiled('value-object');
  if (count - 1 - Number('@type' in node) - Number('@language' in node) !== 0) throw new NotCompiled('value-object');
  const value = node['@value'];
  if ('@language' in node && typeof value !== 'string') throw new NotCompiled('value-object');
  const type = node['@type'];
  if (type !== undefined && (typeof type !== 'string' || !ABSOLUTE.test(type) || type.startsWith('_:')))
    throw new NotCompiled('value-object');
}

function expandMembers(
  ctx: ActiveContext,
  activeProperty: string | null,
  element: JsonObject,
  node: Expanded,
  typeKey: string | null,
  typeScoped: ActiveContext,
): void {
  // A node typed @json (its first type) is a JSON literal: not taken here.
  if (typeKey !== null && element[typeKey]) {
    const first = asArray(element[typeKey] as Json)[0];
    if (typeof first === 'string' && vocab(ctx, first) === '@json') throw new NotCompiled('json');
  }
  for (const key of Object.keys(element).sort()) {
    if (key === '@context') continue;
    const value = element[key] as Json;
    const { iri, keyword, absolute } = termOf(ctx, key);
    if (iri === null || !(absolute || keyword)) throw new NotCompiled('undefined-term');
    if (keyword) {
      if (activeProperty === '@reverse') throw new NotCompiled('keyword');
      if (iri in node && iri !== '@type') throw new NotCompiled('keyword');
      expandKeyword(ctx, iri, value, node, typeScoped);
      continue;
    }
    expandProperty(ctx, key, iri, value, node);
  }
}

function expandKeyword(ctx: ActiveContext, keyword: string, value: Json, node: Expanded, typeScoped: ActiveContext) {
  switch (keyword) {
    case '@id':
      if (typeof value !== 'string') throw new NotCompiled('not-a-string');
      addValue(node, '@id', absolute(expandIri(ctx, value, { base: true }, JSONLD_OPTIONS)), false);
      return;
    case '@type': {
      if (!(typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))))
        throw new NotCompiled('not-a-string');
      if ('@type' in node) throw new NotCompiled('keyword');
      const types = asArray(value as string | string[]).map((t) =>
        absolute(expandIri(typeScoped, t, { base: true, vocab: true }, JSONLD_OPTIONS)),
      );
      addValue(node, '@type', types, false);
      return;
    }
    case '@value':
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        throw new NotCompiled('value-object');
      addValue(node, '@value', value, false);
      return;
    case '@language':
      if (value === null) return;
      if (typeof value !== 'string' || !BCP47.test(value)) throw new NotCompiled('value-object');
      addValue(node, '@language', value.toLowerCase(), false);
      return;
    default:
      throw new NotCompiled('keyword');
  }
}

function expandProperty(ctx: ActiveContext, key: string, iri: string, value: Json, node: Expanded): void {
  const scoped = getContextValue(ctx, key, '@context');
  const termCtx = scoped === undefined ? ctx : applyContext(ctx, scoped, 'property-scoped');
  const container = containerOf(ctx, key);
  if (isObject(value) && container.some((c) => MAP_CONTAINERS.includes(c))) throw new NotCompiled('container');
  let expanded: unknown =
    getContextValue(ctx, key, '@type') === '@json'
      ? { '@type': '@json', '@value': copyOf(value) }
      : expandElement(termCtx, key, value, false, false, null);
  if (expanded === null) return;
  if (container.includes('@list') && !(isObject(expanded) && '@list' in expanded))
    expanded = { '@list': asArray(expanded) };
  if (container.includes('@graph') && !container.includes('@id') && !container.includes('@index')) {
    const items = asArray(expanded) as Expanded[];
    // jsonld drops (with a safe-mode event) an item that cannot stand alone in a graph.
    for (const item of items) {
      const count = Object.keys(item).length;
      if (count === 0 || '@value' in item || '@list' in item || (count === 1 && '@id' in item))
        throw new NotCompiled('dropped');
    }
    if (items.length === 0) return;
    expanded = items.map((item) => ({ '@graph': [item] }));
  }
  if (termCtx.mappings.get(key)?.reverse) throw new NotCompiled('reverse');
  addValue(node, iri, expanded, true);
}

function expandValue(ctx: ActiveContext, property: string | null, value: string | number | boolean): Expanded {
  const expandedProperty = property === null ? null : vocab(ctx, property);
  if (expandedProperty === null || isKeyword(expandedProperty)) throw new NotCompiled('keyword');
  const type = getContextValue(ctx, property, '@type') as string | null;
  if (type === '@id' && typeof value === 'string')
    return { '@id': absolute(expandIri(ctx, value, { base: true }, JSONLD_OPTIONS)) };
  if (type === '@vocab' && typeof value === 'string')
    return { '@id': absolute(expandIri(ctx, value, { vocab: true, base: true }, JSONLD_OPTIONS)) };
  if (type === '@json') throw new NotCompiled('json');
  const out: Expanded = {};
  if (type && type !== '@id' && type !== '@vocab' && type !== '@none') out['@type'] = type;
  else if (typeof value === 'string') {
    const language = getContextValue(ctx, property, '@language');
    if (language !== null) out['@language'] = language;
    const direction = getContextValue(ctx, property, '@direction');
    if (direction !== null) out['@direction'] = direction;
  }
  out['@value'] = value;
  return out;
}
