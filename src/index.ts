// microcred's public API. Everything not exported here is internal.
export { MicrocredError, ErrorCode, ERROR_TITLES, isMicrocredError } from './errors.js';
export type {
  AnyMicrocredError,
  ErrorDetails,
  ErrorDetailsByCode,
  MicrocredErrorDetails,
  ProblemDetail,
} from './errors.js';

export * from './model/constants.js';
export type * from './model/achievement.js';
export type * from './model/credential.js';

export { DocumentLoader } from './contexts/documentLoader.js';
export type { DocumentLoaderOptions, RemoteDocument } from './contexts/documentLoader.js';
export type { StatusListCacheOptions } from './contexts/listCache.js';

// --- keys (src/keys): one Key type, Ed25519, P-256 or RSA ---
export { Key, didKeyOf } from './keys/key.js';
export type { KeyType, KeyProof, KeyFile, KeyJwk, Signer } from './keys/key.js';
export { generateKey } from './keys/generateKey.js';
export type { GenerateKeyOptions } from './keys/generateKey.js';
export { importKey } from './keys/importKey.js';
export type { ImportKeyOptions } from './keys/importKey.js';
export { exportKey } from './keys/exportKey.js';
export { externalKey, DEFAULT_SIGNER_TIMEOUT_MS } from './keys/externalKey.js';
export type { ExternalSigner, ExternalSignerAlgorithm } from './keys/externalKey.js';
export type { ExportKeyOptions } from './keys/exportKey.js';
export type { PublicJwk } from './keys/jwk.js';
export { didWebOf, didWebDocument } from './keys/didWeb.js';
export type { DidDocument } from './keys/didWeb.js';

export { issueCredential } from './issue/issueCredential.js';
export type { IssueOptions, IssueJwtOptions } from './issue/issueCredential.js';
export { deriveCredential } from './issue/deriveCredential.js';
export type { DeriveOptions } from './issue/deriveCredential.js';

export { verifyCredential } from './verify/verifyCredential.js';
export type { VerifyOptions } from './verify/verifyCredential.js';
export type * from './verify/report.js';

// --- presentations: a holder shares credentials (src/verify/presentation, src/issue/signPresentation.ts) ---
export { verifyPresentation } from './verify/presentation/verifyPresentation.js';
export type { VerifyPresentationOptions } from './verify/presentation/verifyPresentation.js';
export type * from './verify/presentation/report.js';
export { signPresentation } from './issue/signPresentation.js';
export type { SignPresentationOptions, PresentationDraft } from './issue/signPresentation.js';

// --- report formatting (src/verify/format.ts) ---
export { formatReport, formatPresentationReport } from './verify/format.js';
export type { FormatReportOptions } from './verify/format.js';

// --- the report in other languages (src/i18n): one catalogue keyed by the stable codes ---
export { ENGLISH } from './i18n/english.js';
export { FRENCH } from './i18n/french.js';
export { CATALOGUES } from './i18n/catalogues.js';
export { loadCatalogue } from './i18n/loadCatalogue.js';
export { localizeReport } from './i18n/localize.js';
export type { Catalogue, ReportWords } from './i18n/catalogue.js';
export type { DetailTemplates } from './i18n/englishDetails.js';
export type { DetailParams } from './i18n/template.js';

// --- competency definitions (src/competency) ---
export { defineCompetency, parseCompetency } from './competency/define.js';
export type { ParseCompetencyOptions } from './competency/define.js';
export { compileAchievement } from './competency/compile.js';
export { COMPETENCY_DEFINITION_SCHEMA } from './competency/schemaProblems.js';
export type {
  CompetencyDefinition,
  Component,
  RubricLevel,
  ArtifactRequirement,
  ReflectionPrompt,
  AlignmentTarget,
  DefinitionRef,
  DefinitionIssuer,
} from './competency/types.js';

// --- evidence, review and decisions (src/review, src/identity) ---
export { createSubmission, resubmit } from './review/submission.js';
export type {
  Candidate,
  ArtifactInput,
  ComponentSubmissionInput,
  SubmissionInput,
  ResubmissionInput,
  SubmittedArtifact,
  SubmittedComponent,
  Submission,
  SubmissionOptions,
} from './review/submission.js';
export { verifyArtifact, submissionDigest } from './review/artifacts.js';
export { recordReview } from './review/review.js';
export type { ReviewerRole, Reviewer, ComponentScore, ReviewInput, Review, ReviewOptions } from './review/review.js';
export { DEFAULT_RULES } from './review/rules.js';
export type { DecisionRules } from './review/rules.js';
export { decide, assertApproved } from './review/decide.js';
export type {
  Decision,
  ApprovedDecision,
  RejectedDecision,
  PendingDecision,
  DecisionReason,
  DecisionReasonCode,
  DecisionComponent,
  SettledComponent,
  DecisionReviewer,
  DecideOptions,
} from './review/decide.js';
export { hashEmail, matchesIdentity, normalizeEmail } from './identity/hash.js';
export type { HashEmailOptions } from './identity/hash.js';
export { recipientOf } from './identity/recipient.js';
export type { RecipientOptions, Recipient } from './identity/recipient.js';

// --- issuing from decisions, stacks (src/issue/fromDecision.ts, src/stack) ---
export { issueFromDecision } from './issue/fromDecision.js';
export type { IssueFromDecisionOptions } from './issue/fromDecision.js';
export { issueBatch } from './issue/batch.js';
export type { IssueBatchOptions, BatchRow, BatchResult, BatchProgress, BatchSource } from './issue/batch.js';
export { checkStack } from './stack/checkStack.js';
export type { CheckStackOptions, StackComponentResult, StackRecipient } from './stack/checkStack.js';
export { issueStack } from './stack/issueStack.js';
export type { IssueStackOptions } from './stack/issueStack.js';

// --- portable records: endorsements and CLR 2.0 (src/records) ---
export { issueEndorsement } from './records/issueEndorsement.js';
export type { EndorsementInput, SignedEndorsement } from './records/issueEndorsement.js';
export { bundleClr } from './records/bundleClr.js';
export type { BundleClrOptions, SignedClr } from './records/bundleClr.js';
export type { ClrAssociation } from './records/associations.js';
export type { SignRecordOptions } from './records/signRecord.js';

// --- JSON Schemas, issuer trust, proof suites (src/schemas, src/trust, src/proofs) ---
export { OB3_SCHEMAS } from './schemas/bundled.js';
export type { JsonSchema } from './schemas/bundled.js';
export { validateAgainstSchema } from './schemas/validate.js';
export type { SchemaFinding } from './schemas/problems.js';
export { parseTrustList } from './trust/trustList.js';
export { findTrustedIssuer } from './trust/match.js';
export type { TrustedIssuer } from './trust/types.js';
export type { SuiteName } from './proofs/suites.js';

// --- revocation and suspension: Bitstring Status List (src/status); the file store is in microcred/node ---
export { StatusRegistry } from './status/registry.js';
export type {
  StatusRegistryOptions,
  StatusChange,
  StatusChangeOf,
  StatusChanges,
  PublishedChanges,
  CredentialStatusState,
} from './status/registry.js';
export { MemoryStatusStore } from './status/memoryStore.js';
export type {
  StatusStore,
  StatusPurpose,
  StoredStatusList,
  StatusAllocation,
  AllocateOptions,
  AllocateRequest,
  StatusListRef,
} from './status/store.js';
export type { BitstringStatusListEntry, CredentialStatusSource } from './status/entry.js';
export type { StatusListCredential } from './status/listCredential.js';

// --- network and fetch policy (src/network) ---
export { createPolicyFetch } from './network/policyFetch.js';
export type { PolicyFetch } from './network/policyFetch.js';
export { DEFAULT_NETWORK_POLICY } from './network/policy.js';
export type { NetworkPolicy } from './network/policy.js';
export { didWebUrl } from './network/didWeb.js';

// --- VC-JWT: issueCredential(draft, { key, format: 'jwt' }) signs one; verifyCredential also reads compact JWS strings ---
export type { DidVerificationMethod } from './keys/didWeb.js';

// --- baked badges (src/bake) ---
export { bakeCredential } from './bake/bake.js';
export { extractCredential } from './bake/extract.js';
export type { ExtractedCredential } from './bake/extract.js';
export type { ImageInput, ImageOptions } from './bake/image.js';
export type { BakeableCredential } from './bake/credentialText.js';

// --- input limits (src/verify/limits.ts) ---
export { DEFAULT_LIMITS } from './verify/limits.js';
export type { VerifyLimits } from './verify/limits.js';
