// Two readings of one credential, in the same shape: what its signed graph states (read by IRI from
// the JSON-LD expansion) and what its JSON as written shows (read by term). A Data Integrity proof
// signs the graph, so only the first is authoritative; the second is what a person or a naive reader
// would take the credential to say, and must agree with the first.
import { isJsonObject, joinPath } from '../../jsonPath.js';
import { CONTEXT } from '../../model/constants.js';
import { CREDENTIAL_FIELDS, fieldsOf, knownTypeIri, type Field } from './fields.js';

const VC_V2: string = CONTEXT.VC_V2;

/** One node's reading: `id`, `type` (IRIs) and each field's values (strings, or the readings of nodes). */
export interface Reading {
  id: string[];
  type: string[];
  fields: Map<string, string[] | Reading[]>;
}

/** A difference between the two readings: where, and what each says. */
export interface Difference {
  path: string;
  written: string;
  signed: string;
}

// --- the signed graph --------------------------------------------------------------------------

type Expanded = Record<string, unknown>;

/** The expanded document's nodes by @id, each with the properties stated for it anywhere (merged). */
export interface NodeMap {
  nodes: Map<string, Expanded[]>;
  /** True when the document uses @reverse: statements whose subject is another node, which this reader does not follow. */
  reverse: boolean;
}

/** Indexes every node object of an expanded JSON-LD document by its @id. */
export function nodeMapOf(expanded: unknown[]): NodeMap {
  const map: NodeMap = { nodes: new Map(), reverse: false };
  const pending: unknown[] = [...expanded];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      pending.push(...value);
      continue;
    }
    if (!isJsonObject(value) || '@value' in value) continue;
    if ('@reverse' in value) map.reverse = true;
    const id = value['@id'];
    if (typeof id === 'string' && Object.keys(value).some((k) => k !== '@id')) {
      const list = map.nodes.get(id);
      if (list) list.push(value);
      else map.nodes.set(id, [value]);
    }
    for (const [key, child] of Object.entries(value)) if (key !== '@id' && key !== '@type') pending.push(child);
  }
  return map;
}

/**
 * The reading of the credential node (the expansion's one top-level node) from its graph: every
 * statement about each node, wherever the document makes it, the ones made where the JSON nests the
 * node first. The fields are a finite tree (src/verify/view/fields.ts), so no reading loops.
 */
export function readSigned(root: Expanded, map: NodeMap, fields: readonly Field[] = CREDENTIAL_FIELDS): Reading {
  return readGraphNode(root, map, fields);
}

function readGraphNode(value: Expanded, map: NodeMap, of: readonly Field[] | (Field & { kind: 'node' })): Reading {
  const id = typeof value['@id'] === 'string' ? value['@id'] : undefined;
  // Every statement about this node, wherever in the document it was made.
  const elsewhere = (id !== undefined ? map.nodes.get(id) : undefined) ?? [];
  const parts = [value, ...elsewhere.filter((p) => p !== value)];
  const type = unique(parts.flatMap((p) => strings(p['@type'])));
  // A class's own fields are chosen by the types stated where the JSON nests the node: a CLR's
  // holder may be the subject of the credentials it bundles too, and those statements do not make
  // their subject a ClrSubject.
  const fields = 'kind' in of ? fieldsOf(of, strings(value['@type'])) : of;
  const reading: Reading = { id: id === undefined ? [] : [id], type, fields: new Map() };
  for (const field of fields) {
    const values = parts.flatMap((p) => field.iris.flatMap((iri) => flattenLists(p[iri])));
    if (values.length === 0) continue;
    if (field.kind === 'node') {
      const nodes = uniqueNodes(values.filter(isJsonObject));
      reading.fields.set(
        field.key,
        nodes.map((n) => readGraphNode(n, map, field)),
      );
    } else {
      reading.fields.set(field.key, unique(values.flatMap(graphValue)));
    }
  }
  return reading;
}

// A property's values, with @list members in place of the list.
function flattenLists(value: unknown): unknown[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => (isJsonObject(v) && Array.isArray(v['@list']) ? flattenLists(v['@list']) : [v]));
}

// Two references to one @id are one node of the graph. A node without an id written twice alike (the
// criteria of an achievement a CLR lists and the credential it bundles awards, both stating the one
// achievement) says one thing, so it is read once.
function uniqueNodes(nodes: Expanded[]): Expanded[] {
  if (nodes.length < 2) return nodes;
  const seen = new Set<string>();
  return nodes.filter((n) => {
    const id = n['@id'];
    const key = typeof id === 'string' ? `id ${id}` : `blank ${JSON.stringify(n)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function graphValue(value: unknown): string[] {
  if (!isJsonObject(value)) return [];
  if ('@value' in value) return value['@value'] === null ? [] : [String(value['@value'])];
  return typeof value['@id'] === 'string' ? [value['@id']] : [];
}

// --- the JSON as written -----------------------------------------------------------------------

/** The reading of the credential as its JSON is written, each term taken at its standard meaning. */
export function readWritten(
  credential: Record<string, unknown>,
  fields: readonly Field[] = CREDENTIAL_FIELDS,
): Reading {
  // VC 2.0 defines no issuanceDate or expirationDate: a reader of a VC 2.0 credential shows
  // validFrom and validUntil, whatever else the JSON carries under those two names.
  const context = credential['@context'];
  if (Array.isArray(context) && context[0] === VC_V2) {
    const { issuanceDate: _from, expirationDate: _until, ...rest } = credential;
    return readJsonNode(rest, fields);
  }
  return readJsonNode(credential, fields);
}

function readJsonNode(value: Record<string, unknown>, fields: readonly Field[]): Reading {
  const id = value.id ?? value['@id'];
  const type = [value.type, value['@type']]
    .flatMap((t) => (Array.isArray(t) ? t : [t]))
    .filter((t): t is string => typeof t === 'string');
  const reading: Reading = { id: typeof id === 'string' ? [id] : [], type, fields: new Map() };
  for (const field of fields) {
    const raw = value[field.key];
    if (raw === undefined || raw === null) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).flatMap(containerMembers);
    if (field.kind === 'node') {
      const nodes = values.flatMap((v): Reading[] => {
        if (typeof v === 'string') return [{ id: [v], type: [], fields: new Map() }];
        return isJsonObject(v) ? [readJsonNode(v, fieldsOf(field, writtenTypeIris(v)))] : [];
      });
      reading.fields.set(field.key, nodes);
    } else {
      reading.fields.set(field.key, unique(values.flatMap(writtenValue)));
    }
  }
  return reading;
}

// The known classes a JSON node writes in `type` (or `@type`), as IRIs.
function writtenTypeIris(value: Record<string, unknown>): string[] {
  return [value.type, value['@type']]
    .flatMap((t) => (Array.isArray(t) ? t : [t]))
    .flatMap((t) => (typeof t === 'string' ? (knownTypeIri(t) ?? []) : []));
}

// The members of a `@list` or `@set` object, or the value itself.
function containerMembers(value: unknown): unknown[] {
  if (!isJsonObject(value)) return [value];
  const members = value['@list'] ?? value['@set'];
  return Array.isArray(members) ? members : members === undefined ? [value] : [members];
}

function writtenValue(value: unknown): string[] {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (!isJsonObject(value)) return [];
  const inner = value['@value'] ?? value.id ?? value['@id'];
  return typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean' ? [String(inner)] : [];
}

// --- comparing them ----------------------------------------------------------------------------

/**
 * Where the JSON as written shows something other than what was signed: a value not signed, a signed
 * value not shown, or a different number of entries. Paths follow the JSON as written.
 */
export function differences(
  written: Reading,
  signed: Reading,
  source: Record<string, unknown>,
  fields: readonly Field[] = CREDENTIAL_FIELDS,
): Difference[] {
  const found: Difference[] = [];
  compareNodes(written, signed, source, fields, '', found);
  return found;
}

function compareNodes(
  written: Reading,
  signed: Reading,
  source: unknown,
  fields: readonly Field[],
  path: string,
  found: Difference[],
): void {
  compareValues(written.id, signed.id, joinPath(path, 'id'), found);
  const knownWritten = unique(written.type.flatMap((t) => knownTypeIri(t) ?? []));
  const knownSigned = unique(signed.type.filter((t) => knownTypeIri(t) === t));
  // A type shown must be signed; the graph may give the node more (it is one node wherever stated).
  compareValues(knownWritten, knownSigned, joinPath(path, 'type'), found, true);
  for (const field of fields) {
    const at = joinPath(path, field.key);
    const a = written.fields.get(field.key) ?? [];
    const b = signed.fields.get(field.key) ?? [];
    if (field.kind !== 'node') {
      compareValues(a as string[], b as string[], at, found, field.display);
      continue;
    }
    const nodesA = a as Reading[];
    const nodesB = b as Reading[];
    if (field.display) {
      // Each node shown (by id) must be signed; the graph may state more for this node elsewhere.
      const raw = isJsonObject(source) ? source[field.key] : undefined;
      nodesA.forEach((node, i) => {
        const signedNode = nodesB.find((n) => n.id[0] !== undefined && n.id[0] === node.id[0]);
        const childAt = Array.isArray(raw) ? `${at}[${i}]` : at;
        if (!signedNode) found.push({ path: childAt, written: shown(node.id), signed: 'nothing with that id' });
        else compareNodes(node, signedNode, Array.isArray(raw) ? raw[i] : raw, field.fields, childAt, found);
      });
      continue;
    }
    if (nodesA.length !== nodesB.length) {
      found.push({ path: at, written: count(nodesA.length), signed: count(nodesB.length) });
      continue;
    }
    const raw = isJsonObject(source) ? source[field.key] : undefined;
    nodesA.forEach((node, i) => {
      const child = Array.isArray(raw) ? raw[i] : raw;
      const signedNode = nodesB[i] as Reading;
      // Read under the fields the JSON's class gives it; a type not signed is itself a difference.
      const childFields = fieldsOf(
        field,
        node.type.flatMap((t) => knownTypeIri(t) ?? []),
      );
      compareNodes(node, signedNode, child, childFields, Array.isArray(raw) ? `${at}[${i}]` : at, found);
    });
  }
}

// Exactly the values signed, or with `shownOnly`, only values signed (the graph may state more).
function compareValues(a: string[], b: string[], path: string, found: Difference[], shownOnly?: boolean): void {
  const signed = new Set(b);
  const agree = shownOnly ? a.every((v) => signed.has(v)) : a.length === b.length && a.every((v) => signed.has(v));
  if (!agree) found.push({ path, written: shown(a), signed: shown(b) });
}

function shown(values: string[]): string {
  if (values.length === 0) return 'nothing';
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function count(n: number): string {
  return n === 1 ? 'one entry' : `${n} entries`;
}

function strings(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
