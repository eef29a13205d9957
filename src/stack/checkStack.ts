import type { CompetencyDefinition, DefinitionRef } from '../competency/types.js';
import { matchesDefinitionRef } from '../competency/ids.js';
import { matchesIdentity } from '../identity/hash.js';
import type { IdentityObject } from '../model/credential.js';
import { MicrocredError, ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { DocumentLoader } from '../contexts/documentLoader.js';
import { verifyCredential } from '../verify/verifyCredential.js';
import type { VerificationReport } from '../verify/report.js';

/** Who the stack is for: a DID, or an email matched against hashed identifiers. */
export type StackRecipient = { did: string } | { email: string };

/** The verdict on one required micro-credential of a stack. */
export interface StackComponentResult {
  /** The requirement, from the stack definition. */
  requirement: DefinitionRef;
  /** A name a person recognises: the requirement's name, else the credential's, else the id. */
  name: string;
  ok: boolean;
  /** The credential used for it (its index in the input and its id), when one was found. */
  credential?: { index: number; id?: string; name?: string };
  /** Why it does not count, when `ok` is false. */
  problem?: { code: ErrorCode; message: string };
  report?: VerificationReport;
}

/** Options of {@link checkStack} (and, with the issuing options, of `issueStack`). */
export interface CheckStackOptions {
  /** Who the stack is for; each component must name the same person. */
  recipient: StackRecipient;
  /** Issuers whose micro-credentials count (DIDs). Default: any issuer whose signature verifies. */
  acceptedIssuers?: string[];
  /** A loader to reuse; add the did:web documents of component issuers to it. One is made if absent. */
  loader?: DocumentLoader;
  /** The moment the components are checked at (default: now). */
  now?: Date;
}

/**
 * Checks a holder's micro-credentials against a stack definition: for each requirement, a
 * credential of that achievement that verifies (signature, issuer, not expired) and names the same
 * recipient. Never throws for bad credentials (junk, JSON text that does not parse, forgeries);
 * each requirement gets a result. When several credentials answer one requirement, the first that
 * counts is used; if none counts, the first one's problem is reported. Throws
 * `ERR_DEFINITION_INVALID` only for a definition that is not a stack (an empty list of results
 * would read as "nothing missing").
 *
 * @example
 * const results = await checkStack(leaderDef, [cred1, cred2], { recipient: { email: 'ana@riverbend.example' } });
 * for (const r of results.filter((r) => !r.ok)) console.log(r.name, r.problem?.message);
 */
export async function checkStack(
  definition: CompetencyDefinition,
  credentials: unknown[],
  options: CheckStackOptions,
): Promise<StackComponentResult[]> {
  const requires = definition?.stack?.requires;
  if (!Array.isArray(requires)) {
    throw new MicrocredError(
      ErrorCode.DEFINITION_INVALID,
      `${String(definition?.name)} is not a stack (it has no stack.requires).`,
      { path: 'stack' },
    );
  }
  const recipient = options?.recipient as Partial<Record<'did' | 'email', unknown>> | undefined;
  if (typeof recipient?.did !== 'string' && typeof recipient?.email !== 'string') {
    throw new MicrocredError(
      ErrorCode.FIELD_REQUIRED,
      'options.recipient must name who the stack is for: { did } or { email }.',
      { path: 'recipient' },
    );
  }
  // One credential handed in on its own is still a list of one; null or undefined is an empty list.
  const inputs: unknown[] = Array.isArray(credentials)
    ? credentials
    : credentials === undefined || credentials === null
      ? []
      : [credentials];
  // Parsed once here; verifyCredential gets the parsed object (only one naming a required
  // achievement is verified, so JSON text that does not parse never needs its verdict).
  const parsed = inputs.map(parseLoose);
  // One loader for every component: did:key documents are resolved once.
  const checkOptions = { ...options, loader: options.loader ?? new DocumentLoader() };
  const results: StackComponentResult[] = [];
  for (const requirement of requires) {
    const fallbackName = requirement.name ?? requirement.id;
    const candidates = parsed.flatMap((c, index) => {
      const id = achievementIdOf(c);
      return typeof id === 'string' && matchesDefinitionRef(requirement, id) ? [index] : [];
    });
    if (candidates.length === 0) {
      results.push({
        requirement,
        name: fallbackName,
        ok: false,
        problem: {
          code: ErrorCode.STACK_COMPONENT_INVALID,
          message: missingMessage(requirement, fallbackName, parsed),
        },
      });
      continue;
    }
    let first: StackComponentResult | undefined;
    for (const index of candidates) {
      const result = await checkComponent(requirement, index, parsed[index]!, checkOptions);
      first ??= result;
      if (result.ok) {
        first = result;
        break;
      }
    }
    results.push(first!);
  }
  return results;
}

async function checkComponent(
  requirement: DefinitionRef,
  index: number,
  credential: Record<string, unknown>,
  options: CheckStackOptions,
): Promise<StackComponentResult> {
  const credentialName = typeof credential.name === 'string' ? credential.name : undefined;
  const name = requirement.name ?? credentialName ?? requirement.id;
  const ref = {
    index,
    ...(typeof credential.id === 'string' ? { id: credential.id } : {}),
    ...(credentialName ? { name: credentialName } : {}),
  };
  const report = await verifyCredential(credential, {
    ...(options.loader ? { loader: options.loader } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const message = await componentProblem(name, report, credential, options);
  const problem = message === undefined ? undefined : { code: ErrorCode.STACK_COMPONENT_INVALID, message };
  return { requirement, name, ok: !problem, credential: ref, report, ...(problem ? { problem } : {}) };
}

/** Why no credential answers a requirement: none at all, or one of another version of the same definition. */
function missingMessage(requirement: DefinitionRef, name: string, parsed: Record<string, unknown>[]): string {
  if (requirement.version !== undefined) {
    const anyVersion = { id: requirement.id };
    const other = parsed
      .map(achievementIdOf)
      .find((id): id is string => typeof id === 'string' && matchesDefinitionRef(anyVersion, id));
    if (other) {
      const version = safeDecode(other.slice(other.lastIndexOf('/v') + 2));
      return `No credential for "${name}" version ${requirement.version} was given (one for version ${version} was; this stack requires ${requirement.version}).`;
    }
  }
  return `No credential for "${name}" was given.`;
}

function parseLoose(input: unknown): Record<string, unknown> {
  if (typeof input === 'string') {
    try {
      return parseLoose(JSON.parse(input));
    } catch {
      return {};
    }
  }
  return isJsonObject(input) ? input : {};
}

function subjectOf(credential: Record<string, unknown>): Record<string, unknown> {
  const subject = credential.credentialSubject;
  return isJsonObject(subject) ? subject : {};
}

function achievementIdOf(credential: Record<string, unknown>): unknown {
  const achievement = subjectOf(credential).achievement;
  return isJsonObject(achievement) ? achievement.id : undefined;
}

/** Why a component does not count (it does not verify, names someone else, or comes from an issuer not accepted), or undefined. */
async function componentProblem(
  name: string,
  report: VerificationReport,
  credential: Record<string, unknown>,
  options: CheckStackOptions,
): Promise<string | undefined> {
  if (!report.verified) return `"${name}" does not verify: ${firstProblem(report)}.`;
  const recipient = await recipientProblem(credential, options.recipient);
  if (recipient) return `"${name}" ${recipient}.`;
  const issuer = report.credential?.issuer?.id;
  if (options.acceptedIssuers && !options.acceptedIssuers.includes(issuer ?? '')) {
    return `"${name}" was issued by ${issuer ?? 'an unknown issuer'}, which this stack does not accept.`;
  }
  return undefined;
}

/** Undefined when the credential names `recipient`; otherwise why not, as the end of a sentence. */
async function recipientProblem(
  credential: Record<string, unknown>,
  recipient: StackRecipient,
): Promise<string | undefined> {
  const subject = subjectOf(credential);
  const someoneElse = 'was awarded to someone else';
  if ('did' in recipient && typeof recipient.did === 'string')
    return subject.id === recipient.did ? undefined : someoneElse;
  if (!('email' in recipient) || typeof recipient.email !== 'string') return someoneElse;
  const identifiers = Array.isArray(subject.identifier) ? (subject.identifier as IdentityObject[]) : [];
  let unreadable: string | undefined;
  for (const identity of identifiers) {
    if (identity?.identityType !== 'emailAddress') continue;
    try {
      if (await matchesIdentity(identity, recipient.email)) return undefined;
    } catch (error) {
      // An md5$ hash: the spec allows it but it cannot be checked here; say so rather than throw.
      unreadable ??= (error as Error).message;
    }
  }
  return unreadable
    ? `names its recipient in a way that cannot be checked: ${unreadable.replace(/\.$/, '')}`
    : someoneElse;
}

function firstProblem(report: VerificationReport): string {
  const check = report.checks.find((c) => c.outcome !== 'passed' && c.outcome !== 'skipped');
  return check?.problem ? `${check.problem.title.toLowerCase()} (${check.problem.code})` : report.summary;
}

/** decodeURIComponent that leaves malformed escapes (from a junk credential) as they are. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
