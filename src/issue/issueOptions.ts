import { MicrocredError, ErrorCode } from '../errors.js';
import { Key, type KeyProof } from '../keys/key.js';
import type { SuiteName } from '../proofs/suites.js';

/** The proof formats {@link issueCredential} makes: a Data Integrity proof (default) or a VC-JWT. */
export type IssueFormat = 'data-integrity' | 'jwt';

/** What an issuing call will make, checked: the key, the proof, and the issuer id the key demands. */
export interface SigningPlan {
  key: Key;
  format: IssueFormat;
  /** The Data Integrity suite; undefined for a VC-JWT. */
  suite: SuiteName | undefined;
  /** The key's controller, which `issuer.id` must equal; undefined for a key with none (an RSA key signing a VC-JWT). */
  issuerId: string | undefined;
}

const SUITES: readonly SuiteName[] = ['eddsa-rdfc-2022', 'Ed25519Signature2020', 'ecdsa-rdfc-2019', 'ecdsa-sd-2023'];
const FORMATS: readonly IssueFormat[] = ['data-integrity', 'jwt'];

/**
 * Checks the issuing options before any work: a {@link Key} that can sign (its secret, or an external signer), a known format
 * and suite (by default the key's: eddsa-rdfc-2022 for Ed25519, ecdsa-rdfc-2019 for P-256), and a key that can make that proof (`ERR_KEY_PROOF_UNSUPPORTED` naming the key type and
 * the proof). `what` names the caller in messages.
 */
export function signingPlan(
  options: { key?: unknown; format?: unknown; suite?: unknown } | undefined,
  what: string,
): SigningPlan {
  const key = options?.key;
  if (!(key instanceof Key)) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `${what} needs options.key: a Key that can sign (see generateKey / importKey, or externalKey for a key kept in a KMS or HSM).`,
      { path: 'key' },
    );
  }
  const format = options?.format ?? 'data-integrity';
  if (!FORMATS.includes(format as IssueFormat)) {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `options.format must be "data-integrity" (the default) or "jwt"; it is ${JSON.stringify(format)}.`,
      { path: 'format' },
    );
  }
  const suite = options?.suite;
  if (suite !== undefined && format === 'jwt') {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      'options.suite chooses the Data Integrity proof; a VC-JWT is signed by its JWS. Give one or the other.',
      { path: 'suite' },
    );
  }
  if (suite !== undefined && !SUITES.includes(suite as SuiteName)) {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `options.suite must be one of ${SUITES.map((s) => `"${s}"`).join(', ')}; it is ${JSON.stringify(suite)}.`,
      { path: 'suite' },
    );
  }
  // The default suite follows the key: eddsa-rdfc-2022 for Ed25519, ecdsa-rdfc-2019 for P-256.
  const byKey: SuiteName = key.type === 'p256' ? 'ecdsa-rdfc-2019' : 'eddsa-rdfc-2022';
  const chosen = format === 'jwt' ? undefined : ((suite as SuiteName | undefined) ?? byKey);
  const proof: KeyProof = chosen ?? 'jwt';
  key.assertCanMake(proof);
  return { key, format: format as IssueFormat, suite: chosen, issuerId: key.controller };
}

/**
 * {@link signingPlan} for the issuing functions that make Data Integrity proofs only (issueFromDecision,
 * issueStack, status lists): a VC-JWT format is refused, and the key's controller is known.
 */
export function dataIntegrityPlan(
  options: { key?: unknown; format?: unknown; suite?: unknown } | undefined,
  what: string,
): SigningPlan & { issuerId: string } {
  if (options?.format !== undefined && options.format !== 'data-integrity') {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `${what} signs with a Data Integrity proof; options.format may only be "data-integrity". Sign a VC-JWT with issueCredential(draft, { key, format: "jwt" }).`,
      { path: 'format' },
    );
  }
  const plan = signingPlan(options, what);
  return { ...plan, issuerId: plan.issuerId as string };
}
