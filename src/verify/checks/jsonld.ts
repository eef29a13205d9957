import { ErrorCode, MicrocredError } from '../../errors.js';
import { CONTEXT } from '../../model/constants.js';
import { expandInSafeMode } from '../../contexts/undefinedTerms.js';
import { fieldsStatedElsewhere } from '../../contexts/readFields.js';
import { couldNotCheck, failed, passed, type Check } from '../check.js';
import { echo, resolveLimits } from '../limits.js';

/** @context is known and every term is defined by it (safe mode). */
export const jsonldCheck: Check = {
  id: 'jsonld',
  title: 'Contexts are known and define every term',
  fatal: true,
  async run(ctx) {
    const doc = ctx.credential as Record<string, unknown>;
    const context = doc['@context'];
    const limits = resolveLimits(ctx.options.limits);
    if (!Array.isArray(context) || context.length === 0) {
      return failed({ code: ErrorCode.CONTEXT_MISSING, title: 'No @context', detail: 'A verifiable credential lists its JSON-LD contexts in @context, starting with the VC context.', path: '@context' });
    }
    if (context[0] !== CONTEXT.VC_V2 && context[0] !== CONTEXT.VC_V1) {
      return failed({ code: ErrorCode.CONTEXT_ORDER, title: 'The VC context is not first', detail: `@context must start with ${CONTEXT.VC_V2} (or ${CONTEXT.VC_V1} for VC 1.1); it starts with ${echo(JSON.stringify(context[0]), limits)}.`, path: '@context[0]' });
    }
    try {
      const { expanded, undefinedTerms: terms } = await expandInSafeMode(doc, ctx.loader);
      const [first] = terms;
      if (!first) return respelled(await fieldsStatedElsewhere(doc, expanded, ctx.loader));
      const others = terms.length > 1 ? ` Also undefined: ${echo(terms.slice(1).map((t) => t.term).join(', '), limits)}.` : '';
      return failed({
        code: ErrorCode.TERM_UNDEFINED,
        title: 'A term is not defined',
        detail: `"${echo(first.term, limits)}"${first.path ? ` at ${echo(first.path, limits)}` : ''} is not defined by the credential's contexts, so its meaning is not part of what was signed.${others}`,
        ...(first.path ? { path: first.path } : {}),
      });
    } catch (error) {
      const e = error instanceof MicrocredError ? error : new MicrocredError(ErrorCode.JSONLD_INVALID, String(error));
      if (e.code === ErrorCode.CONTEXT_UNKNOWN) {
        const index = context.indexOf(e.details.url);
        return couldNotCheck({ code: e.code, title: 'Unknown context', detail: `${e.details.url === undefined ? 'A context' : echo(e.details.url, limits)} is not bundled with microcred and was not supplied, and contexts are never fetched from the network. Add it to the DocumentLoader if you trust it.`, ...(index >= 0 ? { path: `@context[${index}]` } : {}) });
      }
      return failed({ code: ErrorCode.JSONLD_INVALID, title: 'Not valid JSON-LD', detail: e.message });
    }
  },
};

// A field the verifier reads whose statements are (also) written under another name: its JSON
// reading would not be what was signed, so the credential is refused rather than misread.
function respelled(fields: string[]) {
  const [field] = fields;
  if (field === undefined) return passed;
  return failed({
    code: ErrorCode.JSONLD_INVALID,
    title: 'A field is written under another name',
    detail: `The credential states ${field} (also) under another name than the "${field}" term, such as its full IRI or an alias from an added context. Verifiers read ${field} by its term, so part of what was signed would go unread; microcred refuses the credential instead.`,
    path: field,
  });
}
