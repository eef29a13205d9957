// What a report says to a person, in one language: the titles of the problems by code, the names of
// the checks by id, the words of the summary, and the details of the common problems as templates.
import type { ErrorCode } from '../errors.js';
import type { CheckId, CheckOutcome } from '../verify/report.js';
import type { PresentationCheckId } from '../verify/presentation/report.js';
import type { DetailTemplates } from './englishDetails.js';

/**
 * The words {@link formatReport} puts around what the report holds. `{name}` marks a slot it fills
 * (a date, a count, a reason already in this language).
 */
export interface ReportWords {
  /** The word beside each outcome's symbol ("failed", "could not check"); empty for `passed`. */
  outcomes: Readonly<Record<CheckOutcome, string>>;
  /** The headline of a report. */
  headlines: {
    verified: string;
    verifiedWithWarnings: string;
    revoked: string;
    suspended: string;
    /** `{reason}`: what is wrong with a credential whose proof holds. */
    genuineBut: string;
    /** `{reason}`: the first failed check's problem title. */
    invalid: string;
    /** `{reason}`: the first check that could not run, its problem title. */
    couldNotCheck: string;
    /** The reason when no check says more. */
    notEveryCheckRan: string;
    notVerified: string;
    /** `{date}`: the day it expired. */
    expiredOn: string;
    expired: string;
    /** `{date}`: the day it becomes valid. */
    notValidUntil: string;
    notYetValid: string;
    schemaMismatch: string;
    /** `{count}` credentials: "presentation of 1 credential" / "…of 2 credentials". */
    presentationOfOne: string;
    presentationOfMany: string;
    /** `{what}`: the presentation phrase above. */
    verifiedPresentation: string;
    verifiedPresentationWithWarnings: string;
    /** `{what}`, `{reason}`. */
    invalidPresentation: string;
    /** `{what}`; `couldNotCheckPresentationBecause` adds `{reason}`. */
    couldNotCheckPresentation: string;
    couldNotCheckPresentationBecause: string;
  };
  /** The labels of the lines describing the credential. */
  labels: {
    credential: string;
    issuer: string;
    achievement: string;
    recipient: string;
    valid: string;
    credentialId: string;
    knownIssuer: string;
    checkedAt: string;
    holder: string;
    /** `{index}` of `{count}`: the heading of each credential of a presentation. */
    credentialOf: string;
    code: string;
    path: string;
  };
  /** The validity period: `{from}`, `{until}`. */
  validity: { fromUntil: string; fromOnly: string; untilOnly: string };
}

/**
 * A report's text in one language, keyed by the stable codes and check ids, so that a site can show
 * a report in its reader's language. Titles, check names and words are complete in a shipped
 * catalogue; `details` word the common problems. What a catalogue lacks is shown in English: a
 * missing title or check name falls back to {@link ENGLISH}'s, and a problem whose detail has no
 * template here (or whose report carries no `params` for it) keeps the detail the check wrote.
 */
export interface Catalogue {
  /** The BCP 47 language tag, e.g. `en`, `fr`. */
  lang: string;
  /** The title of every problem code. */
  titles: { readonly [C in ErrorCode]?: string };
  /** What each check of a credential's report establishes, by check id. */
  checks: { readonly [Id in CheckId]?: string };
  /** What each check of a presentation's report establishes, by check id. */
  presentationChecks: { readonly [Id in PresentationCheckId]?: string };
  /** The summary and label words. */
  words: ReportWords;
  /** Detail templates by code, with `{name}` slots filled from a problem's `params`. */
  details: DetailTemplates;
}
