import { ErrorCode } from '../../errors.js';
import { isJsonObject } from '../../jsonPath.js';
import { couldNotCheck, passed, problem, type ProblemInput } from '../../verify/check.js';
import { hasType, isHttpUrl, ob2Time, stringsOf, verificationTypeOf } from '../fields.js';
import { OB2_CONTEXT } from '../recognise.js';
import type { Ob2Check } from '../state.js';

/**
 * The assertion has what Open Badges 2.0 requires of one (§Assertion): the OB 2.0 context, type
 * `Assertion`, an `id`, a `recipient` IdentityObject, a `badge`, a `verification` object saying
 * hosted or signed, and a readable `issuedOn` (and `expires`, when there is one). A 1.x assertion
 * (its `verify` object instead of `verification`) is recognised and said to be one.
 */
export const ob2TypeCheck: Ob2Check = {
  id: 'type',
  title: 'It is an Open Badges 2.0 assertion',
  fatal: true,
  authenticity: true,
  run(state) {
    const a = state.assertion!;
    if (!stringsOf(a['@context']).includes(OB2_CONTEXT) && a.verification === undefined && isJsonObject(a.verify)) {
      const how = stringsOf(a.verify.type)[0] ?? 'unknown';
      return couldNotCheck({
        code: ErrorCode.OB2_VERSION_UNSUPPORTED,
        detail: `This is an Open Badges 1.x assertion (its "verify" object says ${JSON.stringify(how)}, and it names no Open Badges 2.0 context); microcred verifies Open Badges 2.0 assertions and 3.0 credentials. Ask the issuer for the badge in a later version.`,
        path: 'verify',
      });
    }
    const found = problemsOf(a);
    if (found.length > 0) {
      const all = found.map(problem);
      return { outcome: 'failed', problem: all[0]!, ...(all.length > 1 ? { problems: all } : {}) };
    }
    state.verification = verificationTypeOf(a.verification);
    return passed;
  },
};

function problemsOf(a: Record<string, unknown>): ProblemInput[] {
  const found: ProblemInput[] = [];
  const need = (ok: boolean, path: string, detail: string) => {
    if (!ok) found.push({ code: ErrorCode.OB2_INVALID, detail, path });
  };
  need(
    stringsOf(a['@context']).includes(OB2_CONTEXT),
    '@context',
    `An Open Badges 2.0 assertion names the context ${OB2_CONTEXT}.`,
  );
  need(hasType(a, 'Assertion'), 'type', 'An Open Badges 2.0 assertion has the type "Assertion".');
  need(
    typeof a.id === 'string' && a.id !== '',
    'id',
    'The assertion has no "id" (its URL, or a urn:uuid for a signed one).',
  );
  const recipient = a.recipient;
  need(
    isJsonObject(recipient),
    'recipient',
    'The assertion has no "recipient" object (an IdentityObject naming who earned it).',
  );
  if (isJsonObject(recipient)) {
    need(
      typeof recipient.identity === 'string' && recipient.identity !== '',
      'recipient.identity',
      'The recipient has no "identity" (an email address, URL or telephone number, or its hash).',
    );
    need(typeof recipient.type === 'string', 'recipient.type', 'The recipient has no "type" (e.g. "email").');
    need(
      recipient.hashed === undefined || typeof recipient.hashed === 'boolean',
      'recipient.hashed',
      'The recipient\'s "hashed" must be true or false.',
    );
  }
  need(
    typeof a.badge === 'string' || isJsonObject(a.badge),
    'badge',
    'The assertion has no "badge" (the URL of its BadgeClass, or the BadgeClass itself).',
  );
  const how = verificationTypeOf(a.verification);
  need(
    how !== undefined,
    'verification',
    'The assertion has no "verification" object whose type is "hosted" (HostedBadge) or "signed" (SignedBadge), so nothing says how to verify it.',
  );
  if (how === 'hosted')
    need(
      isHttpUrl(a.id),
      'id',
      `A hosted assertion's "id" is the URL it is published at; ${JSON.stringify(a.id)} is not an http(s) URL.`,
    );
  need(
    ob2Time(a.issuedOn) !== undefined,
    'issuedOn',
    `"issuedOn" must be an ISO 8601 date-time with a timezone or a Unix timestamp; it is ${JSON.stringify(a.issuedOn ?? null)}.`,
  );
  if (a.expires !== undefined)
    need(
      ob2Time(a.expires) !== undefined,
      'expires',
      `"expires" must be an ISO 8601 date-time with a timezone or a Unix timestamp; it is ${JSON.stringify(a.expires)}.`,
    );
  return found;
}
