import { ErrorCode, MicrocredError } from '../../errors.js';
import { CONTEXT } from '../../model/constants.js';
import { expandInSafeMode, expandWithoutUndefinedTerms, type UndefinedTerm } from '../../contexts/undefinedTerms.js';
import { missingSuiteContext } from '../../proofs/suites.js';
import { readCredential } from '../view/view.js';
import { inlineContextPaths } from '../view/inlineContexts.js';
import {
  couldNotCheck,
  failed,
  passed,
  problem,
  standardProblem,
  type Check,
  type Verdict,
  type VerifyContext,
} from '../check.js';
import { echo } from '../limits.js';

/**
 * @context is known and every term is defined by it (safe mode). The expansion is then read once
 * into the credential's view (src/verify/view), which every later check and the report use. An
 * inline (object) context is a warning, or a failure when the caller refuses them: it can make the
 * JSON as written say something else than the graph that is signed (the `view` check compares them).
 */
export const jsonldCheck: Check = {
  id: 'jsonld',
  title: 'Contexts are known and define every term',
  fatal: true,
  authenticity: 'required',
  async run(ctx) {
    const doc = ctx.credential as Record<string, unknown>;
    const context = doc['@context'];
    const limits = ctx.options.limits;
    if (!Array.isArray(context) || context.length === 0) {
      return failed({
        code: ErrorCode.CONTEXT_MISSING,
        detail: 'A verifiable credential lists its JSON-LD contexts in @context, starting with the VC context.',
        path: '@context',
      });
    }
    if (context[0] !== CONTEXT.VC_V2 && context[0] !== CONTEXT.VC_V1) {
      return failed({
        code: ErrorCode.CONTEXT_ORDER,
        detail: `@context must start with ${CONTEXT.VC_V2} (or ${CONTEXT.VC_V1} for VC 1.1); it starts with ${echo(JSON.stringify(context[0]), limits)}.`,
        path: '@context[0]',
      });
    }
    try {
      const { expanded, undefinedTerms: terms } = await expandInSafeMode(doc, ctx.loader);
      const [first] = terms;
      if (!first) {
        ctx.expansion = { document: { ...doc }, expanded };
        ctx.reading = readCredential(expanded, doc);
        ctx.view = ctx.reading.view;
        return inlineVerdict(ctx, doc);
      }
      // A VC-JWT's signature covers its bytes, whatever its terms mean: an undefined term is a
      // warning, and the credential is read from what its defined terms state.
      if (ctx.format === 'vc-jwt') return await undefinedInJwt(ctx, doc, terms);
      const others =
        terms.length > 1
          ? ` Also undefined: ${echo(
              terms
                .slice(1)
                .map((t) => t.term)
                .join(', '),
              limits,
            )}.`
          : '';
      const hint = suiteContextHint(doc, first.path);
      // The catalogue's standard detail, unless the proof's suite context is missing (said in English only).
      if (first.path && terms.length === 1 && hint === '')
        return failed(
          standardProblem(
            ErrorCode.TERM_UNDEFINED,
            { term: echo(first.term, limits), path: echo(first.path, limits) },
            first.path,
          ),
        );
      return failed({
        code: ErrorCode.TERM_UNDEFINED,
        detail: `"${echo(first.term, limits)}"${first.path ? ` at ${echo(first.path, limits)}` : ''} is not defined by the credential's contexts, so its meaning is not part of what was signed.${others}${hint}`,
        ...(first.path ? { path: first.path } : {}),
      });
    } catch (error) {
      const e = error instanceof MicrocredError ? error : new MicrocredError(ErrorCode.JSONLD_INVALID, String(error));
      if (e.code === ErrorCode.CONTEXT_UNKNOWN) {
        const index = context.indexOf(e.details.url);
        return couldNotCheck({
          code: e.code,
          detail: `${e.details.url === undefined ? 'A context' : echo(e.details.url, limits)} is not bundled with microcred and was not supplied, and contexts are never fetched from the network. Add it to the DocumentLoader if you trust it.`,
          ...(index >= 0 ? { path: `@context[${index}]` } : {}),
        });
      }
      if (e.code === ErrorCode.IRI_RELATIVE) {
        return failed({
          code: e.code,
          detail: echo(e.message, limits),
          ...(e.details.path ? { path: e.details.path } : {}),
        });
      }
      return failed({ code: ErrorCode.JSONLD_INVALID, detail: e.message });
    }
  },
};

// An undefined term of the proof, when its suite's own context is not listed: say which context defines it.
function suiteContextHint(doc: Record<string, unknown>, path: string | undefined): string {
  const missing = path?.startsWith('proof') ? missingSuiteContext(doc) : undefined;
  return missing
    ? ` A ${missing.type} proof's terms are defined by ${missing.context}, which the credential's @context does not list.`
    : '';
}

async function undefinedInJwt(
  ctx: VerifyContext,
  doc: Record<string, unknown>,
  terms: UndefinedTerm[],
): Promise<Verdict> {
  const limits = ctx.options.limits;
  ctx.reading = readCredential(await expandWithoutUndefinedTerms(doc, ctx.loader), doc);
  ctx.view = ctx.reading.view;
  const problems = terms.map((t) =>
    problem({
      code: ErrorCode.TERM_UNDEFINED,
      detail: `"${echo(t.term, limits)}"${t.path ? ` at ${echo(t.path, limits)}` : ''} is not defined by the credential's contexts, so it has no agreed meaning and is left out of what is shown. The JWT's signature covers the token's bytes, so it is checked all the same.`,
      ...(t.path ? { path: t.path } : {}),
    }),
  );
  return { outcome: 'warning', problem: problems[0]!, ...(problems.length > 1 ? { problems } : {}) };
}

// Inline contexts: a warning naming each, or a failure under `inlineContexts: 'refuse'`.
function inlineVerdict(ctx: VerifyContext, doc: Record<string, unknown>): Verdict {
  const paths = inlineContextPaths(doc);
  const [first] = paths;
  if (first === undefined) return passed;
  const refuse = ctx.options.inlineContexts === 'refuse';
  const limits = ctx.options.limits;
  const problems = paths.map((path) =>
    problem({
      code: ErrorCode.CONTEXT_INLINE,
      detail: `The credential defines terms of its own at ${echo(path, limits)} instead of naming a published context. ${
        refuse
          ? 'You asked for such credentials to be refused (inlineContexts: "refuse").'
          : 'What is shown is read from the signed statements under the standard meaning of each term, and compared with the JSON as written.'
      }`,
      path,
    }),
  );
  return {
    outcome: refuse ? 'failed' : 'warning',
    problem: problems[0]!,
    ...(problems.length > 1 ? { problems } : {}),
  };
}
