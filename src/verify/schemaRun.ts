// The JSON Schema check's work (src/verify/checks/schema.ts says what it checks): loaded on first
// use together with the schemas, their compiled validators and ajv, which are most of what a
// verifier bundles.
import { ErrorCode, isMicrocredError } from '../errors.js';
import { CONTEXT } from '../model/constants.js';
import { isJsonObject } from '../jsonPath.js';
import { bundledSchema, officialSchemaFor, type JsonSchema } from '../schemas/bundled.js';
import { findingsOf } from '../schemas/findings.js';
import { precompiledValidator } from '../schemas/precompiled.js';
import { isUnusableSchema } from '../schemas/unusable.js';
import type { SchemaFinding } from '../schemas/problems.js';
import { isAuthentic } from './authenticity.js';
import { namedSchemas } from './namedSchemas.js';
import { couldNotCheck, failed, passed, problem, warning, type Verdict, type VerifyContext } from './check.js';
import type { CheckPart, Problem } from './report.js';
import type { VerifyLimits } from './limits.js';

interface Target {
  /** The report's name for it, e.g. "credentialSchema[0] https://…". */
  label: string;
  /** How a finding names it, e.g. "the AchievementCredential JSON Schema of Open Badges 3.0". */
  source: string;
  schema?: JsonSchema;
  /** Why the schema could not be used (unresolvable URL, unreadable schema, a limit), and the code saying so. */
  unusable?: { why: string; code: ErrorCode };
  url?: string;
  /** Where the credential names it, e.g. `credentialSchema[1]`. */
  path?: string;
}

/** The verdict of the schema check on the credential of `ctx`. */
export async function runSchemaCheck(ctx: VerifyContext): Promise<Verdict> {
  const doc = ctx.credential as Record<string, unknown>;
  const vc2 = Array.isArray(doc['@context']) && doc['@context'][0] === CONTEXT.VC_V2;
  const official = officialSchemaFor(ctx.view?.types ?? []);
  const targets: Target[] = [];
  if (official && vc2)
    targets.push({
      label: `${official.name} schema (1EdTech, bundled)`,
      source: `the ${official.name} JSON Schema of Open Badges 3.0`,
      schema: official.schema,
    });
  const limits = ctx.options.limits;
  targets.push(...(await namedTargets(ctx, doc, limits, targets)));
  if (targets.length === 0) {
    // A VC 1.1 Open Badge: the official schemas describe VC 2.0 (validFrom, the VC 2.0 context first).
    return warning({
      code: ErrorCode.SCHEMA_NOT_APPLICABLE,
      detail: `This is a VC 1.1 credential; the official ${official?.name ?? 'Open Badges'} JSON Schema describes Open Badges 3.0 over VC 2.0 (validFrom, the VC 2.0 context first), so only its structure was checked.`,
      path: '@context[0]',
    });
  }
  return verdictFor(await Promise.all(targets.map((target) => outcomeOf(target, doc, limits))));
}

// The named schemas as targets: from the bundle, or loaded (all at once, under the verification's
// deadline) when the proof holds and binds to the issuer; none at all when more are named than allowed.
async function namedTargets(
  ctx: VerifyContext,
  doc: Record<string, unknown>,
  limits: VerifyLimits,
  official: Target[],
): Promise<Target[]> {
  const named = namedSchemas(ctx.view);
  const pathOf = (index: number) =>
    Array.isArray(doc.credentialSchema) ? `credentialSchema[${index}]` : 'credentialSchema';
  if (named.length > limits.maxSchemas) {
    const why = `the credential names ${named.length} JSON Schemas, more than the ${limits.maxSchemas} checked (limits.maxSchemas), so none of them was loaded`;
    return [
      {
        label: 'credentialSchema',
        source: 'the schemas it names',
        path: 'credentialSchema',
        unusable: { why, code: ErrorCode.SCHEMA_TOO_MANY },
      },
    ];
  }
  const bound = isAuthentic(ctx.results, ctx.checks);
  const targets = named.map(async ([index, url]): Promise<Target | undefined> => {
    const bundled = bundledSchema(url);
    if (bundled && official.some((t) => t.schema === bundled)) return undefined;
    const target: Target = {
      label: `credentialSchema[${index}] ${url}`,
      source: `the schema at ${url}`,
      url,
      path: pathOf(index),
    };
    if (bundled) return { ...target, schema: bundled };
    if (!bound)
      return {
        ...target,
        unusable: {
          why: 'it was not loaded, because the credential is not shown to be signed by its issuer (see the signature and issuer checks), and microcred fetches nothing for a credential until it is',
          code: ErrorCode.SCHEMA_NOT_LOADED,
        },
      };
    return { ...target, ...(await load(ctx, url)) };
  });
  return (await Promise.all(targets)).filter((t): t is Target => t !== undefined);
}

async function outcomeOf(
  target: Target,
  doc: Record<string, unknown>,
  limits: VerifyLimits,
): Promise<{ target: Target; problems: Problem[]; unresolved?: Problem }> {
  if (!target.schema)
    return {
      target,
      problems: [],
      unresolved: unresolved(
        target,
        target.unusable ?? { why: 'it could not be loaded', code: ErrorCode.SCHEMA_UNRESOLVED },
      ),
    };
  try {
    const measure = await measurerOf(target.schema, limits.maxSchemaBytes);
    return {
      target,
      problems: credentialFindings(doc, measure).map((f) => problemOf(f, target)),
    };
  } catch (error) {
    if (isUnusableSchema(error))
      return {
        target,
        problems: [],
        unresolved: unresolved(target, { why: `it cannot be used: ${error.details.reason}`, code: error.code }),
      };
    throw error;
  }
}

/**
 * What measures a document against `schema`: for a bundled schema, its validator compiled ahead of
 * time (the common case: no compiler is loaded); for any other, validateAgainstSchema, which
 * compiles it, loaded on first use with ajv and the linear-time pattern engine.
 */
async function measurerOf(schema: JsonSchema, maxSchemaBytes: number): Promise<(document: unknown) => SchemaFinding[]> {
  const ahead = precompiledValidator(schema);
  if (ahead) return (document) => findingsOf(ahead, document);
  const { validateAgainstSchema } = await import('../schemas/validate.js');
  return (document) => validateAgainstSchema(document, schema, { maxSchemaBytes });
}

/**
 * The findings for a credential. VC 2.0 lets a credential carry several status entries (microcred
 * issues one for revocation and one for suspension), where the OB 3.0 schema allows one object:
 * a list of entries is measured entry by entry against what the schema asks of one.
 */
function credentialFindings(
  doc: Record<string, unknown>,
  measure: (document: unknown) => SchemaFinding[],
): SchemaFinding[] {
  const findings = measure(doc);
  const entries = doc.credentialStatus;
  if (!Array.isArray(entries) || !findings.some((f) => f.path === 'credentialStatus' && f.keyword === 'type'))
    return findings;
  const elsewhere = findings.filter(
    (f) =>
      f.path !== 'credentialStatus' &&
      !f.path.startsWith('credentialStatus.') &&
      !f.path.startsWith('credentialStatus['),
  );
  const perEntry = entries.flatMap((entry, i) =>
    measure({ ...doc, credentialStatus: entry })
      .filter((f) => f.path === 'credentialStatus' || f.path.startsWith('credentialStatus.'))
      .map((f) => ({ ...f, path: f.path.replace(/^credentialStatus/, `credentialStatus[${i}]`) })),
  );
  return [...elsewhere, ...perEntry];
}

function verdictFor(results: { target: Target; problems: Problem[]; unresolved?: Problem }[]): Verdict {
  const problems = results.flatMap((r) => [...r.problems, ...(r.unresolved ? [r.unresolved] : [])]);
  const parts: CheckPart[] | undefined =
    results.length > 1
      ? results.map(({ target, problems: found, unresolved: missing }) => {
          const first = found[0] ?? missing;
          return first
            ? { label: target.label, outcome: found.length ? 'failed' : 'could-not-check', problem: first }
            : { label: target.label, outcome: 'passed' };
        })
      : undefined;
  const extra = { ...(problems.length > 1 ? { problems } : {}), ...(parts ? { parts } : {}) };
  const firstFinding = results.flatMap((r) => r.problems)[0];
  if (firstFinding) return { ...failed(firstFinding), problems, ...(parts ? { parts } : {}) };
  const firstMissing = problems[0];
  if (firstMissing) return { ...couldNotCheck(firstMissing), ...extra };
  return { ...passed, ...(parts ? { parts } : {}) };
}

function problemOf(finding: SchemaFinding, target: Target): Problem {
  const where = finding.path || 'The credential';
  return problem({
    code: ErrorCode.SCHEMA_INVALID,
    detail: `${where} ${finding.message} (${target.source}).`,
    path: finding.path,
  });
}

function unresolved(target: Target, { why, code }: { why: string; code: ErrorCode }): Problem {
  const remedy =
    code === ErrorCode.SCHEMA_UNRESOLVED
      ? ' Give the schema to the DocumentLoader if you trust it, or allow the network.'
      : '';
  return problem({
    code,
    detail: `The credential names ${target.url ? `the JSON Schema ${target.url}` : target.source}, and ${why}.${remedy}`,
    path: target.path ?? 'credentialSchema',
  });
}

async function load(ctx: VerifyContext, url: string): Promise<Pick<Target, 'schema' | 'unusable'>> {
  try {
    const { document } = await ctx.loader.load(url);
    const schema = typeof document === 'string' ? (JSON.parse(document) as unknown) : document;
    return isJsonObject(schema)
      ? { schema }
      : { unusable: { why: 'what was found there is not a JSON Schema', code: ErrorCode.SCHEMA_UNRESOLVED } };
  } catch (error) {
    const reason = String((error as Error)?.message ?? error).replace(/\.$/, '');
    const code = isMicrocredError(error, ErrorCode.VERIFY_TIMEOUT)
      ? ErrorCode.VERIFY_TIMEOUT
      : ErrorCode.SCHEMA_UNRESOLVED;
    return { unusable: { why: `it is not bundled with microcred and could not be loaded (${reason})`, code } };
  }
}
