// microcred/verify: what a verifier site uses, and nothing it never does (no YAML parser, no issuing,
// no competency model, no status-list writing, no CLR bundling). Everything here is also exported
// by the main entry `microcred`; this entry only bundles less.
export { MicrocredError, ErrorCode, ERROR_TITLES, isMicrocredError } from './errors.js';
export type { AnyMicrocredError, ErrorDetails, ErrorDetailsByCode, MicrocredErrorDetails } from './errors.js';

export * from './model/constants.js';
export type * from './model/achievement.js';
export type * from './model/credential.js';

export { DocumentLoader } from './contexts/documentLoader.js';
export type { DocumentLoaderOptions, RemoteDocument } from './contexts/documentLoader.js';
export type { StatusListCacheOptions } from './contexts/listCache.js';

export { verifyCredential } from './verify/verifyCredential.js';
export type { VerifyOptions } from './verify/verifyCredential.js';
export type * from './verify/report.js';
// Loaded on first use (src/verify/presentation/onDemand.ts): a site verifying credentials does not download it.
export { verifyPresentation } from './verify/presentation/onDemand.js';
export type { VerifyPresentationOptions } from './verify/presentation/verifyPresentation.js';
export type * from './verify/presentation/report.js';

export { formatReport, formatPresentationReport } from './verify/format.js';
export type { FormatReportOptions } from './verify/format.js';

// --- the report in other languages (src/i18n): one catalogue keyed by the stable codes ---
export { ENGLISH } from './i18n/english.js';
// The other languages load on first use (FRENCH and CATALOGUES are `microcred`'s): loadCatalogue('fr').
export { loadCatalogue } from './i18n/loadCatalogue.js';
export { localizeReport } from './i18n/localize.js';
export type { Catalogue, ReportWords } from './i18n/catalogue.js';
export type { DetailTemplates } from './i18n/englishDetails.js';
export type { DetailParams } from './i18n/template.js';

// verifyCredential takes baked PNG and SVG bytes and loads the image readers when it meets one;
// extractCredential (the readers on their own, synchronous) is `microcred`'s.
export type { ImageInput, ImageOptions } from './bake/image.js';

export { parseTrustList } from './trust/trustList.js';
export type { TrustedIssuer } from './trust/types.js';
export type { NetworkPolicy } from './network/policy.js';
export { DEFAULT_NETWORK_POLICY } from './network/policy.js';

export { DEFAULT_LIMITS } from './verify/limits.js';
export type { VerifyLimits } from './verify/limits.js';
