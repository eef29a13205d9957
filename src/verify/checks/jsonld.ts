import { ErrorCode, MicrocredError } from '../../errors.js';
import { CONTEXT } from '../../model/constants.js';
import { findUndefinedTerms } from '../../contexts/undefinedTerms.js';
import { couldNotCheck, failed, passed, type Check } from '../check.js';

/** @context is known and every term is defined by it (safe mode). */
export const jsonldCheck: Check = {
  id: 'jsonld',
  title: 'Contexts are known and define every term',
  fatal: true,
  async run(ctx) {
    const doc = ctx.credential as Record<string, unknown>;
    const context = doc['@context'];
    if (!Array.isArray(context) || context.length === 0) {
      return failed({ code: ErrorCode.CONTEXT_MISSING, title: 'No @context', detail: 'A verifiable credential lists its JSON-LD contexts in @context, starting with the VC context.', path: '@context' });
    }
    if (context[0] !== CONTEXT.VC_V2 && context[0] !== CONTEXT.VC_V1) {
      return failed({ code: ErrorCode.CONTEXT_ORDER, title: 'The VC context is not first', detail: `@context must start with ${CONTEXT.VC_V2} (or ${CONTEXT.VC_V1} for VC 1.1); it starts with ${JSON.stringify(context[0])}.`, path: '@context[0]' });
    }
    try {
      const terms = await findUndefinedTerms(doc, ctx.loader);
      const [first] = terms;
      if (!first) return passed;
      const others = terms.length > 1 ? ` Also undefined: ${terms.slice(1).map((t) => t.term).join(', ')}.` : '';
      return failed({
        code: ErrorCode.TERM_UNDEFINED,
        title: 'A term is not defined',
        detail: `"${first.term}"${first.path ? ` at ${first.path}` : ''} is not defined by the credential's contexts, so its meaning is not part of what was signed.${others}`,
        ...(first.path ? { path: first.path } : {}),
      });
    } catch (error) {
      const e = error instanceof MicrocredError ? error : new MicrocredError(ErrorCode.JSONLD_INVALID, String(error));
      if (e.code === ErrorCode.CONTEXT_UNKNOWN) {
        const index = context.indexOf(e.details.url);
        return couldNotCheck({ code: e.code, title: 'Unknown context', detail: `${e.details.url ?? 'A context'} is not bundled with microcred and was not supplied, and contexts are never fetched from the network. Add it to the DocumentLoader if you trust it.`, ...(index >= 0 ? { path: `@context[${index}]` } : {}) });
      }
      return failed({ code: ErrorCode.JSONLD_INVALID, title: 'Not valid JSON-LD', detail: e.message });
    }
  },
};
