// Mutation suite, DCC fixtures under VC 1.1: eddsa-rdfc-2022, and proof sets of eddsa-rdfc-2022 with
// Ed25519Signature2020 (see mutation.test.ts and mutate.ts).
import { DCC_FIXTURES, dccBase, outsider, specVectorBase } from './corpus.js';
import { defineMutationSuite } from './mutationRunner.js';

const FILES = [...DCC_FIXTURES['eddsa-rdfc-2022, VC 1.1'], ...DCC_FIXTURES['eddsa-rdfc-2022 + Ed25519Signature2020 proof sets, VC 1.1']];

defineMutationSuite('dcc-vc1', FILES.map((f) => dccBase(f).name), async () => {
  const bases = FILES.map(dccBase);
  return { bases, sources: { otherKey: await outsider(), donors: [...bases, specVectorBase()].map((b) => b.credential) } };
});
