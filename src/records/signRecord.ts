// The signing step of the records microcred makes besides Open Badges (an EndorsementCredential, a
// CLR 2.0 ClrCredential): the same checks an Open Badge gets before signing, for their shapes.
import { ErrorCode, MicrocredError } from '../errors.js';
import { CONTEXT } from '../model/constants.js';
import { copyAsPlainJson, isJsonObject } from '../jsonPath.js';
import { parseDateTimeZ, toDateTimeZ } from '../dates.js';
import { unbundledContexts } from '../contexts/bundled.js';
import { DocumentLoader } from '../contexts/documentLoader.js';
import { findUndefinedTerms } from '../contexts/undefinedTerms.js';
import { dataIntegrityPlan } from '../issue/issueOptions.js';
import { signDocument } from '../proofs/sign.js';
import type { Key } from '../keys/key.js';

/** What signing a record takes: the issuer's Ed25519 key, and optionally a loader and a clock. */
export interface SignRecordOptions {
  /** The issuer's key: `issuer.id` is its controller. */
  key: Key;
  /** A loader to reuse across calls (one is made if absent). */
  loader?: DocumentLoader;
  /** The clock: `validFrom` and the proof's `created` default to it. */
  now?: Date;
}

/**
 * Signs `record` (built by microcred, so only its dates, contexts and terms can be wrong) with a
 * DataIntegrityProof (eddsa-rdfc-2022). Throws a {@link MicrocredError} before signing for a
 * context microcred does not bundle, an issuer that is not the key's controller, a date without a
 * timezone, or a term no context defines (`details.path` names it). `what` names the caller.
 */
export async function signRecord<T>(
  record: Record<string, unknown>,
  options: SignRecordOptions,
  what: string,
): Promise<T> {
  const { key, issuerId } = dataIntegrityPlan(options, what);
  const now = options.now ?? new Date();
  const doc = copyAsPlainJson(record) as Record<string, unknown>;
  doc.id ??= `urn:uuid:${globalThis.crypto.randomUUID()}`;
  doc.validFrom ??= toDateTimeZ(now);
  const context = doc['@context'] as unknown[];
  if (context[0] !== CONTEXT.VC_V2)
    refuse(ErrorCode.CONTEXT_ORDER, '@context[0]', `@context must start with ${CONTEXT.VC_V2}.`);
  const [unbundled] = unbundledContexts(context);
  if (unbundled) refuse(ErrorCode.CONTEXT_UNKNOWN, unbundled.path, unbundled.detail);
  const issuer = isJsonObject(doc.issuer) ? doc.issuer.id : doc.issuer;
  if (issuer !== issuerId)
    refuse(
      ErrorCode.ISSUER_MISMATCH,
      'issuer.id',
      `issuer.id is ${String(issuer)} but the signing key belongs to ${issuerId}.`,
    );
  for (const field of ['validFrom', 'validUntil'] as const) {
    if (doc[field] !== undefined && parseDateTimeZ(doc[field]) === undefined)
      refuse(
        ErrorCode.DATE_INVALID,
        field,
        `${field} must be an RFC 3339 date-time with a timezone, e.g. 2026-01-31T09:00:00Z (got ${JSON.stringify(doc[field])}).`,
      );
  }
  const loader = options.loader ?? new DocumentLoader();
  const [term] = await findUndefinedTerms(doc, loader);
  if (term)
    refuse(
      ErrorCode.TERM_UNDEFINED,
      term.path ?? '',
      { term: term.term },
      `"${term.term}"${term.path ? ` at ${term.path}` : ''} is not defined by the contexts of the ${what} record; leave it out or use a term the contexts define.`,
    );
  return signDocument<T>(doc, key, loader, now);
}

function refuse(
  code: ErrorCode,
  path: string,
  ...rest: [message: string] | [details: Record<string, unknown>, message: string]
): never {
  const [details, message] = rest.length === 1 ? [{}, rest[0]] : rest;
  throw new MicrocredError(code, `Cannot sign: ${message}`, { ...details, ...(path ? { path } : {}) } as never);
}
