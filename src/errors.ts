/**
 * Every problem microcred names has a stable code. Issuing throws a {@link MicrocredError}
 * carrying one; verification puts the same codes in its report instead of throwing.
 * Codes are part of the public API; titles ({@link ERROR_TITLES}) and messages may improve
 * between versions. (The command line's own codes, such as `ERR_USAGE`, are not library codes.)
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
  IRI_RELATIVE: 'ERR_IRI_RELATIVE',
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
  DEFINITION_UNREADABLE: 'ERR_DEFINITION_UNREADABLE',
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

  // keys kept elsewhere (src/keys/externalKey.ts): a signer outside microcred (a KMS, an HSM)
  SIGNER_FAILED: 'ERR_SIGNER_FAILED',
  SIGNER_TIMEOUT: 'ERR_SIGNER_TIMEOUT',
  SIGNER_INVALID_SIGNATURE: 'ERR_SIGNER_INVALID_SIGNATURE',

  // status lists belong to one issuer (src/status/registry.ts): rotation, shared stores, adoption
  STATUS_LIST_OTHER_ISSUER: 'ERR_STATUS_LIST_OTHER_ISSUER',
  STATUS_LIST_UNCLAIMED: 'ERR_STATUS_LIST_UNCLAIMED',

  // batch issuance (src/issue/batch.ts, src/issue/batchRow.ts)
  BATCH_ROW_INVALID: 'ERR_BATCH_ROW_INVALID',

  // work spread over worker threads (src/parallel: verifyMany, issueMany)
  WORKER_FAILED: 'ERR_WORKER_FAILED',
  // the verifier service (src/http): a request the service cannot answer with a report
  HTTP_BODY_INVALID: 'ERR_HTTP_BODY_INVALID',
  HTTP_BODY_TOO_LARGE: 'ERR_HTTP_BODY_TOO_LARGE',
  HTTP_MEDIA_TYPE_UNSUPPORTED: 'ERR_HTTP_MEDIA_TYPE_UNSUPPORTED',
  HTTP_NOT_FOUND: 'ERR_HTTP_NOT_FOUND',
  HTTP_METHOD_NOT_ALLOWED: 'ERR_HTTP_METHOD_NOT_ALLOWED',
  HTTP_ORIGIN_REFUSED: 'ERR_HTTP_ORIGIN_REFUSED',
  HTTP_BODY_TIMEOUT: 'ERR_HTTP_BODY_TIMEOUT',
  // presentations, credentials other than Open Badges, inputs (src/verify/presentation, checks/type.ts)
  PRESENTATION_GIVEN: 'ERR_PRESENTATION_GIVEN',
  PRESENTATION_INVALID: 'ERR_PRESENTATION_INVALID',
  PRESENTATION_CHALLENGE: 'ERR_PRESENTATION_CHALLENGE',
  PRESENTATION_CHALLENGE_UNCHECKED: 'ERR_PRESENTATION_CHALLENGE_UNCHECKED',
  PRESENTATION_DOMAIN: 'ERR_PRESENTATION_DOMAIN',
  PRESENTATION_DOMAIN_UNCHECKED: 'ERR_PRESENTATION_DOMAIN_UNCHECKED',
  PRESENTATION_EMPTY: 'ERR_PRESENTATION_EMPTY',
  PRESENTATION_CREDENTIAL: 'ERR_PRESENTATION_CREDENTIAL',
  HOLDER_MISMATCH: 'ERR_HOLDER_MISMATCH',
  HOLDER_NOT_SUBJECT: 'ERR_HOLDER_NOT_SUBJECT',
  HOLDER_SUBJECT_UNKNOWN: 'ERR_HOLDER_SUBJECT_UNKNOWN',
  NOT_OPEN_BADGE: 'ERR_NOT_OPEN_BADGE',
  // suites and algorithms (src/proofs/*, src/verify/checks/signature.ts, src/jwt/*)
  PROOF_CHAIN_BROKEN: 'ERR_PROOF_CHAIN_BROKEN',
  PROOF_BASE_FOR_HOLDER: 'ERR_PROOF_BASE_FOR_HOLDER',
  SD_JWT_UNSUPPORTED: 'ERR_SD_JWT_UNSUPPORTED',
  // portable records: endorsements and CLR 2.0 (src/records, the endorsement / credentials / associations checks)
  ENDORSEMENT_INVALID: 'ERR_ENDORSEMENT_INVALID',
  ENDORSEMENT_NOT_FOR_THIS: 'ERR_ENDORSEMENT_NOT_FOR_THIS',
  ENDORSEMENT_NOT_EMBEDDED: 'ERR_ENDORSEMENT_NOT_EMBEDDED',
  CLR_CREDENTIAL_INVALID: 'ERR_CLR_CREDENTIAL_INVALID',
  CLR_CREDENTIAL_NOT_EMBEDDED: 'ERR_CLR_CREDENTIAL_NOT_EMBEDDED',
  CLR_ASSOCIATION_DANGLING: 'ERR_CLR_ASSOCIATION_DANGLING',
  NESTING_TOO_DEEP: 'ERR_NESTING_TOO_DEEP',
  // Open Badges 2.0 (src/ob2): assertions read and verified as OB 2.0 allows
  OB2_INVALID: 'ERR_OB2_INVALID',
  OB2_VERSION_UNSUPPORTED: 'ERR_OB2_VERSION_UNSUPPORTED',
  OB2_SIGNATURE_MISSING: 'ERR_OB2_SIGNATURE_MISSING',
  OB2_KEY_NOT_OWNED: 'ERR_OB2_KEY_NOT_OWNED',
  OB2_HOSTED_MISMATCH: 'ERR_OB2_HOSTED_MISMATCH',
  OB2_ORIGIN_NOT_ALLOWED: 'ERR_OB2_ORIGIN_NOT_ALLOWED',
  OB2_DOCUMENT_INVALID: 'ERR_OB2_DOCUMENT_INVALID',
  OB2_RECIPIENT_MISMATCH: 'ERR_OB2_RECIPIENT_MISMATCH',
  OB2_RECIPIENT_UNCHECKED: 'ERR_OB2_RECIPIENT_UNCHECKED',
  // JsonWebSignature2020 proofs: the detached JWS (src/proofs/detachedJws.ts, src/proofs/jsonWebSignature2020.ts)
  JWS_INVALID: 'ERR_JWS_INVALID',
  JWS_ALG_UNSUPPORTED: 'ERR_JWS_ALG_UNSUPPORTED',
  JWS_KEY_ALG_MISMATCH: 'ERR_JWS_KEY_ALG_MISMATCH',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The title of every code: what a report shows above a problem's detail, and the headline of a
 * report that did not verify ("Invalid — the signature does not match"). One title per code, so a
 * title never says more than its code; what was found, where, and what to do is the detail's.
 */
export const ERROR_TITLES: { readonly [C in ErrorCode]: string } = {
  // input
  [ErrorCode.INPUT_NOT_JSON]: 'Not JSON',
  [ErrorCode.INPUT_NOT_OBJECT]: 'Not a credential',
  // JSON-LD and contexts
  [ErrorCode.CONTEXT_MISSING]: 'A context is missing',
  [ErrorCode.CONTEXT_ORDER]: 'The VC context is not first',
  [ErrorCode.CONTEXT_UNKNOWN]: 'Unknown context',
  [ErrorCode.TERM_UNDEFINED]: 'A term is not defined',
  [ErrorCode.JSONLD_INVALID]: 'Not valid JSON-LD',
  [ErrorCode.IRI_RELATIVE]: 'An identifier is not an absolute IRI',
  // data model
  [ErrorCode.TYPE_INVALID]: 'Not an Open Badges credential',
  [ErrorCode.FIELD_REQUIRED]: 'A required field is missing',
  [ErrorCode.FIELD_INVALID]: 'A field is not valid',
  [ErrorCode.ACHIEVEMENT_INVALID]: 'The achievement is not valid',
  [ErrorCode.DATE_INVALID]: 'Unreadable date',
  // proofs and keys
  [ErrorCode.PROOF_MISSING]: 'No proof',
  [ErrorCode.PROOF_UNSUPPORTED]: 'A proof microcred does not verify',
  [ErrorCode.SIGNATURE_INVALID]: 'The signature does not match',
  [ErrorCode.KEY_UNRESOLVED]: 'The signing key could not be found',
  [ErrorCode.KEY_INVALID]: 'The key cannot be used',
  [ErrorCode.ISSUER_MISMATCH]: 'Signed by someone other than the issuer',
  [ErrorCode.KEY_NOT_AUTHORIZED]: 'The key may not issue credentials',
  // validity period
  [ErrorCode.EXPIRED]: 'Expired',
  [ErrorCode.STATUS_UNCHECKED]: 'Status not checked',
  [ErrorCode.NOT_YET_VALID]: 'Not yet valid',
  // report bookkeeping
  [ErrorCode.CHECK_SKIPPED]: 'Not checked',
  [ErrorCode.INTERNAL]: 'An unexpected error',
  // competency definitions, evidence and review
  [ErrorCode.DEFINITION_INVALID]: 'The competency definition is not valid',
  [ErrorCode.DEFINITION_UNREADABLE]: 'The competency definition file could not be read',
  [ErrorCode.KEY_PROOF_UNSUPPORTED]: 'The key cannot make this kind of proof',
  [ErrorCode.SUBMISSION_INVALID]: 'The submission is not valid',
  [ErrorCode.REVIEW_INVALID]: 'A review is not valid',
  [ErrorCode.DECISION_NOT_APPROVED]: 'The submission is not approved',
  [ErrorCode.EVIDENCE_DIGEST_MISMATCH]: 'Evidence does not match its digest',
  [ErrorCode.STACK_COMPONENT_INVALID]: 'A credential of the stack is not valid',
  // decision reasons and review rules
  [ErrorCode.RULES_INVALID]: 'The review rules are not valid',
  [ErrorCode.SELF_REVIEW]: 'A review by the candidate',
  [ErrorCode.TOO_FEW_REVIEWERS]: 'Too few reviewers',
  [ErrorCode.REVIEW_OTHER_SUBMISSION]: 'A review of another submission',
  [ErrorCode.REVIEW_DUPLICATE]: 'A reviewer reviewed twice',
  [ErrorCode.REVIEWERS_DISAGREE]: 'The reviewers disagree',
  [ErrorCode.ADJUDICATOR_NOT_USED]: 'An adjudicator review was not used',
  [ErrorCode.COMPONENT_UNSCORED]: 'A component was not scored',
  [ErrorCode.COMPONENT_NOT_PASSING]: 'A component did not pass',
  // VC-JWT
  [ErrorCode.JWT_MALFORMED]: 'Not a well-formed JWT',
  [ErrorCode.JWT_ALG_NONE]: 'The JWT is not signed',
  [ErrorCode.JWT_ALG_SYMMETRIC]: 'Protected by a shared secret, not a signature',
  [ErrorCode.JWT_ALG_UNSUPPORTED]: 'Unsupported signature algorithm',
  [ErrorCode.JWT_TYP_UNSUPPORTED]: 'Not a credential JWT',
  [ErrorCode.JWT_CRIT_UNSUPPORTED]: 'Unknown critical header',
  [ErrorCode.JWT_KEY_MISSING]: 'The JWT names no key',
  [ErrorCode.JWT_JWK_PRIVATE]: 'The key includes its private part',
  [ErrorCode.JWT_KEY_ALG_MISMATCH]: 'The key does not fit the algorithm',
  [ErrorCode.JWT_CLAIM_MISMATCH]: 'A JWT claim disagrees with the credential',
  [ErrorCode.JWT_CLAIM_INVALID]: 'A JWT claim is not well formed',
  [ErrorCode.JWT_KEY_NOT_BOUND]: 'The signing key is not tied to the issuer',
  // structure and JSON Schemas
  [ErrorCode.SCHEMA_INVALID]: 'Does not match the JSON Schema',
  [ErrorCode.SCHEMA_UNRESOLVED]: 'A named schema could not be loaded',
  [ErrorCode.SCHEMA_NOT_APPLICABLE]: 'Not checked against the Open Badges 3.0 JSON Schema',
  [ErrorCode.CONTEXT_OUTDATED]: 'An older Open Badges context',
  // issuer trust
  [ErrorCode.ISSUER_UNKNOWN]: 'Not an issuer you know',
  [ErrorCode.TRUST_LIST_INVALID]: 'The list of known issuers is not valid',
  // network and fetch policy
  [ErrorCode.NETWORK_DISABLED]: 'A document needs the network',
  [ErrorCode.NETWORK_REFUSED]: 'A fetch was refused',
  [ErrorCode.NETWORK_TIMEOUT]: 'A fetch timed out',
  [ErrorCode.FETCH_FAILED]: 'A document could not be fetched',
  [ErrorCode.TOO_MANY_REDIRECTS]: 'Too many redirects',
  [ErrorCode.RESPONSE_TOO_LARGE]: 'A fetched document is too large',
  [ErrorCode.CONTENT_TYPE_REFUSED]: 'A web page, not a JSON document',
  [ErrorCode.RESPONSE_NOT_JSON]: 'A fetched document is not JSON',
  [ErrorCode.DID_DOCUMENT_MISMATCH]: 'The DID document is for another DID',
  // status lists
  [ErrorCode.REVOKED]: 'Revoked',
  [ErrorCode.SUSPENDED]: 'Suspended',
  [ErrorCode.STATUS_ENTRY_INVALID]: 'Unreadable status entry',
  [ErrorCode.STATUS_LIST_UNAVAILABLE]: 'The status list could not be read',
  [ErrorCode.STATUS_LIST_INVALID]: 'The status list cannot be trusted',
  [ErrorCode.STATUS_LIST_ISSUER_MISMATCH]: "The status list is not the issuer's",
  [ErrorCode.STATUS_PURPOSE_MISMATCH]: 'The status list is for another purpose',
  [ErrorCode.STATUS_INDEX_OUT_OF_RANGE]: 'The status index is beyond the list',
  [ErrorCode.STATUS_NOT_INTERPRETED]: 'A status microcred does not interpret',
  [ErrorCode.STATUS_CREDENTIAL_UNKNOWN]: 'Not a credential of this status store',
  // status stores
  [ErrorCode.STORE_FAILED]: 'The status store failed',
  [ErrorCode.STORE_LOCKED]: 'The status store is locked',
  [ErrorCode.STORE_CORRUPT]: 'The status store is damaged',
  // baked images
  [ErrorCode.IMAGE_INVALID]: 'Not a readable badge image',
  [ErrorCode.IMAGE_TRUNCATED]: 'The image is cut short',
  [ErrorCode.IMAGE_CHECKSUM]: 'The image is damaged',
  [ErrorCode.IMAGE_CHUNK_TOO_LARGE]: 'The image claims an impossible size',
  [ErrorCode.IMAGE_COMPRESSED]: 'The baked credential is compressed',
  [ErrorCode.IMAGE_UNSAFE]: 'The image uses features microcred does not read',
  [ErrorCode.IMAGE_AMBIGUOUS]: 'The image holds more than one badge',
  [ErrorCode.IMAGE_NO_CREDENTIAL]: 'No credential in the image',
  [ErrorCode.IMAGE_OPEN_BADGES_2]: 'This is an Open Badges 2.0 badge',
  // input limits
  [ErrorCode.INPUT_TOO_LARGE]: 'Too large',
  [ErrorCode.INPUT_TOO_DEEP]: 'Nested too deeply',
  [ErrorCode.INPUT_TOO_MANY_PROOFS]: 'Too many proofs',
  [ErrorCode.INPUT_TOO_MANY_VALUES]: 'Too many values',
  // what the report shows is what was signed
  [ErrorCode.CONTEXT_INLINE]: 'An inline context',
  [ErrorCode.NOT_AS_SIGNED]: 'The JSON shows something that was not signed',
  [ErrorCode.FIELD_REPEATED]: 'A field has two values',
  // reading JSON text strictly
  [ErrorCode.INPUT_DUPLICATE_KEY]: 'A member name appears twice',
  // status lists: which list, and how many
  [ErrorCode.STATUS_LIST_ID_MISMATCH]: 'The status list is another list',
  [ErrorCode.STATUS_TOO_MANY_ENTRIES]: 'Too many status entries',
  [ErrorCode.STATUS_TOO_MANY_LISTS]: 'Too many status lists',
  // verification that nothing can stall
  [ErrorCode.VERIFY_TIMEOUT]: 'Not loaded in time',
  [ErrorCode.INPUT_TOO_MANY_CONTEXTS]: 'Too many contexts',
  [ErrorCode.SCHEMA_TOO_MANY]: 'Too many named schemas',
  [ErrorCode.SCHEMA_TOO_LARGE]: 'A named schema is too large',
  [ErrorCode.SCHEMA_PATTERN_UNSAFE]: 'A named schema has a pattern microcred does not run',
  [ErrorCode.SCHEMA_NOT_LOADED]: 'A named schema was not loaded',
  // proof and key lifetimes, proofs by others
  [ErrorCode.PROOF_EXPIRED]: 'The proof has expired',
  [ErrorCode.PROOF_NOT_YET_VALID]: 'The proof was made in the future',
  [ErrorCode.KEY_EXPIRED]: 'The signing key has expired',
  [ErrorCode.PROOF_NOT_BY_ISSUER]: 'Also signed by someone other than the issuer',
  // keys kept elsewhere
  [ErrorCode.SIGNER_FAILED]: 'The external signer failed',
  [ErrorCode.SIGNER_TIMEOUT]: 'The external signer did not answer in time',
  [ErrorCode.SIGNER_INVALID_SIGNATURE]: "The external signer's signature does not match its public key",

  // status lists belong to one issuer
  [ErrorCode.STATUS_LIST_OTHER_ISSUER]: "The status list is another issuer's",
  [ErrorCode.STATUS_LIST_UNCLAIMED]: 'The status list records no issuer',

  // batch issuance
  [ErrorCode.BATCH_ROW_INVALID]: 'A row of the batch cannot be issued',
  [ErrorCode.WORKER_FAILED]: 'A worker thread failed',
  // the verifier service
  [ErrorCode.HTTP_BODY_INVALID]: 'The request is not a verification request',
  [ErrorCode.HTTP_BODY_TOO_LARGE]: 'The request body is too large',
  [ErrorCode.HTTP_MEDIA_TYPE_UNSUPPORTED]: 'The request body is of a type the service does not read',
  [ErrorCode.HTTP_NOT_FOUND]: 'Nothing is served at this path',
  [ErrorCode.HTTP_METHOD_NOT_ALLOWED]: 'This path does not take that method',
  [ErrorCode.HTTP_ORIGIN_REFUSED]: 'This origin may not call the service',
  [ErrorCode.HTTP_BODY_TIMEOUT]: 'The request body did not arrive in time',

  // presentations, credentials other than Open Badges, inputs
  [ErrorCode.PRESENTATION_GIVEN]: 'This is a presentation, not a credential',
  [ErrorCode.PRESENTATION_INVALID]: 'Not a verifiable presentation',
  [ErrorCode.PRESENTATION_CHALLENGE]: 'The challenge does not match: possibly a replay',
  [ErrorCode.PRESENTATION_CHALLENGE_UNCHECKED]: 'No challenge was given to check',
  [ErrorCode.PRESENTATION_DOMAIN]: 'The presentation is meant for another domain',
  [ErrorCode.PRESENTATION_DOMAIN_UNCHECKED]: 'No domain was given to check',
  [ErrorCode.PRESENTATION_EMPTY]: 'The presentation holds no credential',
  [ErrorCode.PRESENTATION_CREDENTIAL]: 'A credential in the presentation does not verify',
  [ErrorCode.HOLDER_MISMATCH]: 'The holder did not sign the presentation',
  [ErrorCode.HOLDER_NOT_SUBJECT]: 'The holder is not the subject',
  [ErrorCode.HOLDER_SUBJECT_UNKNOWN]: 'Whether the holder is the subject cannot be told',
  [ErrorCode.NOT_OPEN_BADGE]: 'A credential other than an Open Badge',

  // suites and algorithms
  [ErrorCode.PROOF_CHAIN_BROKEN]: 'A proof of the chain is missing',
  [ErrorCode.PROOF_BASE_FOR_HOLDER]: 'A base proof is for the holder, not for verifiers',
  [ErrorCode.SD_JWT_UNSUPPORTED]: 'SD-JWT VCs are not verified yet',

  // portable records: endorsements and CLR 2.0
  [ErrorCode.ENDORSEMENT_INVALID]: 'An endorsement does not verify',
  [ErrorCode.ENDORSEMENT_NOT_FOR_THIS]: 'An endorsement endorses something else',
  [ErrorCode.ENDORSEMENT_NOT_EMBEDDED]: 'An endorsement is only referenced',
  [ErrorCode.CLR_CREDENTIAL_INVALID]: 'A credential in the record does not verify',
  [ErrorCode.CLR_CREDENTIAL_NOT_EMBEDDED]: 'A credential in the record is only referenced',
  [ErrorCode.CLR_ASSOCIATION_DANGLING]: 'An association names an achievement the record does not hold',
  [ErrorCode.NESTING_TOO_DEEP]: 'Credentials nested too deeply',

  // Open Badges 2.0
  [ErrorCode.OB2_INVALID]: 'Not a valid Open Badges 2.0 assertion',
  [ErrorCode.OB2_VERSION_UNSUPPORTED]: 'An Open Badges 1.x assertion, which microcred does not verify',
  [ErrorCode.OB2_SIGNATURE_MISSING]: 'The signed assertion came without its signature',
  [ErrorCode.OB2_KEY_NOT_OWNED]: "The signing key does not belong to the badge's issuer",
  [ErrorCode.OB2_HOSTED_MISMATCH]: "The issuer's copy of the assertion differs",
  [ErrorCode.OB2_ORIGIN_NOT_ALLOWED]: 'The assertion is hosted where its issuer does not allow',
  [ErrorCode.OB2_DOCUMENT_INVALID]: 'A document the assertion relies on is not valid',
  [ErrorCode.OB2_RECIPIENT_MISMATCH]: 'Awarded to someone else',
  [ErrorCode.OB2_RECIPIENT_UNCHECKED]: 'The recipient could not be compared',
  // JsonWebSignature2020 proofs: the detached JWS
  [ErrorCode.JWS_INVALID]: "The proof's JWS is not as its suite requires",
  [ErrorCode.JWS_ALG_UNSUPPORTED]: 'A JWS algorithm microcred does not verify',
  [ErrorCode.JWS_KEY_ALG_MISMATCH]: 'The key does not fit the JWS algorithm',
};

/** The catalogue's title for `code`, e.g. "The signature does not match" for `ERR_SIGNATURE_INVALID`. */
export function titleOf(code: ErrorCode): string {
  return ERROR_TITLES[code];
}

/** One problem found in a document, located by its JSON path (e.g. `credentialSubject.achievement.name`). */
export interface ProblemDetail {
  path?: string;
  message: string;
}

/** Structured facts about an error: the JSON path, the URL or term concerned, and any per-item problems. */
export interface MicrocredErrorDetails {
  /** The JSON path (or option name) of the value at fault. */
  path?: string;
  /** The URL (a context, a key, a document) concerned. */
  url?: string;
  /** The JSON-LD term concerned. */
  term?: string;
  /** Every problem found, when there were several (e.g. an invalid definition or draft). */
  problems?: ProblemDetail[];
  [key: string]: unknown;
}

/** A bound that was exceeded: `limit` is the bound (e.g. bytes), `size` what was met when it is known. */
interface LimitDetails {
  limit: number;
  size?: number;
}

/** Where in an image the problem is: the byte `offset` and, for a PNG, the `chunk` type. */
interface ImageDetails {
  offset?: number;
  chunk?: string;
}

/**
 * The details each code carries beyond {@link MicrocredErrorDetails}, for the codes that carry
 * more than a path: `error.details.url` is a `string` for an `ERR_CONTEXT_UNKNOWN` error, and so on.
 */
export interface ErrorDetailsByCode {
  ERR_CONTEXT_UNKNOWN: { url: string };
  ERR_TERM_UNDEFINED: { term: string };
  ERR_IRI_RELATIVE: { iri: string; path?: string };
  ERR_KEY_EXPIRED: { url: string };
  ERR_NETWORK_DISABLED: { url: string; did?: string };
  ERR_NETWORK_REFUSED: { url: string };
  ERR_NETWORK_TIMEOUT: { url: string };
  ERR_FETCH_FAILED: { url: string };
  ERR_TOO_MANY_REDIRECTS: { url: string };
  ERR_RESPONSE_TOO_LARGE: { url: string };
  ERR_CONTENT_TYPE_REFUSED: { url: string };
  ERR_RESPONSE_NOT_JSON: { url: string };
  ERR_DID_DOCUMENT_MISMATCH: { url: string; did: string };
  ERR_VERIFY_TIMEOUT: { url: string; timeoutMs: number };
  ERR_INPUT_TOO_LARGE: LimitDetails;
  ERR_INPUT_DUPLICATE_KEY: { key: string; path: string };
  ERR_SCHEMA_TOO_LARGE: LimitDetails & { reason?: string };
  ERR_SCHEMA_PATTERN_UNSAFE: { pattern: string; reason?: string };
  ERR_STATUS_CREDENTIAL_UNKNOWN: { credentialId: string; purpose: string };
  ERR_STATUS_LIST_OTHER_ISSUER: { url: string; issuer?: string; listIssuer: string };
  ERR_STATUS_LIST_UNCLAIMED: { url: string };
  ERR_IMAGE_INVALID: ImageDetails;
  ERR_IMAGE_TRUNCATED: ImageDetails & { length?: number };
  ERR_IMAGE_CHECKSUM: ImageDetails;
  ERR_IMAGE_CHUNK_TOO_LARGE: ImageDetails & { length?: number };
  ERR_IMAGE_COMPRESSED: ImageDetails;
  ERR_IMAGE_NO_CREDENTIAL: ImageDetails;
  // keys kept elsewhere
  ERR_SIGNER_TIMEOUT: { keyId: string; timeoutMs: number };
  // portable records: the credential of bundleClr's input that does not verify (its index, and its id when read)
  ERR_CLR_CREDENTIAL_INVALID: { index?: number; id?: string };
}

/** The details of an error with code `C`: typed fields for the codes of {@link ErrorDetailsByCode}. */
export type ErrorDetails<C extends ErrorCode = ErrorCode> = C extends keyof ErrorDetailsByCode
  ? MicrocredErrorDetails & ErrorDetailsByCode[C]
  : MicrocredErrorDetails;

// Shared by every copy of microcred loaded in one process (its ESM and CJS builds, two versions):
// the registry symbol is the same wherever it is asked for.
const BRAND: unique symbol = Symbol.for('microcred.error') as never;

/**
 * The one error class microcred throws. `code` is stable and safe to branch on; `details` holds
 * the JSON path, URL, term or limit concerned (typed per code, see {@link ErrorDetailsByCode}).
 *
 * @example
 * try { await issueCredential(doc, { key }) }
 * catch (e) { if (isMicrocredError(e, 'ERR_DATE_INVALID')) console.log(e.details.path) }
 */
export class MicrocredError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details: ErrorDetails<C>;

  constructor(code: C, message: string, details?: ErrorDetails<C>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MicrocredError';
    this.code = code;
    this.details = details ?? ({} as ErrorDetails<C>);
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** `instanceof MicrocredError` holds for an error of any copy of microcred (ESM, CJS) in the process. */
  static override [Symbol.hasInstance](value: unknown): value is MicrocredError {
    return this === MicrocredError ? hasBrand(value) : Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

function hasBrand(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/** A {@link MicrocredError} of any code, narrowed by its `code` (`if (e.code === 'ERR_CONTEXT_UNKNOWN') e.details.url`). */
export type AnyMicrocredError = { [C in ErrorCode]: MicrocredError<C> }[ErrorCode];

/**
 * True when `error` is a {@link MicrocredError}, optionally with the given code. It recognises
 * errors of every copy of microcred loaded in the process (its ESM and CJS builds), not only this one's.
 */
export function isMicrocredError<C extends ErrorCode>(error: unknown, code: C): error is MicrocredError<C>;
export function isMicrocredError(error: unknown): error is AnyMicrocredError;
export function isMicrocredError(error: unknown, code?: ErrorCode): boolean {
  return hasBrand(error) && (code === undefined || (error as { code?: unknown }).code === code);
}
