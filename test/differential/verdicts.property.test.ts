// Verdicts do not depend on the path: genuinely signed credentials, then changed in the ways an
// attacker or a careless tool changes them, verify (or not) the same with the suites reusing the
// verifier's expansion as with the plain suites, for both Data Integrity suites.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import jsigs from 'jsonld-signatures';
import { DocumentLoader, generateKey, issueCredential } from '../../src/index.js';
import type { Key, UnsignedCredential } from '../../src/index.js';
import { expandInSafeMode } from '../../src/contexts/undefinedTerms.js';
import { eddsaRdfc2022Verifying } from '../../src/proofs/eddsaRdfc2022.js';
import { ed25519Signature2020Verifying } from '../../src/proofs/ed25519Signature2020.js';
import { reuseExpansion, type CanonizeEvent } from '../../src/proofs/onePass/reuseExpansion.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';

type Json = Record<string, unknown>;
type SuiteName = 'eddsa-rdfc-2022' | 'Ed25519Signature2020';
const RUNS = Number(process.env.MICROCRED_VERDICT_RUNS ?? 300);
const loader = new DocumentLoader();

/** One change to a signed credential; `undefined` from `apply` when it does not apply to this one. */
type Mutation = [string, (doc: Json, other: Json) => void];

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', 'Ω', '\n'));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>(['none', () => {}]),
  text.map<Mutation>((t) => ['name', (doc) => void (doc.name = t)]),
  text.map<Mutation>((t) => ['achievement name', (doc) => void (achievement(doc).name = t)]),
  fc.constant<Mutation>(['subject id', (doc) => void (subject(doc).id = 'did:example:someone-else')]),
  text.map<Mutation>((t) => ['added description', (doc) => void (doc.description = t)]),
  fc.constant<Mutation>(['removed validFrom', (doc) => void delete doc.validFrom]),
  fc.constant<Mutation>(['validFrom moved', (doc) => void (doc.validFrom = '2020-01-01T00:00:00Z')]),
  fc.constant<Mutation>([
    'type as IRI',
    (doc) =>
      void (doc.type = [
        'VerifiableCredential',
        'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential',
      ]),
  ]),
  fc.constant<Mutation>(['proof created', (doc) => void (proof(doc).created = '2026-01-16T09:00:00Z')]),
  fc.constant<Mutation>(['proof purpose', (doc) => void (proof(doc).proofPurpose = 'authentication')]),
  fc.nat({ max: 40 }).map<Mutation>((i) => [
    'proofValue character',
    (doc) => {
      const value = proof(doc).proofValue as string;
      const at = 1 + (i % (value.length - 1));
      proof(doc).proofValue = value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1);
    },
  ]),
  fc.constant<Mutation>(['proof from another credential', (doc, other) => void (doc.proof = other.proof)]),
  fc.constant<Mutation>(['proof as array of one', (doc) => void (doc.proof = [doc.proof])]),
  fc.constant<Mutation>(['two proofs', (doc, other) => void (doc.proof = [doc.proof, other.proof])]),
  fc.constant<Mutation>([
    'inline context aliasing name',
    (doc) => void (doc['@context'] = [...(doc['@context'] as unknown[]), { title: 'https://schema.org/name' }]),
  ]),
  fc.constant<Mutation>(['member as IRI', (doc) => void (doc['https://schema.org/name'] = doc.name)]),
  fc.constant<Mutation>(['nested proof moved', (doc) => void (subject(doc).proof = doc.proof)]),
  fc.constant<Mutation>([
    'context order',
    (doc) => void (doc['@context'] = [...(doc['@context'] as unknown[])].reverse()),
  ]),
  fc.constant<Mutation>(['blank achievement', (doc) => void delete achievement(doc).id]),
);

function subject(doc: Json): Json {
  return doc.credentialSubject as Json;
}
function achievement(doc: Json): Json {
  return subject(doc).achievement as Json;
}
function proof(doc: Json): Json {
  return [doc.proof].flat()[0] as Json;
}

const signed = new Map<SuiteName, [Json, Json]>();
let key: Key;

beforeAll(async () => {
  key = await generateKey();
  for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
    const sign = async (name: string) =>
      (await issueCredential(unsignedCredential(key, { name }) as UnsignedCredential, {
        key,
        now: NOW,
        suite,
      })) as unknown as Json;
    signed.set(suite, [await sign('First'), await sign('Second')]);
  }
});

async function verdict(document: Json, name: SuiteName, reuse: boolean) {
  const events: CanonizeEvent[] = [];
  let expansion;
  if (reuse) {
    const { expanded } = await expandInSafeMode(document, loader);
    expansion = { document: { ...document }, expanded };
  }
  const plain = name === 'eddsa-rdfc-2022' ? eddsaRdfc2022Verifying() : ed25519Signature2020Verifying();
  const suite = reuse ? reuseExpansion(plain, expansion, (e) => events.push(e)) : plain;
  const result: { verified: boolean; error?: unknown; results?: { verified: boolean; error?: unknown }[] } =
    (await jsigs.verify(document, {
      suite,
      purpose: new jsigs.purposes.AssertionProofPurpose({ date: NOW }),
      documentLoader: loader.load,
    })) as unknown as { verified: boolean; error?: unknown; results?: { verified: boolean; error?: unknown }[] };
  const errors = [result.error, ...(result.results ?? []).map((r: { error?: unknown }) => r.error)]
    .flat()
    .filter(Boolean)
    .map((e) => `${(e as Error).name}: ${(e as Error).message}`);
  return {
    verified: result.verified,
    results: (result.results ?? []).map((r: { verified: boolean }) => r.verified),
    errors,
    events,
  };
}

const tally = new Map<string, number>();

describe('verdicts on the one-pass path', () => {
  it(`are the plain suites' on signed and changed credentials (${RUNS} cases, both suites)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<SuiteName>('eddsa-rdfc-2022', 'Ed25519Signature2020'),
        mutation,
        async (name, [label, change]) => {
          const [first, second] = signed.get(name)!;
          const document = structuredClone(first);
          change(document, structuredClone(second));
          let fast;
          try {
            fast = await verdict(document, name, true);
          } catch {
            // The jsonld check refuses this document before any signature is checked.
            tally.set('refused before signing', (tally.get('refused before signing') ?? 0) + 1);
            return;
          }
          const plain = await verdict(document, name, false);
          expect({ ...fast, events: undefined }).toEqual({ ...plain, events: undefined });
          const path = fast.events.find((e) => e.input === 'document')?.path ?? 'library';
          const key = `${label}: ${fast.verified ? 'verified' : 'refused'} (${path})`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
          if (label === 'none') expect(fast).toMatchObject({ verified: true });
        },
      ),
      { numRuns: RUNS },
    );
    console.log(
      [...tally]
        .sort()
        .map(([k, v]) => `${v} ${k}`)
        .join('\n'),
    );
    const keys = [...tally.keys()];
    expect(keys.some((k) => k.includes('verified (one-pass)'))).toBe(true);
    expect(keys.some((k) => k.includes('refused (one-pass)'))).toBe(true);
  }, 600_000);
});
