import { ErrorCode, MicrocredError, isMicrocredError, type ProblemDetail } from '../errors.js';
import { CONTEXT, ISSUE_CONTEXTS, OB_CREDENTIAL_TYPES } from '../model/constants.js';
import { parseDateTimeZ, toDateTimeZ } from '../dates.js';
import { copyAsPlainJson, isJsonObject } from '../jsonPath.js';
import { unbundledContexts } from '../contexts/bundled.js';
import { DocumentLoader } from '../contexts/documentLoader.js';
import { expandInSafeMode } from '../contexts/undefinedTerms.js';
import type { Expansion } from '../proofs/onePass/documentGraph.js';
import { withAddedMember } from '../proofs/onePass/addedMember.js';
import { isUri } from '../identifiers.js';
import type { CredentialStatusSource } from '../status/entry.js';

/** One reason a credential cannot be signed, with its code and JSON path. */
export interface IssueProblem extends ProblemDetail {
  code: ErrorCode;
}

/**
 * The credential as it will be signed, whatever the proof format: a plain JSON copy (the caller's
 * object is never changed) with `@context`, `id` and `validFrom` filled in when missing (VC 2.0 +
 * OB 3.0.3, a `urn:uuid:`, `now`), and `credentialStatus` from `status` once it is known to be valid. Throws a {@link MicrocredError} when it may not be signed:
 * `details.problems` lists every problem with its JSON path, `code` / `details.path` name the first.
 * With no `issuerId` (a key that names no controller), issuer.id is not compared with the key's.
 */
export async function preparedCredential(
  credential: unknown,
  options: {
    issuerId: string | undefined;
    now: Date;
    loader: DocumentLoader | undefined;
    status?: CredentialStatusSource | undefined;
    suiteContext?: string | undefined;
  },
): Promise<{ doc: Record<string, unknown>; loader: DocumentLoader; expansion?: Expansion }> {
  let copy: unknown;
  try {
    // What is checked below is exactly what gets signed (vc.issue, for one, mutates what it signs).
    copy = copyAsPlainJson(credential);
  } catch (error) {
    const path = isMicrocredError(error) && error.details.path ? error.details.path : undefined;
    const reason = isMicrocredError(error) ? ` ${error.message}` : '';
    throw new MicrocredError(
      ErrorCode.INPUT_NOT_OBJECT,
      `The credential must be plain JSON data (no functions, class instances or cycles).${reason}`,
      path ? { path } : {},
    );
  }
  if (!isJsonObject(copy))
    throw new MicrocredError(ErrorCode.INPUT_NOT_OBJECT, 'The credential must be a JSON object.');
  const doc = copy;
  if ('proof' in doc)
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      'The credential already has a proof; issue from the unsigned credential.',
      { path: 'proof' },
    );

  doc['@context'] ??= [...ISSUE_CONTEXTS];
  // A proof suite whose terms are not in the VC context (Ed25519Signature2020) signs only documents that carry its own.
  const suiteContext = options.suiteContext;
  if (suiteContext && Array.isArray(doc['@context']) && !doc['@context'].includes(suiteContext))
    doc['@context'] = [...doc['@context'], suiteContext];
  doc.id ??= `urn:uuid:${globalThis.crypto.randomUUID()}`;
  doc.validFrom ??= toDateTimeZ(options.now);

  const problems = preflightProblems(doc, options.issuerId);
  // Anything without a load function would let jsonld fall back to its own loader, which fetches.
  if (options.loader !== undefined && typeof options.loader?.load !== 'function') {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      'options.loader must be a DocumentLoader (new DocumentLoader({ documents })).',
      { path: 'loader' },
    );
  }
  const loader = options.loader ?? new DocumentLoader();
  let expansion: Expansion | undefined;
  if (problems.length === 0) {
    const { expanded, undefinedTerms } = await expandInSafeMode(doc, loader);
    // What signing canonicalizes is this expansion, unless the document changes before (see src/proofs/onePass).
    expansion = { document: { ...doc }, expanded };
    for (const { term, path } of undefinedTerms) {
      problems.push({
        code: ErrorCode.TERM_UNDEFINED,
        ...(path ? { path } : {}),
        message: `"${term}"${path ? ` at ${path}` : ''} is not defined by the credential's contexts; use a term the OB 3.0 context defines or add a context that defines it.`,
      });
    }
  }
  const [first] = problems;
  if (first) {
    const summary =
      problems.length === 1
        ? first.message
        : `${first.message} (and ${problems.length - 1} more: ${problems
            .slice(1)
            .map((p) => p.path)
            .join(', ')})`;
    throw new MicrocredError(first.code, `Cannot issue: ${summary}`, {
      ...(first.path ? { path: first.path } : {}),
      problems,
    });
  }

  if (options.status) {
    if (doc.credentialStatus !== undefined) {
      throw new MicrocredError(
        ErrorCode.FIELD_INVALID,
        'Cannot issue: the credential already has a credentialStatus, and options.status would add another; give one or the other.',
        { path: 'credentialStatus' },
      );
    }
    // Only now, with the credential known to be valid, so no index is spent on one that is refused.
    const entries = await options.status.entriesFor(doc.id as string);
    if (entries.length > 0) {
      doc.credentialStatus = entries.length === 1 ? entries[0] : entries;
      expansion = expansion && (await withAddedMember(expansion, doc, 'credentialStatus', loader));
    }
  }
  return expansion ? { doc, loader, expansion } : { doc, loader };
}

const DATE_FIELDS = [
  'validFrom',
  'validUntil',
  'awardedDate',
  'credentialSubject.awardedDate',
  'credentialSubject.activityStartDate',
  'credentialSubject.activityEndDate',
];

/**
 * Everything microcred checks before it signs, in document order. The signing libraries accept
 * much of this silently and fail later at verification (see the pitfalls of the stack), so it is
 * checked here, where the issuer can still fix it.
 */
export function preflightProblems(doc: Record<string, unknown>, issuerId: string | undefined): IssueProblem[] {
  const problems: IssueProblem[] = [];
  const add = (code: ErrorCode, path: string, message: string) => problems.push({ code, path, message });

  const context = doc['@context'];
  if (!Array.isArray(context) || context.length === 0)
    add(ErrorCode.CONTEXT_MISSING, '@context', '@context must be a list that starts with the VC 2.0 context.');
  else {
    if (context[0] !== CONTEXT.VC_V2)
      add(ErrorCode.CONTEXT_ORDER, '@context[0]', `@context must start with ${CONTEXT.VC_V2}.`);
    if (
      !context.some((c) => typeof c === 'string' && c.startsWith('https://purl.imsglobal.org/spec/ob/v3p0/context'))
    ) {
      add(
        ErrorCode.CONTEXT_MISSING,
        '@context',
        `@context must include an Open Badges 3.0 context (${CONTEXT.OB_V3P0_3}).`,
      );
    }
    for (const { path, detail } of unbundledContexts(context)) add(ErrorCode.CONTEXT_UNKNOWN, path, detail);
  }

  const type = doc.type;
  if (
    !Array.isArray(type) ||
    !type.includes('VerifiableCredential') ||
    !type.some((t) => (OB_CREDENTIAL_TYPES as readonly unknown[]).includes(t))
  ) {
    add(
      ErrorCode.TYPE_INVALID,
      'type',
      'type must be a list with "VerifiableCredential" and "OpenBadgeCredential" (or its alias "AchievementCredential").',
    );
  }
  if (doc.id !== undefined && !isUri(doc.id))
    add(ErrorCode.FIELD_INVALID, 'id', 'id must be a URI (e.g. urn:uuid:… or https://…).');
  if (typeof doc.name !== 'string' || doc.name.trim() === '')
    add(ErrorCode.FIELD_REQUIRED, 'name', "name is required: the credential's display name.");

  const issuer = doc.issuer as Record<string, unknown> | undefined;
  if (typeof issuer !== 'object' || issuer === null)
    add(ErrorCode.FIELD_REQUIRED, 'issuer', 'issuer is required: a Profile with an id and type ["Profile"].');
  else {
    if (!isUri(issuer.id))
      add(
        ErrorCode.FIELD_REQUIRED,
        'issuer.id',
        'issuer.id is required and must be a URI (the DID that controls the signing key).',
      );
    else if (issuerId !== undefined && issuer.id !== issuerId)
      add(
        ErrorCode.ISSUER_MISMATCH,
        'issuer.id',
        `issuer.id is ${issuer.id as string} but the signing key belongs to ${issuerId}.`,
      );
    if (!hasType(issuer.type, 'Profile'))
      add(ErrorCode.TYPE_INVALID, 'issuer.type', 'issuer.type must include "Profile".');
  }

  const subject = doc.credentialSubject;
  if (!isJsonObject(subject)) {
    add(ErrorCode.FIELD_REQUIRED, 'credentialSubject', 'credentialSubject is required: an AchievementSubject.');
  } else {
    if (!hasType(subject.type, 'AchievementSubject'))
      add(
        ErrorCode.TYPE_INVALID,
        'credentialSubject.type',
        'credentialSubject.type must include "AchievementSubject".',
      );
    if (subject.id === undefined && !(Array.isArray(subject.identifier) && subject.identifier.length > 0)) {
      add(
        ErrorCode.FIELD_REQUIRED,
        'credentialSubject.id',
        "credentialSubject needs an id (e.g. the recipient's DID) or an identifier list (e.g. a hashed email).",
      );
    } else if (subject.id !== undefined && !isUri(subject.id))
      add(ErrorCode.FIELD_INVALID, 'credentialSubject.id', 'credentialSubject.id must be a URI.');
    achievementProblems(subject.achievement, 'credentialSubject.achievement', add);
  }

  for (const path of DATE_FIELDS) {
    const value = readPath(doc, path);
    if (value !== undefined && parseDateTimeZ(value) === undefined) {
      add(
        ErrorCode.DATE_INVALID,
        path,
        `${path} must be an RFC 3339 date-time with a timezone, e.g. 2026-01-31T09:00:00Z (got ${JSON.stringify(value)}).`,
      );
    }
  }
  const from = parseDateTimeZ(doc.validFrom);
  const until = parseDateTimeZ(doc.validUntil);
  if (from !== undefined && until !== undefined && until <= from)
    add(ErrorCode.DATE_INVALID, 'validUntil', 'validUntil must be later than validFrom.');
  return problems;
}

function achievementProblems(
  value: unknown,
  base: string,
  add: (code: ErrorCode, path: string, message: string) => void,
): void {
  if (typeof value !== 'object' || value === null) {
    add(
      ErrorCode.ACHIEVEMENT_INVALID,
      base,
      `${base} is required: the Achievement with id, name, description and criteria.`,
    );
    return;
  }
  const a = value as Record<string, unknown>;
  if (!isUri(a.id)) add(ErrorCode.ACHIEVEMENT_INVALID, `${base}.id`, `${base}.id is required and must be a URI.`);
  if (!hasType(a.type, 'Achievement'))
    add(ErrorCode.ACHIEVEMENT_INVALID, `${base}.type`, `${base}.type must include "Achievement".`);
  for (const field of ['name', 'description'] as const) {
    if (typeof a[field] !== 'string' || (a[field] as string).trim() === '')
      add(ErrorCode.ACHIEVEMENT_INVALID, `${base}.${field}`, `${base}.${field} is required.`);
  }
  const criteria = a.criteria as Record<string, unknown> | undefined;
  if (
    typeof criteria !== 'object' ||
    criteria === null ||
    (typeof criteria.narrative !== 'string' && !isUri(criteria.id))
  ) {
    add(
      ErrorCode.ACHIEVEMENT_INVALID,
      `${base}.criteria`,
      `${base}.criteria is required, with a narrative or an id (URL) saying how it is earned.`,
    );
  }
}

function hasType(value: unknown, name: string): boolean {
  return value === name || (Array.isArray(value) && value.includes(name));
}

function readPath(doc: Record<string, unknown>, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split('.'))
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}
