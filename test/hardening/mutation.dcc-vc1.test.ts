// Mutation suite, DCC fixtures under VC 1.1: eddsa-rdfc-2022, and proof sets of eddsa-rdfc-2022 with
// Ed25519Signature2020; and the not-yet-valid VC 2.0 one, for balance between the files (see
// mutation.test.ts and mutate.ts).
import { DCC_FIXTURES, dccBase, outsider, specVectorBase } from './corpus.js';
import { defineMutationSuite, jsonLdCases } from './mutationRunner.js';

const NOT_YET_VALID = 'v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-notYetValid.json';
const FILES = [
  ...DCC_FIXTURES['eddsa-rdfc-2022, VC 1.1'],
  ...DCC_FIXTURES['eddsa-rdfc-2022 + Ed25519Signature2020 proof sets, VC 1.1'],
  NOT_YET_VALID,
];

defineMutationSuite(
  'dcc-vc1',
  FILES.map((f) => dccBase(f).name),
  async () => {
    const bases = FILES.map(dccBase);
    return jsonLdCases(bases, {
      otherKey: await outsider(),
      donors: [...bases, specVectorBase()].map((b) => b.credential),
    });
  },
);
