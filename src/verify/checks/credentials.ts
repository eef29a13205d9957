import type { Check } from '../check.js';
import { clrSubject } from '../clrSubject.js';

/**
 * Every credential a CLR 2.0 record bundles verifies as a credential of its own: its proof, its
 * issuer, its dates, its status, its endorsements (CLR 2.0 §: the ClrCredential's proof covers the
 * record, each bundled credential keeps its own). Each is one part naming the credential, with its
 * whole report; one that does not verify fails this check, so the record is not verified, and the
 * part says which and why. A credential only referenced by id is could-not-check.
 */
export const credentialsCheck: Check = {
  id: 'credentials',
  title: 'Every credential in the record verifies',
  fatal: false,
  appliesTo: (ctx) => clrSubject(ctx) !== undefined,
  // Verifying nested credentials is loaded with the first credential that has any.
  async run(ctx) {
    const { runCredentialsCheck } = await import('../nestedRuns.js');
    return runCredentialsCheck(ctx);
  },
};
