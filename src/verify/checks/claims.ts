import { ErrorCode } from '../../errors.js';
import { failed, passed, problem, type Check } from '../check.js';
import type { Problem } from '../report.js';
import type { CredentialView } from '../view/view.js';

/**
 * For a VC-JWT: the registered claims it has (iss, sub, jti, nbf, exp) agree with the credential
 * inside (issuer, credentialSubject.id, id, validFrom / issuanceDate, validUntil / expirationDate).
 * A disagreement means two readers of one token would see two credentials, so it is not authentic.
 */
export const claimsCheck: Check = {
  id: 'claims',
  title: 'The JWT claims agree with the credential',
  fatal: false,
  authenticity: 'when-present',
  appliesTo: (ctx) => ctx.format === 'vc-jwt',
  async run(ctx) {
    if (!ctx.jwt || !ctx.credential)
      return failed({ code: ErrorCode.JWT_MALFORMED, detail: 'The JWT was not decoded.' });
    // Loaded with the first VC-JWT, as the rest of the VC-JWT verifier is.
    const { claimProblems } = await import('../../jwt/claims.js');
    const problems: Problem[] = claimProblems(ctx.jwt, asSigned(ctx.credential, ctx.view)).map((p) =>
      problem({ code: p.code, detail: p.message, path: p.path }),
    );
    const [first] = problems;
    if (!first) return passed;
    return { outcome: 'failed', problem: first, ...(problems.length > 1 ? { problems } : {}) };
  },
};

// The properties the claims are compared with, as the credential's graph states them (the view); the
// JSON's @context only says which data model version names the dates.
function asSigned(credential: Record<string, unknown>, view: CredentialView | undefined): Record<string, unknown> {
  if (!view) return credential;
  const entries = {
    '@context': credential['@context'],
    id: view.id,
    issuer: typeof credential.issuer === 'string' ? view.issuer?.id : view.issuer && { id: view.issuer.id },
    credentialSubject: view.subjects.map((s) => ({ id: s.id })),
    validFrom: view.validFrom,
    validUntil: view.validUntil,
    issuanceDate: view.issuanceDate,
    expirationDate: view.expirationDate,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}
