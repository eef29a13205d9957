import { ErrorCode, MicrocredError } from '../errors.js';
import { CONTEXT } from '../model/constants.js';
import { isJsonObject } from '../jsonPath.js';
import { hashEmail } from '../identity/hash.js';
import type { Achievement, Profile } from '../model/achievement.js';
import type { CompetencyDefinition } from '../competency/types.js';
import { DocumentLoader } from '../contexts/documentLoader.js';
import { verifyCredential, type VerifyOptions } from '../verify/verifyCredential.js';
import type { VerificationReport } from '../verify/report.js';
import { stackAssociations, type ClrAssociation } from './associations.js';
import { signRecord, type SignRecordOptions } from './signRecord.js';

/** Options of {@link bundleClr}. */
export interface BundleClrOptions extends SignRecordOptions {
  /** Whose record it is: their DID (`credentialSubject.id`) or email (published as a salted hash). */
  holder?: { id: string } | { email: string };
  /** The record's display name (default "Comprehensive Learner Record"). */
  name?: string;
  /** The issuer's profile (name, url…); its id is the key's controller. */
  issuer?: Omit<Profile, 'id' | 'type'>;
  /** Associations between achievements of the record, e.g. `{ associationType: 'isChildOf', sourceId, targetId }`. */
  associations?: ClrAssociation[];
  /** A stack definition: its achievement is listed and associated with the components the record holds (isParentOf / isChildOf). */
  stack?: CompetencyDefinition;
  /** Leave out a credential that does not verify (the record is then marked `partial`) instead of refusing. */
  omitInvalid?: boolean;
  /** Told of each credential left out with `omitInvalid`: its index in `credentials` and its report. */
  onOmitted?: (index: number, report: VerificationReport) => void;
  /** How each credential is verified first (default: offline, at `now`, through `loader`). */
  verify?: VerifyOptions;
}

/** A signed CLR 2.0 ClrCredential. */
export type SignedClr = Record<string, unknown> & { type: string[]; proof: Record<string, unknown> };

/**
 * Bundles a holder's credentials into one signed CLR 2.0 `ClrCredential` (VC 2.0, CLR 2.0.1 and OB
 * 3.0.3 contexts): a `ClrSubject` with every credential (`verifiableCredential`, each keeping its
 * own proof), the achievements they award (`achievement`), and `association`s (given, and from a
 * stack definition). Every credential is verified first; one that does not verify is refused
 * (`ERR_CLR_CREDENTIAL_INVALID`, naming its index and id and why) unless `omitInvalid` leaves it out.
 *
 * @example
 * const clr = await bundleClr([math, science, leader], { key, holder: { id: 'did:example:elena' }, stack: leaderDef });
 */
export async function bundleClr(credentials: unknown[], options: BundleClrOptions): Promise<SignedClr> {
  if (!Array.isArray(credentials) || credentials.length === 0)
    throw new MicrocredError(ErrorCode.FIELD_REQUIRED, 'bundleClr needs a list of one or more credentials.', {
      path: 'credentials',
    });
  const now = options.now ?? new Date();
  const loader = options.loader ?? new DocumentLoader();
  const kept: Record<string, unknown>[] = [];
  for (const [index, credential] of credentials.entries()) {
    const report = await verifyCredential(credential, { loader, now, ...options.verify });
    if (report.verified && isJsonObject(credential)) {
      kept.push(credential);
      continue;
    }
    if (options.omitInvalid) {
      options.onOmitted?.(index, report);
      continue;
    }
    throw invalid(index, report, isJsonObject(credential));
  }
  if (kept.length === 0)
    throw new MicrocredError(
      ErrorCode.CLR_CREDENTIAL_INVALID,
      'None of the credentials verified, so there is nothing to bundle.',
      { path: 'credentials' },
    );

  const achievements = uniqueAchievements(kept);
  const associations: ClrAssociation[] = (options.associations ?? []).map((a) => ({ ...a, type: 'Association' }));
  if (options.stack) {
    const fromStack = stackAssociations(options.stack, achievements);
    if (!achievements.some((a) => a.id === fromStack.parent.id)) achievements.push(fromStack.parent);
    associations.push(...fromStack.associations);
  }
  const holder = options.holder;
  const subjectId =
    holder && 'id' in holder
      ? { id: holder.id }
      : holder && 'email' in holder
        ? { identifier: [await hashEmail(holder.email)] }
        : {};
  const record: Record<string, unknown> = {
    '@context': [CONTEXT.VC_V2, CONTEXT.CLR_V2P0_1, CONTEXT.OB_V3P0_3],
    type: ['VerifiableCredential', 'ClrCredential'],
    name: options.name ?? 'Comprehensive Learner Record',
    issuer: { ...(options.issuer ?? {}), id: options.key?.controller, type: ['Profile'] },
    ...(kept.length < credentials.length ? { partial: true } : {}),
    credentialSubject: {
      ...subjectId,
      type: ['ClrSubject'],
      verifiableCredential: kept,
      achievement: achievements,
      ...(associations.length ? { association: associations } : {}),
    },
  };
  return signRecord<SignedClr>(record, { ...options, loader, now }, 'bundleClr');
}

// Each achievement once, in the order the credentials award them.
function uniqueAchievements(credentials: Record<string, unknown>[]): Achievement[] {
  const seen = new Map<string, Achievement>();
  for (const credential of credentials) {
    const subject = credential.credentialSubject;
    const achievement = isJsonObject(subject) ? subject.achievement : undefined;
    if (isJsonObject(achievement) && typeof achievement.id === 'string' && !seen.has(achievement.id))
      seen.set(achievement.id, structuredClone(achievement) as unknown as Achievement);
  }
  return [...seen.values()];
}

function invalid(index: number, report: VerificationReport, isObject: boolean): MicrocredError {
  const first =
    report.checks.find((c) => c.outcome === 'failed') ??
    report.checks.find((c) => c.outcome !== 'passed' && c.outcome !== 'warning');
  const id = report.credential?.id ?? `credentials[${index}]`;
  const why = !isObject
    ? 'only credentials written as JSON objects (JSON-LD with an embedded proof) can be bundled'
    : first?.problem
      ? `${first.problem.title}: ${first.problem.detail}`
      : report.summary;
  return new MicrocredError(
    ErrorCode.CLR_CREDENTIAL_INVALID,
    `Cannot bundle: credentials[${index}] (${id}) does not verify — ${why} Leave it out, or pass omitInvalid to bundle the others.`,
    {
      path: `credentials[${index}]`,
      index,
      ...(report.credential?.id ? { id: report.credential.id } : {}),
      problems: [{ path: `credentials[${index}]`, message: why }],
    },
  );
}
