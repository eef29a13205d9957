// The one-pass canonicalization (src/proofs/onePass): which path the suites take, that the library
// still decides, that a document changed after its expansion is canonicalized as it now is, and
// that issued proofs are the plain pipeline's, byte for byte.
import { describe, expect, it } from 'vitest';
import jsigs from 'jsonld-signatures';
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { DocumentLoader, generateKey, importKey, issueCredential, verifyCredential } from '../../src/index.js';
import type { Key, UnsignedCredential } from '../../src/index.js';
import { bundledContexts } from '../../src/contexts/bundled.js';
import { expandInSafeMode } from '../../src/contexts/undefinedTerms.js';
import { eddsaRdfc2022Signing, eddsaRdfc2022Verifying } from '../../src/proofs/eddsaRdfc2022.js';
import { preparedCredential } from '../../src/issue/preflight.js';
import { ed25519Signature2020Verifying } from '../../src/proofs/ed25519Signature2020.js';
import { reuseExpansion, type CanonizeEvent } from '../../src/proofs/onePass/reuseExpansion.js';
import { isBundledOnly } from '../../src/proofs/onePass/bundledOnly.js';
import { PROOF_IRI, type Expansion } from '../../src/proofs/onePass/documentGraph.js';
import { NOW, clone, unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarLoader, digitalBazaarSuite } from '../helpers/digitalBazaar.js';

type Json = Record<string, unknown>;
type SuiteName = 'eddsa-rdfc-2022' | 'Ed25519Signature2020';
const loader = new DocumentLoader();

function verifyingSuite(name: SuiteName): unknown {
  return name === 'eddsa-rdfc-2022' ? eddsaRdfc2022Verifying() : ed25519Signature2020Verifying();
}

async function expansionOf(document: Json): Promise<Expansion> {
  const { expanded } = await expandInSafeMode(document, loader);
  return { document: { ...document }, expanded };
}

/** jsigs.verify as the signature check calls it, with the suite reusing `expansion`; the paths it took. */
async function verifyWith(document: Json, name: SuiteName, expansion?: Expansion) {
  const events: CanonizeEvent[] = [];
  const suite = reuseExpansion(verifyingSuite(name), expansion, (e) => events.push(e));
  const result = await jsigs.verify(document, {
    suite,
    purpose: new jsigs.purposes.AssertionProofPurpose({ date: NOW }),
    documentLoader: loader.load,
  });
  return { verified: result.verified, events };
}

async function signed(key: Key, name: SuiteName, overrides: Json = {}): Promise<Json> {
  return (await issueCredential(unsignedCredential(key, overrides) as UnsignedCredential, {
    key,
    now: NOW,
    suite: name,
  })) as unknown as Json;
}

describe('verifying from the one expansion', () => {
  for (const name of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
    it(`${name}: the document and the proof options both skip expansion, and the signature verifies`, async () => {
      const key = await generateKey();
      const document = await signed(key, name);
      const { verified, events } = await verifyWith(document, name, await expansionOf(document));
      expect(verified).toBe(true);
      expect(events).toEqual([
        { input: 'document', path: 'one-pass' },
        { input: 'proof-options', path: 'one-pass' },
      ]);
    });

    it(`${name}: a value changed after signing fails on the one-pass path as on the library's`, async () => {
      const key = await generateKey();
      const document = clone(await signed(key, name));
      (document.credentialSubject as Json).id = 'did:example:someone-else';
      const fast = await verifyWith(document, name, await expansionOf(document));
      expect(fast.events[0]).toEqual({ input: 'document', path: 'one-pass' });
      expect(fast.verified).toBe(false);
      expect((await verifyWith(document, name)).verified).toBe(false);
    });
  }

  it('a document changed after it was expanded is canonicalized as it is now (the library path)', async () => {
    const key = await generateKey();
    const document = clone(await signed(key, 'eddsa-rdfc-2022'));
    const original = await expansionOf(document);
    // The expansion says one name, the document now another: the proof covers the original name, so
    // reusing the stale expansion would wrongly verify. A replaced member is noticed.
    const changed = { ...document, name: 'Something else' };
    const replaced = await verifyWith(changed, 'eddsa-rdfc-2022', original);
    expect(replaced.events[0]).toEqual({ input: 'other', path: 'library', fallback: 'not-templated' });
    expect(replaced.verified).toBe(false);
    // So is an added one.
    const added = await verifyWith({ ...document, description: 'added' }, 'eddsa-rdfc-2022', original);
    expect(added.events[0]?.path).toBe('library');
    expect(added.verified).toBe(false);
  });

  it('a credential with two proofs goes the library way, and still verifies', async () => {
    const key = await generateKey();
    const document = await signed(key, 'eddsa-rdfc-2022');
    const second = await signed(key, 'eddsa-rdfc-2022');
    const both = { ...document, proof: [document.proof, second.proof] };
    const { verified, events } = await verifyWith(both, 'eddsa-rdfc-2022', await expansionOf(both));
    expect(verified).toBe(true);
    expect(events.filter((e) => e.input === 'document')).toEqual([
      { input: 'document', path: 'library', fallback: 'not-one-proof' },
    ]);
  });

  it('the whole verifier still reports a verified credential, and a tampered one as ERR_SIGNATURE_INVALID', async () => {
    const key = await generateKey();
    for (const name of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
      const document = await signed(key, name);
      expect(await verifyCredential(document, { now: NOW })).toMatchObject({ verified: true, summary: 'verified' });
      const tampered = clone(document);
      tampered.name = 'Forged';
      const report = await verifyCredential(tampered, { now: NOW });
      expect(report.checks.find((c) => c.id === 'signature')).toMatchObject({
        outcome: 'failed',
        problem: { code: 'ERR_SIGNATURE_INVALID' },
      });
    }
  });
});

describe('what the one-pass path relies on', () => {
  it('in every bundled context, only the term "proof" means the proof property', () => {
    const meaning = new Set([PROOF_IRI, 'sec:proof']);
    const found: string[] = [];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (typeof value !== 'object' || value === null) return;
      for (const [term, definition] of Object.entries(value)) {
        const id = typeof definition === 'string' ? definition : (definition as { '@id'?: unknown } | null)?.['@id'];
        if (!term.startsWith('@') && typeof id === 'string' && meaning.has(id)) found.push(term);
        visit(definition);
      }
    };
    for (const document of bundledContexts().values()) visit(document);
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found)).toEqual(new Set(['proof']));
  });

  it("jsonld-signatures' own copies of the security contexts never count as bundled", () => {
    expect(isBundledOnly(['https://w3id.org/security/v2'])).toBe(false);
    expect(isBundledOnly(['https://w3id.org/security/v1'])).toBe(false);
    expect(isBundledOnly(['https://www.w3.org/ns/credentials/v2'])).toBe(true);
    expect(isBundledOnly(['https://www.w3.org/ns/credentials/v2', { '@vocab': 'https://example.org/#' }])).toBe(false);
  });

  it('the expansion the verifier keeps is not changed by canonicalizing from it', async () => {
    const key = await generateKey();
    const document = await signed(key, 'eddsa-rdfc-2022');
    const expansion = await expansionOf(document);
    const before = JSON.stringify(expansion.expanded);
    await verifyWith(document, 'eddsa-rdfc-2022', expansion);
    expect(JSON.stringify(expansion.expanded)).toBe(before);
  });
});

describe('issuing from the one expansion', () => {
  it("the preflight's expansion (no proof yet) serves the document, and the proof options their template", async () => {
    const key = await generateKey();
    const {
      doc,
      loader: held,
      expansion,
    } = await preparedCredential(unsignedCredential(key), {
      issuerId: key.controller,
      now: NOW,
      loader: undefined,
    });
    const events: CanonizeEvent[] = [];
    const suite = reuseExpansion(eddsaRdfc2022Signing(key.signer(), '2026-01-15T09:00:00Z'), expansion, (e) =>
      events.push(e),
    );
    const issued = await vc.issue({ credential: doc, suite, documentLoader: held.load });
    expect(events).toEqual([
      { input: 'document', path: 'one-pass' },
      { input: 'proof-options', path: 'one-pass' },
    ]);
    expect(await verifyCredential(issued, { now: NOW })).toMatchObject({ verified: true });
  });

  it('the status entries a status source adds after the preflight are expanded alone and joined in (one pass still)', async () => {
    const key = await generateKey();
    const entry = {
      id: 'https://status.example/lists/1#42',
      type: 'BitstringStatusListEntry' as const,
      statusPurpose: 'revocation' as const,
      statusListIndex: '42',
      statusListCredential: 'https://status.example/lists/1',
    };
    const {
      doc,
      loader: held,
      expansion,
    } = await preparedCredential(unsignedCredential(key), {
      issuerId: key.controller,
      now: NOW,
      loader: undefined,
      status: { entriesFor: async () => [entry] },
    });
    expect(doc.credentialStatus).toEqual(entry);
    expect(JSON.stringify(expansion?.expanded)).toContain('https://www.w3.org/2018/credentials#credentialStatus');
    const events: CanonizeEvent[] = [];
    const suite = reuseExpansion(eddsaRdfc2022Signing(key.signer(), '2026-01-15T09:00:00Z'), expansion, (e) =>
      events.push(e),
    );
    const issued = (await vc.issue({ credential: doc, suite, documentLoader: held.load })) as Json;
    expect(events[0]).toEqual({ input: 'document', path: 'one-pass' });
    // The plain suite, expanding the whole credential itself, accepts the proof.
    const plain = await jsigs.verify(issued, {
      suite: eddsaRdfc2022Verifying(),
      purpose: new jsigs.purposes.AssertionProofPurpose({ date: NOW }),
      documentLoader: loader.load,
    });
    expect(plain.verified).toBe(true);
  });

  it('a credentialStatus added after the preflight takes the library path (the expansion does not hold it)', async () => {
    const key = await generateKey();
    const { doc, expansion } = await preparedCredential(unsignedCredential(key), {
      issuerId: key.controller,
      now: NOW,
      loader: undefined,
    });
    doc.credentialStatus = {
      id: 'https://status.example/1#5',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '5',
      statusListCredential: 'https://status.example/1',
    };
    const events: CanonizeEvent[] = [];
    const suite = reuseExpansion(eddsaRdfc2022Signing(key.signer(), '2026-01-15T09:00:00Z'), expansion, (e) =>
      events.push(e),
    );
    await vc.issue({ credential: doc, suite, documentLoader: loader.load });
    expect(events[0]).toEqual({ input: 'other', path: 'library', fallback: 'not-templated' });
  });

  it('makes the proofs the plain Digital Bazaar pipeline makes, byte for byte, with both suites', async () => {
    const pair = await Ed25519Multikey.generate();
    const controller = `did:key:${pair.publicKeyMultibase}`;
    pair.id = `${controller}#${pair.publicKeyMultibase}`;
    pair.controller = controller;
    const exported = await pair.export({ publicKey: true, secretKey: true, includeContext: true });
    const key = await importKey(exported);
    const created = new Date('2026-01-15T09:00:00Z');
    const draft = unsignedCredential(key, { id: 'urn:uuid:1c7e1a36-5a0e-4c0b-8d6e-0a6f0b4e2a11' });

    const ours = (await issueCredential(draft as UnsignedCredential, { key, now: created })) as unknown as Json;
    const theirs = await vc.issue({
      credential: clone(draft),
      suite: digitalBazaarSuite(pair.signer(), '2026-01-15T09:00:00Z'),
      documentLoader: digitalBazaarLoader(),
    });
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));

    const ours2020 = (await issueCredential(draft as UnsignedCredential, {
      key,
      now: created,
      suite: 'Ed25519Signature2020',
    })) as unknown as Json;
    const withContext = clone(draft);
    withContext['@context'] = [...(draft['@context'] as string[]), 'https://w3id.org/security/suites/ed25519-2020/v1'];
    const theirs2020 = await vc.issue({
      credential: withContext,
      suite: new Ed25519Signature2020({ signer: pair.signer(), date: '2026-01-15T09:00:00Z' }),
      documentLoader: digitalBazaarLoader(),
    });
    expect(JSON.stringify(ours2020)).toBe(JSON.stringify(theirs2020));
    expect((ours.proof as Json).proofValue).not.toBe((ours2020.proof as Json).proofValue);
  });
});
