import type { DecodedJwt } from '../../jwt/decode.js';
import type { VerificationLoader } from '../loader.js';
import type { VerifyOptionsSnapshot } from '../options.js';
import type { Verdict } from '../check.js';
import type { VerificationReport } from '../report.js';
import type { CredentialView } from '../view/view.js';
import type { PresentationCheckId, PresentationFormat } from './report.js';

/** What the presentation checks read, and what earlier checks learned for later ones. */
export interface PresentationContext {
  readonly input: unknown;
  readonly options: VerifyOptionsSnapshot;
  readonly loader: VerificationLoader;
  readonly now: Date;
  /** The challenge and domain the caller expects (undefined: not given). */
  readonly challenge: string | undefined;
  readonly domain: string | undefined;
  /** False when the caller accepts a holder who is not the subject (reported as a warning). */
  readonly holderMustBeSubject: boolean;
  /** Set by `parse`. */
  format?: PresentationFormat;
  /** Set by `parse`: the presentation as plain JSON (for a VP-JWT, the one inside it). */
  presentation?: Record<string, unknown>;
  /** Set by `parse` for a VP-JWT. */
  jwt?: DecodedJwt;
  /** Set by `jsonld` (Data Integrity) or `parse` (VP-JWT): the holder the presentation states. */
  statedHolder?: string;
  /**
   * Set by `jsonld` (Data Integrity): each authentication proof as its signed graph states it — its
   * proofValue, challenge and domains — so that the challenge and domain compared are what was
   * signed, not the JSON as written.
   */
  signedProofs?: { proofValue?: string; challenge?: string; domains: string[] }[];
  /** Set by `proof` (Data Integrity): the holder's proof. */
  proof?: Record<string, unknown>;
  /** Set by `signature`: the key that signed, and who controls it when that is known. */
  signer?: { id: string; controller?: string };
  /** Set by `holder`: the holder, bound to the signature. */
  holder?: string;
  /** Set by `credentials`: each credential's report, and its view when it could be read. */
  verified?: { report: VerificationReport; view?: CredentialView }[];
}

/** One step of a presentation's verification; like a credential's, a fatal one that does not pass stops the rest. */
export interface PresentationCheck {
  id: PresentationCheckId;
  title: string;
  fatal: boolean;
  /** When present and false, the check is left out of the report (e.g. `jsonld` for a VP-JWT). */
  appliesTo?(ctx: PresentationContext): boolean;
  run(ctx: PresentationContext): Promise<Verdict> | Verdict;
}
