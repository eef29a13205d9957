import { ErrorCode } from '../../errors.js';
import { couldNotCheck, failed, passed, type Verdict } from '../../verify/check.js';
import { embeddedOrLoaded, type Loaded } from '../documents.js';
import { hasType, idOf } from '../fields.js';
import type { Ob2Check } from '../state.js';

/**
 * The BadgeClass (`badge`) and the issuer Profile it names (`badge.issuer`) are read: embedded, or
 * from their URLs through the caller's documents or fetch. A document read from a URL must say it
 * is the one at that URL (its `id`), so that a document served for another cannot stand in.
 */
export const ob2BadgeCheck: Ob2Check = {
  id: 'badge',
  title: 'The badge class and its issuer profile were read',
  fatal: true,
  authenticity: true,
  async run(state) {
    const assertion = state.assertion!;
    const badge = await embeddedOrLoaded(state, assertion.badge, 'The badge class (badge)', 'badge');
    const badgeProblem = documentProblem(badge, assertion.badge, 'The badge class', 'badge', ['BadgeClass']);
    if (badgeProblem) return badgeProblem;
    const badgeClass = (badge as { document: Record<string, unknown> }).document;
    const issuerRef = badgeClass.issuer;
    const issuer = await embeddedOrLoaded(state, issuerRef, "The badge class's issuer (badge.issuer)", 'badge.issuer');
    const issuerProblem = documentProblem(issuer, issuerRef, 'The issuer profile', 'badge.issuer', [
      'Issuer',
      'Profile',
    ]);
    if (issuerProblem) return issuerProblem;
    const profile = (issuer as { document: Record<string, unknown> }).document;
    if (typeof profile.id !== 'string') {
      return failed({
        code: ErrorCode.OB2_DOCUMENT_INVALID,
        detail: 'The issuer profile has no "id".',
        path: 'badge.issuer',
      });
    }
    state.badge = badgeClass;
    state.issuer = profile;
    return passed;
  },
};

function documentProblem(
  loaded: Loaded,
  ref: unknown,
  what: string,
  path: string,
  types: string[],
): Verdict | undefined {
  if ('problem' in loaded) return loaded.unreachable ? couldNotCheck(loaded.problem) : failed(loaded.problem);
  const { document } = loaded;
  if (typeof ref === 'string' && idOf(document) !== ref) {
    return failed({
      code: ErrorCode.OB2_DOCUMENT_INVALID,
      detail: `${what} read from ${ref} says it is ${JSON.stringify(document.id ?? null)}; a document must be the one at its URL.`,
      path,
    });
  }
  if (!hasType(document, ...types)) {
    return failed({
      code: ErrorCode.OB2_DOCUMENT_INVALID,
      detail: `${what}${typeof ref === 'string' ? ` at ${ref}` : ''} is not typed ${types.map((t) => `"${t}"`).join(' or ')}.`,
      path,
    });
  }
  return undefined;
}
