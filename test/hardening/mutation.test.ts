// Mutation suite, microcred's own credentials (eddsa-rdfc-2022: did:key, did:web, a status entry, a
// two-proof set) and the 1EdTech OB 3.0 test vector: every single change to a signed value is
// rejected, and only the changes on the allow-list (mutate.ts, each with its reason) may verify.
import { microcredBases, outsider, specVectorBase } from './corpus.js';
import { defineMutationSuite } from './mutationRunner.js';

const NAMES = ['microcred, did:key', 'microcred, rich, did:key', 'microcred, status entry, did:key', 'microcred, did:web', 'microcred, two proofs, did:web', '1EdTech OB 3.0 test vector'];

defineMutationSuite('microcred', NAMES, async () => {
  const bases = [...(await microcredBases()), specVectorBase()];
  return { bases, sources: { otherKey: await outsider(), donors: bases.map((b) => b.credential) } };
});
