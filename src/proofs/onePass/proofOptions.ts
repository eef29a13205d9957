// The proof options (the proof without its proofValue, under the document's @context) are a handful
// of statements, but expanding them makes jsonld process the document's whole context again. Their
// expansion is built instead from a template: jsonld expands, once per shape, a copy whose free
// values are placeholders, and each proof of that shape gets the template with its own values put
// back. A string value comes out of expansion unchanged (as @value), or as an IRI (@id) that is
// unchanged when it is absolute and its scheme is not a term, which the placeholder shows; values
// that expansion reads as terms (`type`, `proofPurpose`) are part of the shape instead.
import jsonld from 'jsonld';
import { isJsonObject } from '../../jsonPath.js';
import { isBundledOnly, loadBundledOnly } from './bundledOnly.js';

// Members read as vocabulary terms: their values are part of the shape, not placeholders.
const SHAPE_MEMBERS = new Set(['type', 'proofPurpose']);
// Members of a proof's options that a template may hold; anything else takes the library's path.
const TEMPLATE_MEMBERS = new Set(['type', 'proofPurpose', 'cryptosuite', 'created', 'expires', 'verificationMethod']);
// A value jsonld keeps as it is when expanding an IRI: a scheme and no whitespace (and no prefix term, checked).
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*(?=:)/;
const PLACEHOLDER = 'urn:x-microcred:placeholder:';

/** Where a free value goes in a template: as `@value` or as `@id` of one object of the expansion. */
interface Slot {
  member: string;
  holder: Record<string, unknown>;
  key: '@value' | '@id';
}

interface Template {
  expanded: unknown[];
  slots: Slot[];
}

// Shapes repeat (one per issuer key and suite); the bound keeps a stream of odd proofs from growing it.
const MAX_TEMPLATES = 256;
const templates = new Map<string, Promise<Template | undefined>>();

/**
 * The expansion of `options` (a proof's options document, as the signing library canonicalizes it)
 * under base null in safe mode, built from a template; undefined when its shape is not one a
 * template covers (the caller then lets the library expand it).
 */
export async function expandedProofOptions(options: unknown): Promise<unknown[] | undefined> {
  if (!isJsonObject(options) || !isBundledOnly(options['@context'])) return undefined;
  const members = Object.keys(options).filter((k) => k !== '@context');
  if (!members.every((m) => TEMPLATE_MEMBERS.has(m) && typeof options[m] === 'string')) return undefined;
  const key = shapeKey(options, members);
  let template = templates.get(key);
  if (!template) {
    if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value as string);
    template = templateFor(options, members);
    templates.set(key, template);
  }
  const found = await template;
  if (!found) return undefined;
  for (const slot of found.slots) {
    const value = options[slot.member] as string;
    // An IRI slot keeps only what jsonld would keep as it is.
    if (slot.key === '@id' && (!ABSOLUTE.test(value) || value.startsWith('_:'))) return undefined;
  }
  return fill(found, options);
}

// The shape: the context, the members, the values read as terms, and the scheme of every other value.
function shapeKey(options: Record<string, unknown>, members: string[]): string {
  const parts = [...members].sort().map((m) => {
    const value = options[m] as string;
    return SHAPE_MEMBERS.has(m) ? [m, value] : [m, SCHEME.exec(value)?.[0] ?? ''];
  });
  return JSON.stringify([options['@context'], parts]);
}

async function templateFor(options: Record<string, unknown>, members: string[]): Promise<Template | undefined> {
  const probe: Record<string, unknown> = { '@context': options['@context'] };
  const placeholders = new Map<string, string>();
  members.forEach((m, i) => {
    if (SHAPE_MEMBERS.has(m)) probe[m] = options[m];
    else {
      const scheme = SCHEME.exec(options[m] as string)?.[0];
      // Keep the value's scheme: a scheme that is also a prefix term would show in the probe.
      const placeholder = scheme ? `${scheme}:${PLACEHOLDER}${i}` : `${PLACEHOLDER}${i}`;
      probe[m] = placeholder;
      placeholders.set(placeholder, m);
    }
  });
  let expanded: unknown[];
  try {
    expanded = await jsonld.expand(probe, { documentLoader: loadBundledOnly, base: null, safe: true });
  } catch {
    return undefined; // the library's own path then says what is wrong
  }
  const slots: Slot[] = [];
  collectSlots(expanded, placeholders, slots);
  // Every placeholder exactly once, as a whole @value or @id, and nowhere else, else this shape is not templated.
  const mentions = JSON.stringify(expanded).split(PLACEHOLDER).length - 1;
  const filled = new Set(slots.map((s) => s.member));
  if (mentions !== placeholders.size || slots.length !== placeholders.size || filled.size !== slots.length)
    return undefined;
  return { expanded, slots };
}

function collectSlots(value: unknown, placeholders: Map<string, string>, slots: Slot[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectSlots(item, placeholders, slots);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const member = typeof child === 'string' ? placeholders.get(child) : undefined;
    if (member !== undefined && (key === '@value' || (key === '@id' && Object.keys(value).length === 1)))
      slots.push({ member, holder: value, key });
    else collectSlots(child, placeholders, slots);
  }
}

// A fresh copy of the template with the values of `options` in their slots.
function fill(template: Template, options: Record<string, unknown>): unknown[] {
  const values = new Map(template.slots.map((s) => [s.holder, s]));
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (!isJsonObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = copy(child);
    const slot = values.get(value);
    if (slot) out[slot.key] = options[slot.member];
    return out;
  };
  return copy(template.expanded) as unknown[];
}
