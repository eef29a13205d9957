import { MicrocredError, ErrorCode } from '../errors.js';
import type {
  AchievementSubject,
  Evidence,
  Result,
  SignedCredential,
  UnsignedCredential,
} from '../model/credential.js';
import type { Profile } from '../model/achievement.js';
import type { CompetencyDefinition } from '../competency/types.js';
import { compileAchievement, profileOf } from '../competency/compile.js';
import { resultDescriptionId, rubricLevelId } from '../competency/ids.js';
import { assertApproved, type ApprovedDecision } from '../review/decide.js';
import type { Submission } from '../review/submission.js';
import { recipientOf } from '../identity/recipient.js';
import { digestSRI } from '../review/canonical.js';
import { issueCredential, type IssueOptions } from './issueCredential.js';
import { dataIntegrityPlan } from './issueOptions.js';

/** Options of {@link issueFromDecision}: the issuing options plus what the decision was made on. */
export interface IssueFromDecisionOptions extends IssueOptions {
  /** The definition the submission was made for. */
  definition: CompetencyDefinition;
  /** The submission the decision approved (its digest must match the decision's). */
  submission: Submission;
  /**
   * How the recipient is named: the candidate's DID when there is one; otherwise a salted hash of
   * the email (`'hashed-email'`, the default), so the credential does not publish the address.
   */
  recipient?: { hashEmail?: boolean; salt?: string };
  /** Who the evidence is meant for (OB 3.0 Evidence.audience), e.g. "Hiring districts". */
  evidenceAudience?: string;
  /** Optional end of validity (RFC 3339 with timezone). */
  validUntil?: string;
  /**
   * The fewest independent reviewers this issuer accepts. The rules travel inside the decision, so
   * a decision made under laxer rules (e.g. `reviewersRequired: 1`) is refused here.
   */
  minimumReviewers?: number;
}

/**
 * Issues the credential a reviewed submission earned. Only an {@link ApprovedDecision} is accepted
 * (a type only `decide` produces), and the decision is checked again at run time against the
 * definition and the submission: a changed submission, a stored decision that was edited, or a
 * decision that no longer holds under its own rules is refused with `ERR_DECISION_NOT_APPROVED`.
 *
 * The subject carries the compiled achievement and one `Result` per component (the settled rubric
 * level); the credential carries `awardedDate` (the decision's time) and one `Evidence` per
 * artifact with its SHA-256 digest (`digestSRI`) and its URL when it has one. A stack definition is
 * refused with `ERR_DEFINITION_INVALID` (issue it with `issueStack`).
 *
 * @example
 * const decision = await decide(definition, submission, reviews);
 * if (decision.status === 'approved') {
 *   const credential = await issueFromDecision(decision, { definition, submission, key });
 * }
 */
export async function issueFromDecision(
  decision: ApprovedDecision,
  options: IssueFromDecisionOptions,
): Promise<SignedCredential> {
  const { definition, submission } = options;
  // The key and the proof first: a key that cannot sign this credential is refused before anything is checked.
  const { issuerId } = dataIntegrityPlan(options, 'issueFromDecision');
  // Before the decision check: a stack's definition never matches a decision, and "not approved"
  // would send the caller looking at the reviews instead of at issueStack.
  if (definition?.stack) {
    throw new MicrocredError(
      ErrorCode.DEFINITION_INVALID,
      `${definition.name} is a stack; issue it with issueStack from the holder's component credentials.`,
      { path: 'stack' },
    );
  }
  if (!Array.isArray(definition?.components)) {
    throw new MicrocredError(
      ErrorCode.DEFINITION_INVALID,
      'The definition has no components, so no decision can be issued from it.',
      { path: 'components' },
    );
  }
  // The re-derived decision, not the caller's copy: nothing below reads a field that was not checked.
  const approved = await assertApproved(definition, submission, decision);
  if (options.minimumReviewers !== undefined && approved.rules.reviewersRequired < options.minimumReviewers) {
    throw new MicrocredError(
      ErrorCode.DECISION_NOT_APPROVED,
      `The decision required ${approved.rules.reviewersRequired} reviewer(s); this issuer requires at least ${options.minimumReviewers}.`,
      { path: 'rules.reviewersRequired' },
    );
  }
  const achievement = compileAchievement(definition);
  const results: Result[] = definition.components.map((component) => {
    const settled = approved.components[component.id];
    if (!settled?.passing) {
      throw new MicrocredError(
        ErrorCode.DECISION_NOT_APPROVED,
        `The decision has no passing level for component "${component.id}".`,
        { path: `components.${component.id}` },
      );
    }
    return {
      type: ['Result'],
      resultDescription: resultDescriptionId(definition, component.id),
      achievedLevel: rubricLevelId(definition, component.id, settled.level),
    };
  });
  const credential = definitionCredential(definition, {
    issuer: issuerProfile(definition, issuerId),
    ...(options.validUntil ? { validUntil: options.validUntil } : {}),
    awardedDate: approved.decidedAt,
    credentialSubject: {
      type: ['AchievementSubject'],
      ...(await recipientOf(submission.candidate, {
        hashEmail: options.recipient?.hashEmail ?? true,
        ...(options.recipient?.salt ? { salt: options.recipient.salt } : {}),
      })),
      achievement,
      result: results,
    },
    evidence: evidenceOf(definition, submission, options.evidenceAudience),
  });
  return issueCredential(credential, options);
}

/** What a credential issued from a definition holds besides the definition's name, description and image. */
export interface DefinitionCredentialParts {
  issuer: Profile;
  validUntil?: string;
  awardedDate: string;
  credentialSubject: AchievementSubject;
  evidence: Evidence[];
}

/** The unsigned OB 3.0 credential a definition awards (from a decision or a stack). */
export function definitionCredential(
  definition: CompetencyDefinition,
  parts: DefinitionCredentialParts,
): UnsignedCredential {
  return {
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: definition.name,
    description: definition.description,
    issuer: parts.issuer,
    ...(definition.image ? { image: { id: definition.image, type: 'Image' as const } } : {}),
    ...(parts.validUntil ? { validUntil: parts.validUntil } : {}),
    // OB 3.0 defines awardedDate on the AchievementCredential (the original award date, kept when a
    // re-issue moves validFrom), not on the AchievementSubject.
    awardedDate: parts.awardedDate,
    credentialSubject: parts.credentialSubject,
    evidence: parts.evidence,
  };
}

/** The issuer Profile: the definition's issuer details under the key's DID. */
export function issuerProfile(definition: CompetencyDefinition, keyController: string): Profile {
  const issuer = definition.issuer;
  if (issuer.id !== undefined && issuer.id !== keyController) {
    throw new MicrocredError(
      ErrorCode.ISSUER_MISMATCH,
      `The definition names issuer ${issuer.id} but the signing key belongs to ${keyController}.`,
      { path: 'issuer.id' },
    );
  }
  return profileOf(issuer, keyController);
}

function evidenceOf(definition: CompetencyDefinition, submission: Submission, audience?: string): Evidence[] {
  const evidence: Evidence[] = [];
  for (const component of definition.components ?? []) {
    const submitted = submission.components[component.id];
    for (const [i, artifact] of (submitted?.artifacts ?? []).entries()) {
      // Only inline content is re-hashed by the decision check; a URL artifact's digest is as stored.
      const sri = digestSRI(artifact.digest);
      if (sri === undefined) {
        const path = `components.${component.id}.artifacts[${i}].digest`;
        throw new MicrocredError(
          ErrorCode.SUBMISSION_INVALID,
          `The submission's ${path} is ${JSON.stringify(artifact.digest)}, not a sha256:<64 hex digits> digest, so its evidence cannot be bound to the artifact.`,
          { path },
        );
      }
      const requirement = component.evidence.artifacts.find((a) => a.id === artifact.requirement);
      const name = artifact.name ?? requirement?.name ?? artifact.requirement;
      evidence.push({
        ...(artifact.url ? { id: artifact.url } : {}),
        type: ['Evidence'],
        name,
        narrative: `${name}, submitted for "${component.name}"${artifact.url ? '' : ' (kept private; its SHA-256 digest is recorded so a later disclosure can be checked)'}.`,
        ...(requirement?.description ? { description: requirement.description } : {}),
        ...(requirement?.genre ? { genre: requirement.genre } : {}),
        ...(audience ? { audience } : {}),
        // VC 2.0 `digestSRI` binds the evidence to the artifact's bytes.
        digestSRI: sri,
      });
    }
  }
  return evidence;
}
