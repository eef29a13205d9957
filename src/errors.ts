/**
 * Every problem microcred names has a stable code. Issuing throws a {@link MicrocredError}
 * carrying one; verification puts the same codes in its report instead of throwing.
 * Codes are part of the public API; messages may improve between versions.
 */
export const ErrorCode = {
  // input
  INPUT_NOT_JSON: 'ERR_INPUT_NOT_JSON',
  INPUT_NOT_OBJECT: 'ERR_INPUT_NOT_OBJECT',
  // JSON-LD and contexts
  CONTEXT_MISSING: 'ERR_CONTEXT_MISSING',
  CONTEXT_ORDER: 'ERR_CONTEXT_ORDER',
  CONTEXT_UNKNOWN: 'ERR_CONTEXT_UNKNOWN',
  TERM_UNDEFINED: 'ERR_TERM_UNDEFINED',
  JSONLD_INVALID: 'ERR_JSONLD_INVALID',
  // data model
  TYPE_INVALID: 'ERR_TYPE_INVALID',
  FIELD_REQUIRED: 'ERR_FIELD_REQUIRED',
  FIELD_INVALID: 'ERR_FIELD_INVALID',
  ACHIEVEMENT_INVALID: 'ERR_ACHIEVEMENT_INVALID',
  DATE_INVALID: 'ERR_DATE_INVALID',
  // proofs and keys
  PROOF_MISSING: 'ERR_PROOF_MISSING',
  PROOF_UNSUPPORTED: 'ERR_PROOF_UNSUPPORTED',
  SIGNATURE_INVALID: 'ERR_SIGNATURE_INVALID',
  KEY_UNRESOLVED: 'ERR_KEY_UNRESOLVED',
  KEY_INVALID: 'ERR_KEY_INVALID',
  ISSUER_MISMATCH: 'ERR_ISSUER_MISMATCH',
  KEY_NOT_AUTHORIZED: 'ERR_KEY_NOT_AUTHORIZED',
  // validity period
  EXPIRED: 'ERR_EXPIRED',
  STATUS_UNCHECKED: 'ERR_STATUS_UNCHECKED',
  NOT_YET_VALID: 'ERR_NOT_YET_VALID',
  // report bookkeeping
  CHECK_SKIPPED: 'ERR_CHECK_SKIPPED',
  INTERNAL: 'ERR_INTERNAL',
  // competency definitions, evidence and review
  DEFINITION_INVALID: 'ERR_DEFINITION_INVALID',
  SUBMISSION_INVALID: 'ERR_SUBMISSION_INVALID',
  REVIEW_INVALID: 'ERR_REVIEW_INVALID',
  DECISION_NOT_APPROVED: 'ERR_DECISION_NOT_APPROVED',
  EVIDENCE_DIGEST_MISMATCH: 'ERR_EVIDENCE_DIGEST_MISMATCH',
  STACK_COMPONENT_INVALID: 'ERR_STACK_COMPONENT_INVALID',
  // decision reasons (src/review/decide.ts) and review rules
  RULES_INVALID: 'ERR_RULES_INVALID',
  SELF_REVIEW: 'ERR_SELF_REVIEW',
  TOO_FEW_REVIEWERS: 'ERR_TOO_FEW_REVIEWERS',
  REVIEW_OTHER_SUBMISSION: 'ERR_REVIEW_OTHER_SUBMISSION',
  REVIEW_DUPLICATE: 'ERR_REVIEW_DUPLICATE',
  REVIEWERS_DISAGREE: 'ERR_REVIEWERS_DISAGREE',
  ADJUDICATOR_NOT_USED: 'ERR_ADJUDICATOR_NOT_USED',
  COMPONENT_UNSCORED: 'ERR_COMPONENT_UNSCORED',
  COMPONENT_NOT_PASSING: 'ERR_COMPONENT_NOT_PASSING',
  // CLI
  USAGE: 'ERR_USAGE',
  FILE_UNREADABLE: 'ERR_FILE_UNREADABLE',
  FILE_EXISTS: 'ERR_FILE_EXISTS',
  FILE_UNWRITABLE: 'ERR_FILE_UNWRITABLE',

  // VC-JWT (src/jwt)
  JWT_MALFORMED: 'ERR_JWT_MALFORMED',
  JWT_ALG_NONE: 'ERR_JWT_ALG_NONE',
  JWT_ALG_SYMMETRIC: 'ERR_JWT_ALG_SYMMETRIC',
  JWT_ALG_UNSUPPORTED: 'ERR_JWT_ALG_UNSUPPORTED',
  JWT_TYP_UNSUPPORTED: 'ERR_JWT_TYP_UNSUPPORTED',
  JWT_CRIT_UNSUPPORTED: 'ERR_JWT_CRIT_UNSUPPORTED',
  JWT_KEY_MISSING: 'ERR_JWT_KEY_MISSING',
  JWT_JWK_PRIVATE: 'ERR_JWT_JWK_PRIVATE',
  JWT_KEY_ALG_MISMATCH: 'ERR_JWT_KEY_ALG_MISMATCH',
  JWT_CLAIM_MISMATCH: 'ERR_JWT_CLAIM_MISMATCH',
  JWT_CLAIM_INVALID: 'ERR_JWT_CLAIM_INVALID',
  JWT_KEY_NOT_BOUND: 'ERR_JWT_KEY_NOT_BOUND',

  // structure and JSON Schemas (src/verify/checks/type.ts, src/schemas)
  SCHEMA_INVALID: 'ERR_SCHEMA_INVALID',
  SCHEMA_UNRESOLVED: 'ERR_SCHEMA_UNRESOLVED',
  SCHEMA_NOT_APPLICABLE: 'ERR_SCHEMA_NOT_APPLICABLE',
  CONTEXT_OUTDATED: 'ERR_CONTEXT_OUTDATED',

  // issuer trust (src/trust)
  ISSUER_UNKNOWN: 'ERR_ISSUER_UNKNOWN',
  TRUST_LIST_INVALID: 'ERR_TRUST_LIST_INVALID',

  // network and fetch policy (src/network)
  NETWORK_DISABLED: 'ERR_NETWORK_DISABLED',
  NETWORK_REFUSED: 'ERR_NETWORK_REFUSED',
  NETWORK_TIMEOUT: 'ERR_NETWORK_TIMEOUT',
  FETCH_FAILED: 'ERR_FETCH_FAILED',
  TOO_MANY_REDIRECTS: 'ERR_TOO_MANY_REDIRECTS',
  RESPONSE_TOO_LARGE: 'ERR_RESPONSE_TOO_LARGE',
  CONTENT_TYPE_REFUSED: 'ERR_CONTENT_TYPE_REFUSED',
  RESPONSE_NOT_JSON: 'ERR_RESPONSE_NOT_JSON',
  DID_DOCUMENT_MISMATCH: 'ERR_DID_DOCUMENT_MISMATCH',

  // status lists (src/status)
  REVOKED: 'ERR_REVOKED',
  SUSPENDED: 'ERR_SUSPENDED',
  STATUS_ENTRY_INVALID: 'ERR_STATUS_ENTRY_INVALID',
  STATUS_LIST_UNAVAILABLE: 'ERR_STATUS_LIST_UNAVAILABLE',
  STATUS_LIST_INVALID: 'ERR_STATUS_LIST_INVALID',
  STATUS_LIST_ISSUER_MISMATCH: 'ERR_STATUS_LIST_ISSUER_MISMATCH',
  STATUS_PURPOSE_MISMATCH: 'ERR_STATUS_PURPOSE_MISMATCH',
  STATUS_INDEX_OUT_OF_RANGE: 'ERR_STATUS_INDEX_OUT_OF_RANGE',
  STATUS_NOT_INTERPRETED: 'ERR_STATUS_NOT_INTERPRETED',
  STATUS_CREDENTIAL_UNKNOWN: 'ERR_STATUS_CREDENTIAL_UNKNOWN',

  // status stores (src/status/store*, src/postgres)
  STORE_FAILED: 'ERR_STORE_FAILED',
  STORE_LOCKED: 'ERR_STORE_LOCKED',
  STORE_CORRUPT: 'ERR_STORE_CORRUPT',

  // baked images (src/bake)
  IMAGE_INVALID: 'ERR_IMAGE_INVALID',
  IMAGE_TRUNCATED: 'ERR_IMAGE_TRUNCATED',
  IMAGE_CHECKSUM: 'ERR_IMAGE_CHECKSUM',
  IMAGE_CHUNK_TOO_LARGE: 'ERR_IMAGE_CHUNK_TOO_LARGE',
  IMAGE_COMPRESSED: 'ERR_IMAGE_COMPRESSED',
  IMAGE_UNSAFE: 'ERR_IMAGE_UNSAFE',
  IMAGE_AMBIGUOUS: 'ERR_IMAGE_AMBIGUOUS',
  IMAGE_NO_CREDENTIAL: 'ERR_IMAGE_NO_CREDENTIAL',
  IMAGE_OPEN_BADGES_2: 'ERR_IMAGE_OPEN_BADGES_2',

  // input limits (src/verify/limits.ts)
  INPUT_TOO_LARGE: 'ERR_INPUT_TOO_LARGE',
  INPUT_TOO_DEEP: 'ERR_INPUT_TOO_DEEP',
  INPUT_TOO_MANY_PROOFS: 'ERR_INPUT_TOO_MANY_PROOFS',
  INPUT_TOO_MANY_VALUES: 'ERR_INPUT_TOO_MANY_VALUES',

  // what the report shows is what was signed (src/verify/view)
  CONTEXT_INLINE: 'ERR_CONTEXT_INLINE',
  NOT_AS_SIGNED: 'ERR_NOT_AS_SIGNED',
  FIELD_REPEATED: 'ERR_FIELD_REPEATED',

  // reading JSON text strictly (src/jsonText.ts): one text, one credential, whoever reads it
  INPUT_DUPLICATE_KEY: 'ERR_INPUT_DUPLICATE_KEY',

  // status lists: which list, and how many (src/verify/readStatusList.ts, src/verify/checks/status.ts)
  STATUS_LIST_ID_MISMATCH: 'ERR_STATUS_LIST_ID_MISMATCH',
  STATUS_TOO_MANY_ENTRIES: 'ERR_STATUS_TOO_MANY_ENTRIES',
  STATUS_TOO_MANY_LISTS: 'ERR_STATUS_TOO_MANY_LISTS',

  // verification that nothing can stall (src/verify/loader.ts, src/verify/limits.ts, src/schemas)
  VERIFY_TIMEOUT: 'ERR_VERIFY_TIMEOUT',
  INPUT_TOO_MANY_CONTEXTS: 'ERR_INPUT_TOO_MANY_CONTEXTS',
  SCHEMA_TOO_MANY: 'ERR_SCHEMA_TOO_MANY',
  SCHEMA_TOO_LARGE: 'ERR_SCHEMA_TOO_LARGE',
  SCHEMA_PATTERN_UNSAFE: 'ERR_SCHEMA_PATTERN_UNSAFE',
  SCHEMA_NOT_LOADED: 'ERR_SCHEMA_NOT_LOADED',

  // proof and key lifetimes, proofs by others (src/proofs/proofDates.ts, src/keys/keyLifecycle.ts)
  PROOF_EXPIRED: 'ERR_PROOF_EXPIRED',
  PROOF_NOT_YET_VALID: 'ERR_PROOF_NOT_YET_VALID',
  KEY_EXPIRED: 'ERR_KEY_EXPIRED',
  PROOF_NOT_BY_ISSUER: 'ERR_PROOF_NOT_BY_ISSUER',

  // one key type (src/keys/key.ts): a key asked for a proof its type cannot make
  KEY_PROOF_UNSUPPORTED: 'ERR_KEY_PROOF_UNSUPPORTED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem found in a document, located by its JSON path (e.g. `credentialSubject.achievement.name`). */
export interface ProblemDetail {
  path?: string;
  message: string;
}

/** Structured facts about an error: the JSON path, the URL or term concerned, and any per-item problems. */
export interface MicrocredErrorDetails {
  path?: string;
  url?: string;
  term?: string;
  problems?: ProblemDetail[];
  [key: string]: unknown;
}

/**
 * The one error class microcred throws.
 *
 * @example
 * try { await issueCredential(doc, { key }) }
 * catch (e) { if (e instanceof MicrocredError && e.code === 'ERR_DATE_INVALID') console.log(e.details.path) }
 */
export class MicrocredError extends Error {
  readonly code: ErrorCode;
  readonly details: MicrocredErrorDetails;

  constructor(code: ErrorCode, message: string, details: MicrocredErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MicrocredError';
    this.code = code;
    this.details = details;
  }
}

/** True when `error` is a {@link MicrocredError}, optionally with the given code. */
export function isMicrocredError(error: unknown, code?: ErrorCode): error is MicrocredError {
  return error instanceof MicrocredError && (code === undefined || error.code === code);
}
