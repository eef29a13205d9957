// The options of one verification, read once into plain values. A caller's options may be
// anything (a Proxy that throws on every trap, getters that throw, frozen or odd objects);
// verification never throws, so nothing here lets an exception out, and no check reads the
// caller's object again.
import { documentLoaderParts, type DocumentLoader, type LoadsDocuments } from '../contexts/documentLoader.js';
import { isJsonObject } from '../jsonPath.js';
import type { NetworkPolicy } from '../network/policy.js';
import type { StatusRegistry } from '../status/registry.js';
import type { TrustedIssuer } from '../trust/types.js';
import { DEFAULT_LIMITS, resolveLimits, type VerifyLimits } from './limits.js';
import { VerificationLoader } from './loader.js';

/** The default of `timeoutMs`: one deadline for everything a verification fetches. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The options as the checks read them: every value plain, every default applied where one is needed. */
export interface VerifyOptionsSnapshot {
  loader?: LoadsDocuments;
  now: Date;
  clockSkewSeconds: number;
  documents: Map<string, unknown>;
  fetch?: typeof globalThis.fetch;
  network?: NetworkPolicy;
  trust?: TrustedIssuer[];
  limits: VerifyLimits;
  timeoutMs: number;
  inlineContexts?: 'warn' | 'refuse';
  /** The caller's status registry, whose own lists the status check is served. */
  status?: StatusRegistry;
  /** The recipient an Open Badges 2.0 assertion is compared with (an email address, URL or telephone number). */
  recipient?: string;
}

const NETWORK_FIELDS = [
  'httpsOnly',
  'timeoutMs',
  'maxBytes',
  'cacheTtlMs',
  'allowPrivateAddresses',
  'maxRedirects',
] as const;

/** Reads `options` once into a {@link VerifyOptionsSnapshot}; never rejects, whatever `options` is. */
export async function readVerifyOptions(options: unknown): Promise<VerifyOptionsSnapshot> {
  const get = (name: string | symbol) => read(options, name);
  const skew = get('clockSkewSeconds');
  const timeout = get('timeoutMs');
  const loader = loaderOf(get('loader'));
  const fetch = get('fetch');
  const network = networkOf(get('network'));
  const trust = get('trust');
  const status = get('status');
  const recipient = get('recipient');
  return {
    ...(loader ? { loader } : {}),
    now: dateOf(get('now')) ?? new Date(),
    clockSkewSeconds: typeof skew === 'number' && Number.isFinite(skew) ? Math.max(0, skew) : 300,
    documents: documentsOf(get('documents')),
    ...(typeof fetch === 'function' ? { fetch: fetch as typeof globalThis.fetch } : {}),
    ...(network ? { network } : {}),
    // A list that cannot be copied is passed as it is: the trust check then says what is wrong with it.
    ...(trust === undefined ? {} : { trust: (copyOf(trust) ?? trust) as TrustedIssuer[] }),
    limits: limitsOf(get('limits')),
    timeoutMs: typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
    ...(get('inlineContexts') === 'refuse' ? { inlineContexts: 'refuse' as const } : {}),
    // A registry is used as it is (its store is the issuer's own state); anything else is not one.
    ...(await registryOf(status)),
    ...(typeof recipient === 'string' && recipient.trim() !== '' ? { recipient } : {}),
  };
}

// The registry class, and the issuing code it signs lists with, is loaded only when a caller passes
// something as `status` (an issuer verifying its own credentials), not with every verifier.
async function registryOf(value: unknown): Promise<{ status?: StatusRegistry }> {
  if (typeof value !== 'object' || value === null) return {};
  try {
    const { StatusRegistry } = await import('../status/registry.js');
    return StatusRegistry.isStatusRegistry(value) ? { status: value } : {};
  } catch {
    return {};
  }
}

function read(value: unknown, name: string | symbol): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  try {
    return Reflect.get(value, name);
  } catch {
    return undefined;
  }
}

// A DocumentLoader or an enclosing verification's loader is used as it is (its state is this
// library's own); anything else is reduced to its `load` function, read once. Without a load
// function jsonld would fall back to its own loader, which fetches: such a loader is ignored.
function loaderOf(value: unknown): LoadsDocuments | undefined {
  if (documentLoaderParts(value) || VerificationLoader.isVerificationLoader(value)) return value as DocumentLoader;
  const load = read(value, 'load');
  if (typeof load !== 'function') return undefined;
  return { load: async (url) => Reflect.apply(load, value, [url]) };
}

function dateOf(value: unknown): Date | undefined {
  try {
    if (!(value instanceof Date)) return undefined;
    const time = Date.prototype.getTime.call(value);
    return Number.isNaN(time) ? undefined : new Date(time);
  } catch {
    return undefined;
  }
}

function documentsOf(value: unknown): Map<string, unknown> {
  const documents = new Map<string, unknown>();
  try {
    const entries: [unknown, unknown][] =
      value instanceof Map
        ? [...Map.prototype.entries.call(value)]
        : isJsonObject(value)
          ? Object.keys(value).map((k) => [k, read(value, k)])
          : [];
    for (const [url, document] of entries) {
      const copy = copyOf(document);
      if (typeof url === 'string' && copy !== undefined) documents.set(url, copy);
    }
  } catch {
    // what could not be read is not served
  }
  return documents;
}

function networkOf(value: unknown): NetworkPolicy | undefined {
  if (value === undefined) return undefined;
  const policy: Record<string, unknown> = {};
  for (const name of NETWORK_FIELDS) {
    const field = read(value, name);
    if (field !== undefined) policy[name] = field;
  }
  return policy as NetworkPolicy;
}

function limitsOf(value: unknown): VerifyLimits {
  try {
    return resolveLimits(value);
  } catch {
    return { ...DEFAULT_LIMITS };
  }
}

// A copy the caller cannot change under a running verification; what cannot be copied (a Proxy,
// a getter that throws) is left out: undefined.
function copyOf(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return undefined;
  }
}
