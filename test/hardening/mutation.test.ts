// Mutation suite, microcred's own credentials (eddsa-rdfc-2022: did:key, a rich one, a status entry,
// a two-proof set on did:web) and the 1EdTech OB 3.0 test vector: every single change to a signed value is
// rejected, and only the changes on the allow-list (mutate.ts, each with its reason) may verify.
import { microcredBases, outsider, specVectorBase } from './corpus.js';
import { defineMutationSuite, jsonLdCases } from './mutationRunner.js';

// ("microcred, did:web" is the did:key credential under another DID: the two-proof set covers did:web.)
const NAMES = [
  'microcred, did:key',
  'microcred, rich, did:key',
  'microcred, status entry, did:key',
  'microcred, two proofs, did:web',
  '1EdTech OB 3.0 test vector',
];

defineMutationSuite('microcred', NAMES, async () => {
  const bases = [...(await microcredBases()), specVectorBase()];
  return jsonLdCases(bases, { otherKey: await outsider(), donors: bases.map((b) => b.credential) });
});
