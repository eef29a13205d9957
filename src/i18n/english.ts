// The English catalogue, read from the texts the verifier already has: the codes' titles
// (ERROR_TITLES), the checks' titles (the pipelines) and the standard details. Nothing is copied.
import { ERROR_TITLES } from '../errors.js';
import { CHECKS } from '../verify/pipeline.js';
import { PRESENTATION_CHECK_TITLES } from '../verify/presentation/titles.js';
import type { Catalogue, ReportWords } from './catalogue.js';
import { ENGLISH_DETAILS } from './englishDetails.js';

/** The English words of a formatted report. */
export const ENGLISH_WORDS: ReportWords = {
  outcomes: {
    passed: '',
    failed: 'failed',
    warning: 'warning',
    skipped: 'skipped',
    'could-not-check': 'could not check',
  },
  headlines: {
    verified: 'Verified',
    verifiedWithWarnings: 'Verified, with warnings',
    revoked: 'Revoked — genuine, but its issuer revoked it',
    suspended: 'Suspended — genuine, but its issuer suspended it',
    genuineBut: 'Genuine, but {reason}',
    invalid: 'Invalid — {reason}',
    couldNotCheck: 'Could not check — {reason}',
    notEveryCheckRan: 'not every check could run',
    notVerified: 'not verified',
    expiredOn: 'expired on {date}',
    expired: 'expired',
    notValidUntil: 'not valid until {date}',
    notYetValid: 'not yet valid',
    schemaMismatch: 'it does not match the Open Badges 3.0 JSON Schema',
    presentationOfOne: 'presentation of {count} credential',
    presentationOfMany: 'presentation of {count} credentials',
    verifiedPresentation: 'Verified {what}',
    verifiedPresentationWithWarnings: 'Verified {what}, with warnings',
    invalidPresentation: 'Invalid {what} — {reason}',
    couldNotCheckPresentation: 'Could not check the {what}',
    couldNotCheckPresentationBecause: 'Could not check the {what} — {reason}',
  },
  labels: {
    credential: 'Credential',
    issuer: 'Issuer',
    achievement: 'Achievement',
    recipient: 'Recipient',
    valid: 'Valid',
    credentialId: 'Credential id',
    knownIssuer: 'Known issuer',
    checkedAt: 'Checked at',
    holder: 'Holder',
    credentialOf: 'Credential {index} of {count}',
    code: 'code',
    path: 'path',
  },
  validity: {
    fromUntil: 'from {from} until {until}',
    fromOnly: 'from {from}, no end date',
    untilOnly: 'until {until}',
  },
};

/**
 * The English catalogue: the text every report is written in. A site passes another catalogue
 * (e.g. {@link FRENCH}) to `localizeReport` or `formatReport` to show a report in that language.
 */
export const ENGLISH: Catalogue = {
  lang: 'en',
  titles: ERROR_TITLES,
  checks: Object.fromEntries(CHECKS.map((check) => [check.id, check.title])),
  presentationChecks: PRESENTATION_CHECK_TITLES,
  words: ENGLISH_WORDS,
  details: ENGLISH_DETAILS,
};
