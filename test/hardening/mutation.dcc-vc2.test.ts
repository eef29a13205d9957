// Mutation suite, DCC fixtures under VC 2.0: eddsa-rdfc-2022 and Ed25519Signature2020 (see
// mutation.test.ts and mutate.ts).
import { DCC_FIXTURES, dccBase, outsider, specVectorBase } from './corpus.js';
import { defineMutationSuite } from './mutationRunner.js';

const FILES = [...DCC_FIXTURES['eddsa-rdfc-2022, VC 2.0'], ...DCC_FIXTURES['Ed25519Signature2020, VC 2.0']];

defineMutationSuite('dcc-vc2', FILES.map((f) => dccBase(f).name), async () => {
  const bases = FILES.map(dccBase);
  return { bases, sources: { otherKey: await outsider(), donors: [...bases, specVectorBase()].map((b) => b.credential) } };
});
