// The compiled path of the safe-mode expansion: a document under the bundled contexts only is
// expanded by ./expand.ts over contexts processed once (./activeContexts.ts), everything else by
// jsonld. The two give the same expansion for every document the compiled path takes (the
// differential tests in test/differential/expansion.property.test.ts hold them to it), and the
// compiled path gives way to jsonld wherever it is not sure, with the reason.
import { bundledContexts } from '../../../contexts/bundled.js';
import type { LoadsDocuments } from '../../../contexts/documentLoader.js';
import { isBundledOnly } from '../bundledOnly.js';
import { ContextPending, ContextRefused, initialContext } from './activeContexts.js';
import { expandDocument, NotCompiled, type NotCompiledReason } from './expand.js';

/** Why a document was left to jsonld: a construct of the walk ({@link NotCompiledReason}) or one of these. */
export type CompiledFallback =
  | NotCompiledReason
  /** The document is not a JSON object with only plain JSON in it (or holds a `__proto__` member). */
  | 'not-json'
  /** Its top-level `@context` is not bundled URLs only. */
  | 'context-not-bundled'
  /** The loader serves other bytes than the bundled ones for a context the document names. */
  | 'loader-differs'
  /** More contexts to process than one expansion waits for. */
  | 'contexts-pending'
  /** The walk failed unexpectedly (jsonld then answers). */
  | 'internal';

/** The compiled expansion of a document, or why it was left to jsonld. */
export type CompiledOutcome = { expanded: unknown[] } | { fallback: CompiledFallback };

// Each pass that meets an unprocessed context processes it and starts again; a document needing more
// contexts than this (none of the bundled ones do) goes to jsonld.
const MAX_PASSES = 64;

/**
 * jsonld.expand(document, {safe: true, documentLoader: loader.load})'s result, computed by the
 * compiled path, or the reason the caller must ask jsonld. Never throws.
 */
export async function expandCompiled(document: unknown, loader: LoadsDocuments): Promise<CompiledOutcome> {
  const urls = new Set<string>();
  if (!isPlainJson(document, urls)) return { fallback: 'not-json' };
  if (!isBundledOnly((document as Record<string, unknown>)['@context'])) return { fallback: 'context-not-bundled' };
  if (!(await servesBundled(loader, urls))) return { fallback: 'loader-differs' };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    try {
      return { expanded: expandDocument(initialContext(), document as Parameters<typeof expandDocument>[1]) };
    } catch (error) {
      if (error instanceof ContextPending) await error.ready;
      else if (error instanceof NotCompiled) return { fallback: error.reason };
      else if (error instanceof ContextRefused) return { fallback: 'context-refused' };
      else return { fallback: 'internal' };
    }
  }
  return { fallback: 'contexts-pending' };
}

/**
 * True when `value` is an object holding only JSON (plain objects, arrays, strings, finite numbers,
 * booleans, null) and no `__proto__` member; collects the strings of every `@context` into `urls`.
 */
function isPlainJson(value: unknown, urls: Set<string>): boolean {
  if (!isPlainObject(value)) return false;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return false;
    } else if (Array.isArray(item)) pending.push(...item);
    else if (isPlainObject(item)) {
      if (Object.hasOwn(item, '__proto__')) return false;
      for (const key of Object.keys(item)) {
        const child = item[key];
        if (key === '@context') for (const c of [child].flat()) if (typeof c === 'string') urls.add(c);
        pending.push(child);
      }
    } else return false;
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// jsonld would load each context through the caller's loader: the compiled path, which reads the
// bundle, holds only when that loader serves the very bundled documents for the contexts named
// (and for those they name in turn).
async function servesBundled(loader: LoadsDocuments, urls: Set<string>): Promise<boolean> {
  const bundled = bundledContexts();
  const needed = new Set<string>();
  for (const url of urls) for (const u of closureOf(url)) needed.add(u);
  for (const url of needed) {
    const expected = bundled.get(url);
    if (expected === undefined) continue; // not bundled: the walk does not take it either

    try {
      if ((await loader.load(url)).document !== expected) return false;
    } catch {
      return false;
    }
  }
  return true;
}

const closures = new Map<string, readonly string[]>();

/** `url` and every context URL its bundled document names, at any depth (computed once per URL). */
function closureOf(url: string): readonly string[] {
  let found = closures.get(url);
  if (found) return found;
  const seen = new Set<string>();
  const queue = [url];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    const pending: unknown[] = [bundledContexts().get(next)];
    while (pending.length > 0) {
      const item = pending.pop();
      if (Array.isArray(item)) pending.push(...item);
      else if (typeof item === 'object' && item !== null)
        for (const [key, child] of Object.entries(item)) {
          if (key === '@context' || key === '@import')
            for (const c of [child].flat()) if (typeof c === 'string') queue.push(c);
          pending.push(child);
        }
    }
  }
  found = [...seen];
  closures.set(url, found);
  return found;
}
