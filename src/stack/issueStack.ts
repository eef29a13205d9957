import { MicrocredError, ErrorCode } from '../errors.js';
import type { Achievement, Profile } from '../model/achievement.js';
import type { Evidence, SignedCredential } from '../model/credential.js';
import type { CompetencyDefinition } from '../competency/types.js';
import { compileAchievement } from '../competency/compile.js';
import { DocumentLoader } from '../contexts/documentLoader.js';
import { hashEmail } from '../identity/hash.js';
import type { Recipient } from '../identity/recipient.js';
import { toDateTimeZ } from '../dates.js';
import { issueCredential, type IssueOptions } from '../issue/issueCredential.js';
import { definitionCredential, issuerProfile } from '../issue/fromDecision.js';
import { dataIntegrityPlan } from '../issue/issueOptions.js';
import { checkStack, type CheckStackOptions, type StackComponentResult } from './checkStack.js';

/** Options of {@link issueStack}: the issuer's key, who the stack is for, and an optional end of validity. */
export type IssueStackOptions = IssueOptions & CheckStackOptions & { validUntil?: string };

/**
 * Issues a stack credential (a definition with `stack.requires`) from the holder's component
 * micro-credentials. Each component is verified first (signature, issuer, validity, same
 * recipient); if any fails, nothing is signed and the error names every failing component.
 * The stack credential's evidence points at the component credentials.
 *
 * @example
 * const leader = await issueStack(assessmentLeaderDef, [faCredential, feedbackCredential], {
 *   key, recipient: { email: 'ana.lopez@riverbend.example' },
 * });
 */
export async function issueStack(
  definition: CompetencyDefinition,
  credentials: unknown[],
  options: IssueStackOptions,
): Promise<SignedCredential> {
  const stack = await prepareStack(definition, options);
  // One loader for every component and the signature: did:key documents are resolved once.
  const withLoader = { ...options, loader: options.loader ?? new DocumentLoader() };
  const results = await checkStack(definition, credentials, withLoader);
  const failing = results.filter((r) => !r.ok);
  if (failing.length > 0) {
    throw new MicrocredError(
      ErrorCode.STACK_COMPONENT_INVALID,
      `Cannot issue "${definition.name}": ${failing.map((r) => r.problem?.message).join(' ')}`,
      {
        path: 'stack.requires',
        problems: failing.map((r) => ({
          path: `stack.requires[${results.indexOf(r)}]`,
          message: r.problem?.message ?? '',
        })),
        components: failing.map((r) => r.name),
      },
    );
  }
  return signStack(stack, results, withLoader);
}

/** What a stack credential is made of before its components are checked. @internal */
export interface PreparedStack {
  definition: CompetencyDefinition;
  achievement: Achievement;
  issuer: Profile;
  recipient: Recipient;
}

/**
 * Every check on the caller's own input, made before any component is verified: the definition is a
 * valid stack, it names the key's controller (or no one), and the recipient can be named.
 * @internal for issueStack and the CLI, which reports every requirement before signing.
 */
export async function prepareStack(
  definition: CompetencyDefinition,
  options: IssueStackOptions,
): Promise<PreparedStack> {
  const { issuerId } = dataIntegrityPlan(options, 'issueStack');
  if (!definition?.stack) {
    throw new MicrocredError(
      ErrorCode.DEFINITION_INVALID,
      `${String(definition?.name)} is not a stack (it has no stack.requires).`,
      { path: 'stack' },
    );
  }
  const achievement = compileAchievement(definition);
  const issuer = issuerProfile(definition, issuerId);
  const named = options?.recipient as Partial<Record<'did' | 'email', unknown>> | undefined;
  const recipient =
    typeof named?.did === 'string' ? { id: named.did } : { identifier: [await hashEmail(named?.email as string)] };
  return { definition, achievement, issuer, recipient };
}

/** Signs a prepared stack whose component results all passed. @internal */
export async function signStack(
  stack: PreparedStack,
  results: StackComponentResult[],
  options: IssueStackOptions,
): Promise<SignedCredential> {
  const { definition, achievement, issuer, recipient } = stack;
  const now = options.now ?? new Date();
  const evidence: Evidence[] = results.map((r) => ({
    ...(r.credential?.id ? { id: r.credential.id } : {}),
    type: ['Evidence'],
    name: r.name,
    narrative: `The verified micro-credential "${r.credential?.name ?? r.name}" issued by ${r.report?.credential?.issuer?.name ?? r.report?.credential?.issuer?.id ?? 'its issuer'}.`,
    genre: 'Micro-credential',
  }));
  const credential = definitionCredential(definition, {
    issuer,
    ...(options.validUntil ? { validUntil: options.validUntil } : {}),
    awardedDate: toDateTimeZ(now),
    credentialSubject: { type: ['AchievementSubject'], ...recipient, achievement },
    evidence,
  });
  return issueCredential(credential, options);
}
