import type { CheckResult, ReportSummary, VerificationReport } from '../report.js';

/**
 * The checks of a presentation, in the order they run: it is read (`parse`), its contexts define
 * every term (`jsonld`, Data Integrity only), the holder's proof is there (`proof`) and verifies
 * (`signature`) under a key of the holder (`holder`), it answers this verifier's `challenge` and
 * `domain`, every credential inside verifies (`credentials`), and the holder is their `subject`.
 */
export type PresentationCheckId =
  'parse' | 'jsonld' | 'proof' | 'signature' | 'holder' | 'challenge' | 'domain' | 'credentials' | 'subject';

/** One line of a presentation's report: the same shape as a credential's check. */
export type PresentationCheckResult = CheckResult<PresentationCheckId>;

/** How a presentation was encoded: JSON with a Data Integrity proof, or a VP-JWT. */
export type PresentationFormat = 'json-ld' | 'vp-jwt';

/**
 * The answer of {@link verifyPresentation}. Plain JSON, like a credential's report.
 *
 * - `verified`: the holder's proof holds under the holder's key, answers the challenge and domain
 *   given, the holder is the subject of what it presents, and every credential inside is verified.
 * - `credentials`: each credential inside, in order, with its own full report.
 */
export interface PresentationReport {
  verified: boolean;
  summary: ReportSummary;
  /** The moment the report was made for (the `now` option). */
  checkedAt: string;
  format?: PresentationFormat;
  /** The holder: who signed the presentation (its `holder`, else the controller of the key that signed). */
  holder?: string;
  checks: PresentationCheckResult[];
  credentials: VerificationReport[];
}
