// jsonld.expand processes a type-scoped context on entering every typed node and clones the whole
// active context on entering and leaving it (about a quarter of a verification's time went to that
// clone). The processing itself is deterministic: the same active context and the same local context
// give the same result. Here each (active context, local context, mode) is processed once, by jsonld's
// own context processor with the flags jsonld.expand uses, and the result is kept and shared: active
// contexts are never mutated, so reverting a type-scoped context is reading `previousContext`.
import contextApi, { type ActiveContext } from 'jsonld/lib/context.js';
import ContextResolver from 'jsonld/lib/ContextResolver.js';
import events from 'jsonld/lib/events.js';
import { loadBundledOnly } from '../bundledOnly.js';

export type { ActiveContext, TermDefinition } from 'jsonld/lib/context.js';

/** How a local context is applied, as jsonld.expand applies each kind. */
export type ContextMode =
  /** A `@context` member of a node (bundled URLs only): protected terms stay protected. */
  | 'embedded'
  /** A term's scoped context, applied to the term's value: may override protected terms. */
  | 'property-scoped'
  /** A type's scoped context: does not propagate into nested nodes. */
  | 'type-scoped';

/** Thrown when a context is not processed yet: await `ready`, then walk again. */
export class ContextPending {
  constructor(readonly ready: Promise<unknown>) {}
}

/** Thrown when jsonld's processor refused a context (jsonld.expand then says why). */
export class ContextRefused extends Error {}

// The options jsonld.expand(doc, {safe: true}) hands its context processor (base "" is expand's
// default for a document given as an object), with contexts loaded from the bundle only.
const OPTIONS: Record<string, unknown> = {
  base: '',
  safe: true,
  documentLoader: loadBundledOnly,
  contextResolver: new ContextResolver({ sharedCache: new Map() }),
  eventHandler: [events.safeEventHandler],
};

/** The options jsonld's IRI expansion is called with (the context processor's). */
export const JSONLD_OPTIONS: Readonly<Record<string, unknown>> = OPTIONS;

/** The active context every expansion starts from (jsonld's own, shared, never mutated). */
export function initialContext(): ActiveContext {
  return contextApi.getInitialContext(OPTIONS);
}

// Each outcome, once settled; a refused context is remembered too, so a stream of them costs one try.
// An active context is large (every term of the OB context): a stream of documents with ever new
// combinations of types must not keep one for each, so past the bound everything is forgotten.
type Outcome = ActiveContext | ContextRefused;
const MAX_TRANSITIONS = 256;
let settled = new WeakMap<ActiveContext, Map<unknown, Outcome>>();
let pending = new WeakMap<ActiveContext, Map<unknown, Promise<unknown>>>();
let count = 0;

// A list of URLs is keyed by its text; a scoped context (an object of a processed term definition,
// shared by every use of that term) by identity. Inline contexts never get here.
function keyOf(local: unknown, mode: ContextMode): unknown {
  if (typeof local === 'string') return `${mode} ${local}`;
  if (Array.isArray(local) && local.every((c) => typeof c === 'string')) return `${mode} ${local.join(' ')}`;
  return mode === 'embedded' ? undefined : local;
}

/**
 * The active context `local` makes of `active` when applied as `mode`, synchronously once it has
 * been processed. Throws {@link ContextPending} the first time (the walk is then done again) and
 * {@link ContextRefused} when jsonld's processor refuses it or it needs a context that is not bundled.
 */
export function applyContext(active: ActiveContext, local: unknown, mode: ContextMode): ActiveContext {
  const key = keyOf(local, mode);
  if (key === undefined) throw new ContextRefused('an inline context');
  const outcome = settled.get(active)?.get(key);
  if (outcome instanceof ContextRefused) throw outcome;
  if (outcome) return outcome;
  let inFlight = pending.get(active);
  if (!inFlight) pending.set(active, (inFlight = new Map()));
  let ready = inFlight.get(key);
  if (!ready) {
    if (++count > MAX_TRANSITIONS) forgetAll();
    const into = settled;
    const from = inFlight;
    ready = processed(active, local, mode).then((result) => {
      let byKey = into.get(active);
      if (!byKey) into.set(active, (byKey = new Map()));
      byKey.set(key, result);
      from.delete(key);
    });
    inFlight.set(key, ready);
  }
  throw new ContextPending(ready);
}

/** How many context transitions were processed since the cache last forgot (for tests of the bound). */
export function transitionsProcessed(): number {
  return count;
}

function forgetAll(): void {
  settled = new WeakMap();
  pending = new WeakMap();
  count = 1;
}

async function processed(active: ActiveContext, local: unknown, mode: ContextMode): Promise<Outcome> {
  try {
    return await contextApi.process({
      activeCtx: active,
      localCtx: local,
      options: OPTIONS,
      propagate: mode !== 'type-scoped',
      overrideProtected: mode === 'property-scoped',
    });
  } catch (error) {
    return new ContextRefused((error as Error).message);
  }
}
