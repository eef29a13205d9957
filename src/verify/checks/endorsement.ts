import type { Check } from '../check.js';

/**
 * Each embedded endorsement (of the credential, its issuer or its achievement) verifies as a
 * credential of its own, endorses what it is attached to, and is an EndorsementCredential. Never a
 * failure of the endorsed credential: a bad endorsement is a warning (OB 3.0 §8.2: endorsements
 * are verified "as credentials of their own"; the credential stands or falls by its own proof).
 * Each endorsement is one part naming the endorser and what it endorses, with its whole report.
 * The endorsements are those of the signed view; their JSON is what the `view` check found to be
 * signed (id and type), and each is verified on its own graph.
 */
export const endorsementCheck: Check = {
  id: 'endorsement',
  title: 'Its endorsements verify',
  fatal: false,
  appliesTo: (ctx) => (ctx.view?.endorsements.length ?? 0) > 0,
  // Verifying nested credentials is loaded with the first credential that has any.
  async run(ctx) {
    const { runEndorsementCheck } = await import('../nestedRuns.js');
    return runEndorsementCheck(ctx);
  },
};
