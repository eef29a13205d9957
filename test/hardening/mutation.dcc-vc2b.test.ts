// Mutation suite, DCC fixtures under VC 2.0, second half: eddsa-rdfc-2022 with status entries,
// expiry, a complex issuer (see mutation.test.ts and mutate.ts).
import { DCC_FIXTURES, dccBase, outsider, specVectorBase } from './corpus.js';
import { defineMutationSuite, jsonLdCases } from './mutationRunner.js';

// The not-yet-valid one runs in mutation.dcc-vc1 (for balance).
const VC2 = DCC_FIXTURES['eddsa-rdfc-2022, VC 2.0'].filter((f) => !f.includes('notYetValid'));

const FILES = VC2.slice(4);

defineMutationSuite(
  'dcc-vc2b',
  FILES.map((f) => dccBase(f).name),
  async () => {
    const bases = FILES.map(dccBase);
    return jsonLdCases(bases, {
      otherKey: await outsider(),
      donors: [...bases, specVectorBase()].map((b) => b.credential),
    });
  },
);
