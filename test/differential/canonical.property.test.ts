// Proof that the one-pass canonical form is the library's: for generated credentials, the canonical
// N-Quads the suites get from the verifier's own expansion (src/proofs/onePass) are byte-equal to
// jsonld.canonize of the credential without its proof, and the test says which path each took.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { DocumentLoader } from '../../src/index.js';
import { expandInSafeMode } from '../../src/contexts/undefinedTerms.js';
import { eddsaRdfc2022Verifying } from '../../src/proofs/eddsaRdfc2022.js';
import { reuseExpansion, type CanonizeEvent } from '../../src/proofs/onePass/reuseExpansion.js';
import { withAddedMember } from '../../src/proofs/onePass/addedMember.js';
import type { Expansion } from '../../src/proofs/onePass/documentGraph.js';
import { anyCredential, type Generated } from './credentials.js';

// 2,000 by default: each case is two generic JSON-LD expansions (the verifier's and the reference's),
// about 17 ms of CPU for a 50-statement credential, so 10,000 take about three minutes of one core
// (far more on a shared machine). MICROCRED_DIFFERENTIAL_RUNS=10000 runs the full count.
const RUNS = Number(process.env.MICROCRED_DIFFERENTIAL_RUNS ?? 2_000);
const loader = new DocumentLoader();
// What the eddsa-rdfc-2022 cryptosuite asks of jsonld (its canonize.js), as jsonld.canonize options.
const LIBRARY_OPTIONS = {
  algorithm: 'RDFC-1.0',
  format: 'application/n-quads',
  base: null,
  safe: true,
  rdfDirection: 'i18n-datatype',
  documentLoader: loader.load,
} as const;

type Outcome = { nquads: string } | { error: string };

async function outcome(run: () => Promise<string>): Promise<Outcome> {
  try {
    return { nquads: await run() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

function withoutProof(document: Record<string, unknown>): Record<string, unknown> {
  const { proof: _proof, ...rest } = document;
  return rest;
}

/** How each generated case went, for the closing assertions. */
const tally = {
  cases: 0,
  onePass: 0,
  issuing: 0,
  withStatus: 0,
  fallback: 0,
  refusedBeforeSigning: 0,
  statements: 0,
  byReason: new Map<string, number>(),
};

// Verifying expands the credential with its proof; issuing expands it before it has one.
// Issuing with a status source adds credentialStatus after the preflight's expansion.
type Stage = 'verify' | 'issue' | 'issue-with-status';
const STATUS_ENTRY = {
  id: 'https://status.example/lists/1#42',
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex: '42',
  statusListCredential: 'https://status.example/lists/1',
};
const PROOF_ONLY: readonly string[] = ['several-proofs', 'previous-proof'];

async function compare({ document: generated, unusual: change }: Generated, stage: Stage): Promise<void> {
  tally.cases++;
  const { credentialStatus, ...unsigned } = withoutProof(generated);
  const document = stage === 'verify' ? generated : stage === 'issue' ? withoutProof(generated) : unsigned;
  // What makes a credential unusual for its proof does not exist before it has one.
  const unusual = stage !== 'verify' && change !== undefined && PROOF_ONLY.includes(change) ? undefined : change;
  let expansion: Expansion | undefined;
  try {
    const { expanded } = await expandInSafeMode(document, loader);
    expansion = { document: { ...document }, expanded };
  } catch {
    // The jsonld check refuses it (a relative IRI, invalid JSON-LD): no proof is ever canonicalized.
    tally.refusedBeforeSigning++;
    return;
  }
  if (expansion.expanded.length === 0) {
    tally.refusedBeforeSigning++; // an undefined term: the jsonld check fails first
    return;
  }
  let signing = document;
  if (stage === 'issue-with-status') {
    signing = { ...document, credentialStatus: credentialStatus ?? STATUS_ENTRY };
    expansion = await withAddedMember(expansion, signing, 'credentialStatus', loader);
    if (expansion === undefined) {
      // Only where the contexts do not define the entry (VC 1.1 has no BitstringStatusListEntry):
      // the library refuses to sign it too.
      const reference = await outcome(() => jsonld.canonize(withoutProof(signing), { ...LIBRARY_OPTIONS }));
      expect(reference).toMatchObject({ error: expect.stringContaining('Safe mode') });
      tally.refusedBeforeSigning++;
      return;
    }
  }
  const events: CanonizeEvent[] = [];
  const suite = reuseExpansion(eddsaRdfc2022Verifying(), expansion, (e) => events.push(e));
  const input = withoutProof(signing);
  const canonize = (suite as { canonize: (i: unknown, o: unknown) => Promise<string> }).canonize;
  const fast = await outcome(() => canonize(input, { documentLoader: loader.load, base: null, safe: true }));
  const reference = await outcome(() => jsonld.canonize(input, { ...LIBRARY_OPTIONS }));
  expect(fast).toEqual(reference);
  expect(events).toHaveLength(1);
  const [event] = events as [CanonizeEvent];
  if (unusual === undefined) {
    expect(event).toEqual({ input: 'document', path: 'one-pass' });
    tally.onePass++;
    if (stage !== 'verify') tally.issuing++;
    if (stage === 'issue-with-status') tally.withStatus++;
    if ('nquads' in fast) tally.statements += fast.nquads.split('\n').length - 1;
  } else {
    expect(event.path).toBe('library');
    tally.fallback++;
    const reason = `${unusual} -> ${event.fallback}`;
    tally.byReason.set(reason, (tally.byReason.get(reason) ?? 0) + 1);
  }
}

describe('the canonical form from the one expansion', () => {
  it(`equals jsonld.canonize of the credential without its proof, byte for byte (${RUNS} generated credentials)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        anyCredential,
        fc.constantFrom<Stage>('verify', 'verify', 'verify', 'issue', 'issue-with-status'),
        compare,
      ),
      { numRuns: RUNS },
    );
    console.log(
      `differential: ${tally.cases} cases, ${tally.onePass} one-pass (${tally.issuing} of them issuing, ${tally.withStatus} with a status added; ${tally.statements} statements), ` +
        `${tally.fallback} fell back, ${tally.refusedBeforeSigning} refused before signing; ` +
        JSON.stringify(Object.fromEntries(tally.byReason)),
    );
    // The generator must really exercise both paths, not only refusals.
    expect(tally.onePass).toBeGreaterThan(RUNS / 2);
    expect(tally.fallback).toBeGreaterThan(RUNS / 50);
    expect(tally.issuing).toBeGreaterThan(RUNS / 10);
    expect(tally.withStatus).toBeGreaterThan(RUNS / 20);
  }, 600_000);
});
