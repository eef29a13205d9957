import { MicrocredError, ErrorCode } from '../errors.js';
import { didWebUrl } from '../network/didWeb.js';
import type { PolicyFetcher } from '../network/policyFetch.js';
import { collectContextUrls } from './contextUrls.js';
import { ownDidDocument } from './heldDocuments.js';
import { selectVerificationMethod, splitFragment } from './verificationMethod.js';

/** How {@link fetchDocument} may reach the network. */
export interface FetchRules {
  /** The fetcher to use; without one nothing is fetched and the error says how to supply the document. */
  fetcher: PolicyFetcher | undefined;
  /** Whether `url` is used as a JSON-LD context somewhere (such URLs are never fetched). */
  usedAsContext: (url: string) => boolean;
  /**
   * True for the loader of one verification, which knows the document it verifies and so can tell
   * a context from a document at an https URL; a plain loader cannot, and says so.
   */
  verifying: boolean;
  /** The most time this request may take, in milliseconds (it never exceeds the policy's own timeout). */
  timeoutMs?: number;
  /** Receives the context URLs the fetched document uses. */
  contexts: Set<string>;
}

/**
 * Fetches a did:web DID document or an https document under the fetcher's policy. A URL used as a
 * context is refused (ERR_CONTEXT_UNKNOWN): a remote context could change what a signature covers.
 * Without a fetcher, ERR_NETWORK_DISABLED (or ERR_CONTEXT_UNKNOWN for a plain loader) names the URL.
 */
export async function fetchDocument(url: string, rules: FetchRules): Promise<unknown> {
  const [base, fragment] = splitFragment(url);
  if (rules.usedAsContext(url) || rules.usedAsContext(base)) {
    throw new MicrocredError(
      ErrorCode.CONTEXT_UNKNOWN,
      `${url} is a JSON-LD context that is not bundled with microcred and was not supplied; contexts are never fetched, because a remote context could change what a signature covers.`,
      { url },
    );
  }
  const isDidWeb = base.startsWith('did:web:');
  if (!isDidWeb && !/^https?:\/\//i.test(base)) {
    throw new MicrocredError(
      ErrorCode.CONTEXT_UNKNOWN,
      `${url} is not a bundled context or a document this loader holds, and microcred does not fetch it.`,
      { url },
    );
  }
  const location = isDidWeb ? didWebUrl(base) : base;
  const { fetcher } = rules;
  if (!fetcher) throw networkDisabled(url, base, location, isDidWeb, rules.verifying);
  let document: unknown;
  try {
    document = await fetcher.get(location, rules.timeoutMs === undefined ? {} : { timeoutMs: rules.timeoutMs });
  } catch (error) {
    if (error instanceof MicrocredError) throw error;
    throw new MicrocredError(
      ErrorCode.FETCH_FAILED,
      `${location} could not be read: ${(error as Error)?.message ?? String(error)}`,
      { url: location },
      { cause: error },
    );
  }
  if (isDidWeb) document = ownDidDocument(document, base, location);
  collectContextUrls(document, rules.contexts);
  return fragment === undefined ? document : selectVerificationMethod(document, url);
}

function networkDisabled(
  url: string,
  base: string,
  location: string,
  isDidWeb: boolean,
  verifying: boolean,
): MicrocredError {
  if (!isDidWeb && !verifying) {
    return new MicrocredError(
      ErrorCode.CONTEXT_UNKNOWN,
      `${url} is not a bundled context or a document this loader holds, and this loader has no fetch function: supply it with the documents option.`,
      { url },
    );
  }
  const subject = isDidWeb ? `${url} is resolved from ${location}` : `${url} is not held`;
  return new MicrocredError(
    ErrorCode.NETWORK_DISABLED,
    `${subject}, and no fetch function was given, so nothing was fetched. Supply the ${isDidWeb ? 'DID document' : 'document'} (the documents option) or allow the network (the fetch option).`,
    { url: location, ...(isDidWeb ? { did: base } : {}) },
  );
}
