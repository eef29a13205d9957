import type { ErrorCode } from '../errors.js';
import type { CredentialFormat } from '../model/credential.js';
import type { ImageKind } from '../bake/image.js';

// Defined in the layers that produce them (model/, bake/); the report names them too.
export type { CredentialFormat, ImageKind };

/**
 * The checks a report lists, in the order they run. A check that does not apply to the input is left
 * out of the report: `extract` appears only for images, `claims` only for VC-JWT, `trust` only when
 * the caller passed known issuers, `credentials` and `associations` only for a CLR 2.0 ClrCredential,
 * `endorsement` only when the credential embeds endorsements.
 */
export type CheckId =
  | 'extract'
  | 'parse'
  | 'jsonld'
  | 'view'
  | 'type'
  | 'schema'
  | 'proof'
  | 'signature'
  | 'claims'
  | 'issuer'
  | 'validity'
  | 'status'
  | 'trust'
  | 'credentials'
  | 'associations'
  | 'endorsement'
  // Open Badges 2.0 assertions only (src/ob2): the issuer's hosted copy, the badge class and issuer
  // profile read, and the recipient compared (when the caller names one).
  | 'hosted'
  | 'badge'
  | 'recipient';

/** What {@link VerificationReport.format} says: a credential's encoding, or an Open Badges 2.0 assertion. */
export type ReportFormat = CredentialFormat | 'open-badges-2.0';

/** How one check came out. `skipped`: not run because an earlier fatal check did not pass. */
export type CheckOutcome = 'passed' | 'failed' | 'warning' | 'skipped' | 'could-not-check';

/** Why a check did not pass, in words a person can act on. */
export interface Problem {
  /** Stable code, e.g. `ERR_SIGNATURE_INVALID`; safe to branch on. */
  code: ErrorCode;
  /** A short title, e.g. "The signature does not match". */
  title: string;
  /** What was found and what it means. */
  detail: string;
  /** The JSON path of the offending value, e.g. `validUntil`, when one applies. */
  path?: string;
  /**
   * The named values `detail` was written from (a date, a list URL, a term), when it is the standard
   * detail of its code: a catalogue in another language words the same slots (see `localizeReport`).
   */
  params?: Readonly<Record<string, string | number>>;
}

// An outcome and, whenever it is not `passed`, the problem that explains it: a result whose outcome
// is not `passed` always has a `problem`, and a passed one never has. Not exported: CheckResult and
// CheckPart are the names callers use.
type Outcome = { outcome: 'passed'; problem?: never } | { outcome: Exclude<CheckOutcome, 'passed'>; problem: Problem };

/**
 * One line of the report: what was checked, how it came out and, unless it passed, why. Discriminated
 * on `outcome`: when it is not `passed`, `problem` is always there.
 *
 * @example
 * for (const c of report.checks) if (c.outcome !== 'passed') show(c.title, c.problem.title); // no `?.` needed
 */
export type CheckResult<Id extends string = CheckId> = Outcome & {
  id: Id;
  /** What the check establishes, e.g. "Signature is valid". */
  title: string;
  /** Every problem found, when the check found more than one (e.g. one per JSON Schema finding); `problem` is the first. */
  problems?: Problem[];
  /** One line per part checked on its own, e.g. each proof of a credential with several, or each status entry. */
  parts?: CheckPart[];
};

/** One part of a check, e.g. one proof of several; like a check, a part that did not pass has a `problem`. */
export type CheckPart = Outcome & {
  /** What this part is, e.g. "DataIntegrityProof (eddsa-rdfc-2022) by did:key:z6Mk…". */
  label: string;
  /**
   * For a credential verified on its own as part of this one (an endorsement, a credential bundled
   * in a CLR): what it is and its whole report.
   */
  credential?: NestedCredential;
};

/** A credential verified inside another (an embedded endorsement, a credential of a CLR), with its own report. */
export interface NestedCredential {
  /** Where the outer credential's JSON holds it, e.g. `credentialSubject.verifiableCredential[2]`. */
  path: string;
  id?: string;
  name?: string;
  /** Its issuer (for an endorsement: the endorser). */
  issuer?: { id?: string; name?: string };
  /** For an endorsement: the id of what it endorses (its subject), and the comment. */
  endorses?: string;
  comment?: string;
  report: VerificationReport;
}

/** The display state of a report as a whole. */
export type ReportSummary = 'verified' | 'verified-with-warnings' | 'invalid' | 'could-not-check';

/** What a verifier site shows about the credential itself. */
export interface CredentialSummary {
  id?: string;
  name?: string;
  issuer?: { id?: string; name?: string };
  achievement?: { id?: string; name?: string };
  recipient?: string;
  validFrom?: string;
  validUntil?: string;
  /**
   * The embedded proof; for a VC-JWT, `type` "VC-JWT", the JWS `alg` and the key (kid, or the thumbprint URI of a header jwk);
   * for an Open Badges 2.0 assertion, `type` "HostedBadge" or "SignedBadge" (with the JWS `alg` and `verification.creator`).
   */
  proof?: { type?: string; cryptosuite?: string; alg?: string; verificationMethod?: string };
}

/**
 * The answer of {@link verifyCredential}. Plain JSON: other programs parse it.
 *
 * - `authentic`: the proof holds and binds to the issuer.
 * - `verified`: authentic, within its validity period at `checkedAt`, and nothing went unchecked.
 */
export interface VerificationReport {
  verified: boolean;
  authentic: boolean;
  summary: ReportSummary;
  /** The moment the report was made for (the `now` option). */
  checkedAt: string;
  /**
   * How the credential was encoded, once it could be read; `'open-badges-2.0'` for an Open Badges
   * 2.0 assertion (JSON, a signed JWS, or baked in an image), verified as OB 2.0 allows.
   */
  format?: ReportFormat;
  /** Set when the credential was taken out of a baked image. */
  image?: ImageKind;
  credential?: CredentialSummary;
  /** The caller's entry for the issuer (see the `trust` option), when the issuer is on it and signed the credential. */
  issuerTrust?: { id: string; name: string; url?: string; logo?: string };
  checks: CheckResult[];
}
