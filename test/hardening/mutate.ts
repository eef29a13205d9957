// Single changes to a signed credential, each labelled by construction with what the signature
// must make of it: rejected, or one of the changes the signature does not cover (ALLOWED, each
// with its reason). The runner (./mutationRunner.ts) verifies every one through verifyCredential.
import { joinPath } from '../../src/jsonPath.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = Record<string, unknown>;
type Key = string | number;

/**
 * The changes a verifier may accept, and why the signature does not cover them. `keepsVerdict`:
 * the verdict must then be exactly the unchanged credential's (any other outcome is a false reject).
 * Without it, the verifier may still refuse the changed form (e.g. `issuer` given as a list fails
 * the issuer check, which reads one issuer), but it must never be counted against the signature.
 */
export const ALLOWED = {
  'member-order': {
    reason: 'JSON object members have no order; RDF canonicalization (RDFC-1.0) sorts the statements.',
    keepsVerdict: true,
  },
  whitespace: {
    reason: 'Whitespace between JSON tokens is not data; the signature covers the parsed statements, not the bytes.',
    keepsVerdict: true,
  },
  escapes: {
    reason: 'A character written as a JSON \\u escape parses to the same string.',
    keepsVerdict: true,
  },
  'set-order': {
    reason: 'A JSON-LD array is an unordered set unless the context declares it a @list (only `allowedValue` in OB 3.0.2/3.0.3); reordering yields the same statements.',
    keepsVerdict: true,
  },
  'one-element-array': {
    reason: 'A value and a one-element array holding it expand to the same statement (JSON-LD 1.1 §4.3.2).',
    keepsVerdict: false,
  },
  'repeated-statement': {
    reason: 'An RDF graph is a set: repeating a literal, or a node with an id and no blank nodes under it, repeats an existing statement. (A repeated blank node is a new node and must be rejected.)',
    keepsVerdict: false,
  },
  'proof-set': {
    reason: 'Proofs of a proof set are independent and unordered; each signs every statement. Removing, reordering or repeating one leaves proofs that still cover everything (VC Data Integrity, "Understanding Proof Sets and Proof Chains").',
    keepsVerdict: true,
  },
  'unchecked-proof': {
    reason: 'In a proof set, a proof that is no longer of a suite microcred implements (its type or cryptosuite changed or removed, or not an object at all) is reported as not checked, like any unknown proof beside a verified one (VC Data Integrity, "Verify Proof Sets and Chains", counts only the proofs it can run); the proofs left still sign every statement.',
    keepsVerdict: false,
  },
  'token-whitespace': {
    reason: 'Whitespace around a compact JWS is not part of it: the three parts, and the bytes the signature covers, are the same.',
    keepsVerdict: true,
  },
  'same-statements': {
    reason: 'Contexts and the spelling of terms are not signed; the statements they produce are. A change to @context, or a key written as its full IRI or as an alias an added context defines, after which the credential and its proofs give byte-identical canonical N-Quads (the test computes both) says exactly what was signed. It must still never verify where the unchanged credential does not: a field the verifier reads (validUntil, credentialStatus…) must not be hidden by another spelling.',
    keepsVerdict: false,
  },
} as const;

export type AllowedChange = keyof typeof ALLOWED;

export interface Mutation {
  /** JSON path of what was changed (`(document)` for whole-document changes). */
  path: string;
  /** What was done, e.g. "changed: a zero-width space prepended". */
  change: string;
  /** The changed credential: an object, or JSON text for changes that only exist in text. */
  input: unknown;
  /** Set when the change is one the signature does not cover; absent means it must be rejected. */
  allowed?: AllowedChange;
  /** Allowed (as `same-statements`) only if the canonical N-Quads are identical; the runner decides. */
  allowedIfSameStatements?: boolean;
}

/** What the generator needs besides the credential: another issuer's key and another credential to take parts from. */
export interface MutationSources {
  /** A did:key DID and its verification method that did not sign the credential. */
  otherKey: { controller: string; id: string };
  /** Other signed credentials; the first with another issuer gives its issuer and proof for swaps. */
  donors: Doc[];
}

// JSON-LD keywords under the names every VC / OB context gives them, and the one @list term.
const ID_KEYS = new Set(['id', '@id']);
const LIST_TERMS = new Set(['allowedValue']);
const OB_CONTEXTS = ['context.json', 'context-3.0.1.json', 'context-3.0.2.json', 'context-3.0.3.json'].map((f) => `https://purl.imsglobal.org/spec/ob/v3p0/${f}`);
const VC_CONTEXTS = ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/v2'];
const EXTRA_CONTEXTS = [
  'https://w3id.org/security/data-integrity/v2',
  'https://w3id.org/security/suites/ed25519-2020/v1',
  'https://www.w3.org/ns/credentials/status/v1',
  'https://w3id.org/vc/status-list/2021/v1',
  'https://w3id.org/security/multikey/v1',
];
const RETYPES: Json[] = [31337, 'mutation', false, null, {}, []];

/** Every single change to `base` this suite makes, in a stable order. */
export function* mutationsOf(base: Doc, sources: MutationSources): Generator<Mutation> {
  yield* documentChanges(base);
  yield* addedMembers(base, []);
  yield* contextChanges(base);
  yield* respellings(base);
  for (const [key, value] of Object.entries(base)) {
    if (key === '@context' || key === 'proof') continue;
    yield* memberChanges(base, [key], value as Json);
  }
  yield* proofChanges(base, sources);
  yield* issuerSwaps(base, sources);
}

// --- whole document ---------------------------------------------------------------------------

function* documentChanges(base: Doc): Generator<Mutation> {
  yield { path: '(document)', change: 'every object\'s members in reverse order', input: reverseMembers(base as Json), allowed: 'member-order' };
  yield { path: '(document)', change: 'JSON text indented with two spaces', input: JSON.stringify(base, null, 2), allowed: 'whitespace' };
  yield { path: '(document)', change: 'JSON text indented with tabs, CRLF line ends', input: JSON.stringify(base, null, '\t').replace(/\n/g, '\r\n'), allowed: 'whitespace' };
  // No JSON literal (true, false, null) contains an "o", so every "o" in the text is inside a string.
  yield { path: '(document)', change: 'every "o" in the JSON text written as \\u006f', input: JSON.stringify(base).replace(/o/g, '\\u006f'), allowed: 'escapes' };
}

/** `value` with every object's members in reverse order. */
export function reverseMembers(value: Json): Json {
  if (Array.isArray(value)) return value.map(reverseMembers);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseMembers(v)]));
}

/**
 * Every single change to the members of a plain JSON object, with no JSON-LD allowances: for a
 * format that signs bytes (a VC-JWT's header and payload), each one must be rejected.
 */
export function* objectMutations(doc: Doc): Generator<Mutation> {
  yield* addedMembers(doc, []);
  for (const [key, value] of Object.entries(doc)) yield* memberChanges(doc, [key], value as Json);
}

// --- @context ---------------------------------------------------------------------------------

function* contextChanges(base: Doc): Generator<Mutation> {
  const context = base['@context'];
  if (!Array.isArray(context)) return;
  const at = (input: Doc, change: string, path = '@context'): Mutation => ({ path, change, input, allowedIfSameStatements: true });
  const withContext = (next: unknown) => ({ ...structuredClone(base), '@context': next });
  for (let i = 0; i < context.length; i++) {
    const url = context[i];
    const path = `@context[${i}]`;
    yield at(withContext(context.filter((_, j) => j !== i)), 'entry removed', path);
    for (const other of [...OB_CONTEXTS, ...VC_CONTEXTS]) {
      const family = OB_CONTEXTS.includes(url) ? OB_CONTEXTS : VC_CONTEXTS.includes(url) ? VC_CONTEXTS : [];
      if (other !== url && family.includes(other)) yield at(withContext(context.map((c, j) => (j === i ? other : c))), `swapped for ${other}`, path);
    }
    yield at(withContext(context.map((c, j) => (j === i ? 'https://example.org/contexts/unknown/v1' : c))), 'swapped for an unknown URL', path);
    if (i + 1 < context.length) yield at(withContext(swap(context, i)), `entries ${i} and ${i + 1} swapped`, path);
    yield at(withContext([...context, url]), 'entry repeated at the end', path);
  }
  for (const extra of EXTRA_CONTEXTS) {
    if (!context.includes(extra)) yield at(withContext([...context, extra]), `${extra} added at the end`);
  }
  yield at(withContext([...context, { mutationAlias: 'https://schema.org/alternateName' }]), 'an inline context defining an unused term added');
  yield at(withContext([...context, { name: 'https://schema.org/alternateName' }]), 'an inline context redefining "name" added');
  yield at(withContext(context[0]), 'only its first entry, as a string');
  for (const value of [{}, 31337, null, []]) yield at(withContext(value), `type-changed to ${JSON.stringify(value)}`);
}

// --- keys written under another name -----------------------------------------------------------

const CRED = 'https://www.w3.org/2018/credentials#';
const DATE_TIME = 'http://www.w3.org/2001/XMLSchema#dateTime';
// IRIs of top-level terms in the VC contexts, and whether the term types its value as a date or an id.
const TERM_IRIS: Record<string, [string, 'date' | 'id' | 'plain']> = {
  validFrom: [`${CRED}validFrom`, 'date'],
  validUntil: [`${CRED}validUntil`, 'date'],
  issuanceDate: [`${CRED}issuanceDate`, 'date'],
  expirationDate: [`${CRED}expirationDate`, 'date'],
  issuer: [`${CRED}issuer`, 'id'],
  credentialStatus: [`${CRED}credentialStatus`, 'id'],
  credentialSubject: [`${CRED}credentialSubject`, 'id'],
  credentialSchema: [`${CRED}credentialSchema`, 'id'],
  name: ['https://schema.org/name', 'plain'],
  description: ['https://schema.org/description', 'plain'],
};

// Each top-level term written as its full IRI, and under an alias an added inline context defines,
// with its value in the explicit form the term's coercion implied.
function* respellings(base: Doc): Generator<Mutation> {
  const context = base['@context'];
  for (const [term, [iri, kind]] of Object.entries(TERM_IRIS)) {
    if (!(term in base) || !Array.isArray(context)) continue;
    const value = structuredClone(base[term]) as Json;
    const explicit = (v: Json): Json => (kind === 'date' && typeof v === 'string' ? { '@value': v, '@type': DATE_TIME } : kind === 'id' && typeof v === 'string' ? { '@id': v } : v);
    const spelled = Array.isArray(value) ? value.map(explicit) : explicit(value);
    const without = structuredClone(base);
    delete without[term];
    yield { path: term, change: 'key written as its full IRI', input: { ...without, [iri]: spelled }, allowedIfSameStatements: true };
    yield { path: term, change: 'key written as an alias an added context defines', input: { ...without, '@context': [...context, { mutationAlias: iri }], mutationAlias: spelled }, allowedIfSameStatements: true };
    yield { path: term, change: 'also stated under its full IRI', input: { ...structuredClone(base), [iri]: spelled }, allowedIfSameStatements: true };
  }
}

// --- members of the credential (and, from proofChanges, of each proof) ---------------------------

function* memberChanges(base: Doc, path: Key[], value: Json): Generator<Mutation> {
  const key = path[path.length - 1] as string;
  const shown = render(path);
  const replace = (next: Json, change: string, allowed?: AllowedChange): Mutation => ({ path: shown, change, input: setAt(base, path, next), ...(allowed ? { allowed } : {}) });

  yield { path: shown, change: 'removed', input: removeAt(base, path), ...removal(base, path) };
  yield { path: shown, change: 'key renamed', input: renameAt(base, path, `${key}Mutated`) };
  // Another term may name the same property (OB 3.0 maps both "criteria" and "Criteria" to one IRI).
  const recased = key.charAt(0) === key.charAt(0).toUpperCase() ? key.charAt(0).toLowerCase() + key.slice(1) : key.charAt(0).toUpperCase() + key.slice(1);
  if (recased !== key) yield { path: shown, change: 'key\'s first letter case changed', input: renameAt(base, path, recased), allowedIfSameStatements: true };
  yield* valueChanges(base, path, value);
  if (!Array.isArray(value)) {
    yield replace([value], 'wrapped in a one-element array', ID_KEYS.has(key) ? undefined : 'one-element-array');
    yield replace([value, structuredClone(value)], 'repeated in an array', repeatable(value, key) ? 'repeated-statement' : undefined);
  }
  if (Array.isArray(value)) yield* arrayChanges(base, path, value, key);
  else if (value !== null && typeof value === 'object') {
    yield* addedMembers(base, path);
    for (const [k, v] of Object.entries(value)) if (k !== '@context') yield* memberChanges(base, [...path, k], v);
  }
}

// Members no context defines, added to the object at `path`: "__proto__" (which a copy by
// assignment turns into a prototype, hiding it) and an ordinary undefined term.
function* addedMembers(base: Doc, path: Key[]): Generator<Mutation> {
  for (const name of ['__proto__', 'mutationAdded']) {
    const input = edit(base, [...path, name], (parent, key) => {
      Object.defineProperty(parent, key, { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
    });
    yield { path: render(path) || '(document)', change: `member "${name}" added`, input };
  }
}

function* arrayChanges(base: Doc, path: Key[], items: Json[], key: string): Generator<Mutation> {
  const shown = render(path);
  const replace = (next: Json[], change: string, allowed?: AllowedChange): Mutation => ({ path: shown, change, input: setAt(base, path, next), ...(allowed ? { allowed } : {}) });
  const ordered = LIST_TERMS.has(key);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Json;
    const rest = items.filter((_, j) => j !== i);
    const stillThere = repeatable(item, key) && rest.some((other) => sameJson(other, item));
    yield replace(rest, `element ${i} removed`, stillThere || statedElsewhere(base, path.slice(0, -1), key, [item]) ? 'repeated-statement' : undefined);
    yield replace([...items, structuredClone(item)], `element ${i} repeated at the end`, repeatable(item, key) ? 'repeated-statement' : undefined);
    if (i + 1 < items.length && !sameJson(item, items[i + 1] as Json)) yield replace(swap(items, i), `elements ${i} and ${i + 1} swapped`, ordered ? undefined : 'set-order');
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
    if (/^\d{4}-\d\d-\d\dT/.test(value)) yield replace(`${Number(value.slice(0, 4)) + 1}${value.slice(4)}`, 'changed: moved one year later');
    else if (value.length === 0) yield replace('x', 'changed: a character added');
    else {
      const middle = Math.floor(value.length / 2);
      yield replace(value.slice(0, middle) + String.fromCharCode(value.charCodeAt(middle) + 1) + value.slice(middle + 1), 'changed: one character in the middle');
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
    yield { ...replace(structuredClone(target), `type-changed to ${JSON.stringify(target)}`), ...(empty ? removal(base, path) : {}) };
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
  return statedElsewhere(base, path.slice(0, -1), last, Array.isArray(value) ? value : [value]) ? { allowed: 'repeated-statement' } : {};
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

// --- proofs -----------------------------------------------------------------------------------

function* proofChanges(base: Doc, sources: MutationSources): Generator<Mutation> {
  const proof = base.proof as Json;
  const proofs = (Array.isArray(proof) ? proof : [proof]) as Doc[];
  const pathOf = (i: number): Key[] => (Array.isArray(proof) ? ['proof', i] : ['proof']);
  const withProofs = (next: Json): Doc => ({ ...structuredClone(base), proof: next });
  const forged = (p: Doc): Doc => ({ ...structuredClone(p), proofValue: flip(String(p.proofValue ?? ''), -1) });
  const donor = donorFor(base, sources);

  yield { path: 'proof', change: 'removed', input: removeAt(base, ['proof']) };
  if (donor) yield { path: 'proof', change: 'replaced by the proof of a credential of another issuer', input: withProofs(structuredClone(donor.proof as Json)) };
  yield { path: 'proof', change: 'a forged copy of the first proof added', input: withProofs([...(proofs as Json[]), forged(proofs[0] as Doc) as Json]) };
  if (!Array.isArray(proof)) {
    yield { path: 'proof', change: 'wrapped in a one-element array', input: withProofs([proof]), allowed: 'proof-set' };
    yield { path: 'proof', change: 'repeated in an array', input: withProofs([proof, structuredClone(proof)]), allowed: 'proof-set' };
  } else {
    for (let i = 0; i < proof.length; i++) {
      if (proof.length > 1) yield { path: `proof[${i}]`, change: 'removed from the proof set', input: withProofs(proof.filter((_, j) => j !== i)), allowed: 'proof-set' };
      yield { path: `proof[${i}]`, change: 'repeated at the end of the proof set', input: withProofs([...proof, structuredClone(proof[i] as Json)]), allowed: 'proof-set' };
      if (i + 1 < proof.length) yield { path: `proof[${i}]`, change: `proofs ${i} and ${i + 1} swapped`, input: withProofs(swap(proof, i)), allowed: 'proof-set' };
    }
  }
  for (let i = 0; i < proofs.length; i++) {
    const p = proofs[i] as Doc;
    const path = pathOf(i);
    const at = (change: string, next: Json): Mutation => ({ path: render(path), change, input: setAt(base, path, next) });
    const changes: Mutation[] = [];
    for (const [k, v] of Object.entries(p)) changes.push(...memberChanges(base, [...path, k], v as Json));
    const value = String(p.proofValue ?? '');
    for (const [where, index] of [['first', 1], ['middle', Math.floor(value.length / 2)], ['last', -1]] as const) {
      changes.push(at(`proofValue: ${where} signature character changed`, { ...p, proofValue: flip(value, index) } as Json));
    }
    changes.push(at('proofValue: last character dropped', { ...p, proofValue: value.slice(0, -1) } as Json));
    changes.push(at('proofValue: multibase prefix z changed to u', { ...p, proofValue: `u${value.slice(1)}` } as Json));
    changes.push(at('verificationMethod: another key', { ...p, verificationMethod: sources.otherKey.id } as Json));
    changes.push(at('verificationMethod: fragment changed', { ...p, verificationMethod: `${String(p.verificationMethod).split('#')[0]}#key-2` } as Json));
    changes.push(at('proofPurpose: authentication', { ...p, proofPurpose: 'authentication' } as Json));
    for (const cryptosuite of ['eddsa-jcs-2022', 'ecdsa-rdfc-2019', 'eddsa-2022']) changes.push(at(`cryptosuite: ${cryptosuite}`, { ...p, cryptosuite } as Json));
    for (const [field, fieldValue] of [['domain', 'example.org'], ['challenge', 'mutation'], ['expires', '2099-01-01T00:00:00Z'], ['id', 'urn:uuid:6a1b1cf2-0ed6-4e3f-9f4a-4e0e3a8c1f00'], ['nonce', 'mutation'], ['previousProof', 'urn:uuid:6a1b1cf2-0ed6-4e3f-9f4a-4e0e3a8c1f01']] as const) {
      if (!(field in p)) changes.push(at(`${field} added`, { ...p, [field]: fieldValue } as Json));
    }
    // jsigs gives a proof without @context the credential's: the same proof options, so the same statements.
    changes.push({ ...at('its own @context added (the credential\'s)', { '@context': structuredClone(base['@context']), ...p } as Json), allowedIfSameStatements: true });
    changes.push({ ...at('its own @context added (VC 2.0 alone)', { '@context': 'https://www.w3.org/ns/credentials/v2', ...p } as Json), allowedIfSameStatements: true });
    if (proofs.length > 1) for (const value of [31337, null, {}, 'mutation']) changes.push(at(`replaced by ${JSON.stringify(value)}`, value));
    for (const change of changes) {
      // In a set, a proof turned into one microcred does not implement is not checked (see ALLOWED).
      if (proofs.length > 1 && !change.allowed && !checkable(readAt(change.input as Doc, path))) change.allowed = 'unchecked-proof';
      yield change;
    }
  }
}

// The proofs microcred verifies, decided here from the proof alone (not by asking microcred).
function checkable(proof: unknown): boolean {
  if (proof === null || typeof proof !== 'object' || Array.isArray(proof)) return false;
  const { type, cryptosuite } = proof as Doc;
  return (type === 'DataIntegrityProof' && cryptosuite === 'eddsa-rdfc-2022') || type === 'Ed25519Signature2020';
}

// A different base58btc character at `index` (negative counts from the end).
function flip(value: string, index: number): string {
  if (value.length < 2) return `${value}2`;
  const i = index < 0 ? value.length + index : index;
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const next = alphabet[(alphabet.indexOf(value[i] as string) + 1) % alphabet.length] as string;
  return value.slice(0, i) + next + value.slice(i + 1);
}

// --- issuer -----------------------------------------------------------------------------------

function* issuerSwaps(base: Doc, sources: MutationSources): Generator<Mutation> {
  const issuer = base.issuer as Json;
  const path: Key[] = typeof issuer === 'string' ? ['issuer'] : ['issuer', 'id'];
  yield { path: render(path), change: 'issuer swapped for another DID', input: setAt(base, path, sources.otherKey.controller) };
  const both = setAt(base, path, sources.otherKey.controller);
  const proofs = Array.isArray(both.proof) ? both.proof : [both.proof];
  for (const p of proofs as Doc[]) p.verificationMethod = sources.otherKey.id;
  yield { path: render(path), change: 'issuer and every verificationMethod swapped for another DID and its key', input: both };
  const donor = donorFor(base, sources);
  if (donor) yield { path: 'issuer', change: 'replaced by the issuer of another credential', input: setAt(base, ['issuer'], structuredClone(donor.issuer as Json)) };
}

// A credential of another issuer: its statements differ from `base`'s at least in the issuer.
function donorFor(base: Doc, sources: MutationSources): Doc | undefined {
  const issuerId = (doc: Doc) => (typeof doc.issuer === 'string' ? doc.issuer : (doc.issuer as Doc | undefined)?.id);
  return sources.donors.find((d) => issuerId(d) !== issuerId(base));
}

// --- helpers ----------------------------------------------------------------------------------

function render(path: Key[]): string {
  return path.reduce<string>((acc, key) => joinPath(acc, key), '');
}

function jsonType(value: Json): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function swap<T>(items: readonly T[], i: number): T[] {
  const copy = items.map((item) => structuredClone(item));
  [copy[i], copy[i + 1]] = [copy[i + 1] as T, copy[i] as T];
  return copy;
}

// A copy of `base` with the value at `path` replaced, removed or its key renamed.
function setAt(base: Doc, path: Key[], value: Json): Doc {
  return edit(base, path, (parent, key) => {
    (parent as Record<Key, unknown>)[key] = value;
  });
}

function removeAt(base: Doc, path: Key[]): Doc {
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

function readAt(doc: Doc, path: Key[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<Key, unknown> | undefined)?.[key], doc);
}

function edit(base: Doc, path: Key[], change: (parent: unknown, key: Key) => void): Doc {
  const copy = structuredClone(base);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<Key, unknown>)[key];
  change(parent, path[path.length - 1] as Key);
  return copy;
}
