// Issuing with Ed25519Signature2020, the suite many VC 1.1-era wallets and verifiers expect, next to
// the default eddsa-rdfc-2022: the same Ed25519 key, a proof both microcred and the plain Digital
// Bazaar stack verify, and the suite's context added where it is missing.
import { beforeAll, describe, expect, it } from 'vitest';
import * as vc from '@digitalbazaar/vc';
import {
  DocumentLoader,
  ErrorCode,
  didWebDocument,
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
} from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarEd25519Signature2020Suite, digitalBazaarLoader } from '../helpers/digitalBazaar.js';
import { rejection } from '../helpers/errors.js';

const ED25519_2020 = 'https://w3id.org/security/suites/ed25519-2020/v1';
let key: Key<'ed25519'>;

beforeAll(async () => {
  key = await generateKey();
});

describe('issueCredential with suite Ed25519Signature2020', () => {
  it('signs with an Ed25519Signature2020 proof by the key, adding the suite context after the others', async () => {
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, suite: 'Ed25519Signature2020' });
    expect(signed.proof).toMatchObject({
      type: 'Ed25519Signature2020',
      verificationMethod: key.id,
      proofPurpose: 'assertionMethod',
      created: '2026-06-01T12:00:00Z',
    });
    expect(signed.proof.proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]+$/);
    expect(signed.proof).not.toHaveProperty('cryptosuite');
    expect(signed['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ED25519_2020,
    ]);
  });

  it('verifies in microcred and in @digitalbazaar/vc with its Ed25519Signature2020 suite', async () => {
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, suite: 'Ed25519Signature2020' });
    const ours = await verifyCredential(signed, { now: NOW });
    expect(ours).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
    expect(ours.credential?.proof?.type).toBe('Ed25519Signature2020');

    const theirs = await vc.verifyCredential({
      credential: clone(signed),
      suite: digitalBazaarEd25519Signature2020Suite(),
      documentLoader: digitalBazaarLoader(),
      now: NOW,
    });
    expect(theirs.error).toBeUndefined();
    expect(theirs.verified).toBe(true);
  });

  it('a value changed after signing fails in both verifiers', async () => {
    const signed = clone(
      await issueCredential(unsignedCredential(key), { key, now: NOW, suite: 'Ed25519Signature2020' }),
    );
    signed.credentialSubject.achievement.name = 'Something else';
    expect(check(await verifyCredential(signed, { now: NOW }), 'signature').problem?.code).toBe(
      'ERR_SIGNATURE_INVALID',
    );
    const theirs = await vc.verifyCredential({
      credential: signed,
      suite: digitalBazaarEd25519Signature2020Suite(),
      documentLoader: digitalBazaarLoader(),
      now: NOW,
    });
    expect(theirs.verified).toBe(false);
  });

  it('signs for a did:web key without fetching anything, and verifies once the DID document is held', async () => {
    const web = await generateKey({ controller: 'did:web:pd.example.org' });
    const signed = await issueCredential(unsignedCredential(web), {
      key: web,
      now: NOW,
      suite: 'Ed25519Signature2020',
    });
    expect(signed.proof.verificationMethod).toBe(web.id);
    const loader = new DocumentLoader({ documents: { [web.controller]: didWebDocument('pd.example.org', [web]) } });
    expect(await verifyCredential(signed, { now: NOW, loader })).toMatchObject({ authentic: true, verified: true });
  });

  it('keeps the suite context when the caller already lists it, and leaves the input untouched', async () => {
    const unsigned = unsignedCredential(key, {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ED25519_2020,
      ],
    });
    const before = clone(unsigned);
    const signed = await issueCredential(unsigned, { key, now: NOW, suite: 'Ed25519Signature2020' });
    expect(signed['@context']).toEqual(before['@context']);
    expect(unsigned).toEqual(before);
  });

  it('the default is still eddsa-rdfc-2022, without the Ed25519Signature2020 context', async () => {
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    expect(signed['@context']).not.toContain(ED25519_2020);
    const explicit = await issueCredential(unsignedCredential(key), { key, now: NOW, suite: 'eddsa-rdfc-2022' });
    expect(explicit.proof.cryptosuite).toBe('eddsa-rdfc-2022');
  });

  it('refuses a suite it does not know before signing: ERR_FIELD_INVALID at suite', async () => {
    const error = await rejection(
      issueCredential(unsignedCredential(key), { key, now: NOW, suite: 'bbs-2023' as never }),
      ErrorCode.FIELD_INVALID,
    );
    expect(error.details.path).toBe('suite');
    expect(error.message).toContain('"Ed25519Signature2020"');
  });
});
