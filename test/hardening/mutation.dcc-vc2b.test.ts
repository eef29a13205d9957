// Mutation suite, DCC fixtures under VC 2.0, second half: eddsa-rdfc-2022 with status entries,
// expiry, a complex issuer (see mutation.test.ts and mutate.ts).
import { DCC_FIXTURES, dccBase, outsider, specVectorBase } from './corpus.js';
import { defineMutationSuite } from './mutationRunner.js';

const FILES = DCC_FIXTURES['eddsa-rdfc-2022, VC 2.0'].slice(8);

defineMutationSuite('dcc-vc2b', FILES.map((f) => dccBase(f).name), async () => {
  const bases = FILES.map(dccBase);
  return { bases, sources: { otherKey: await outsider(), donors: [...bases, specVectorBase()].map((b) => b.credential) } };
});
