// Ed25519Signature2018, the legacy suite still in circulation (a detached JWS over the RDF dataset):
// credentials signed here with the plain Digital Bazaar packages for it verify under did:key; a
// changed name, another key and an expired badge are told apart. microcred verifies it, never issues it.
import { describe, expect, it } from 'vitest';
import { Ed25519Signature2018 } from '@digitalbazaar/ed25519-signature-2018';
import { Ed25519VerificationKey2018 } from '@digitalbazaar/ed25519-verification-key-2018';
import { verifyCredential } from '../../../src/index.js';
import { check, NOW } from '../../helpers/credential.js';
import { DIGITAL_BAZAAR_SIGNED_AT, issueWithPlainStack } from './plainStack.js';
import { withUnreducedS } from './jwsSigner.js';

/** A 2018 key named by its did:key (the key's fingerprint is its z6Mk… multibase value). */
async function legacyKey(): Promise<Ed25519VerificationKey2018> {
  const key = await Ed25519VerificationKey2018.generate();
  key.controller = `did:key:${key.fingerprint()}`;
  key.id = `${key.controller}#${key.fingerprint()}`;
  return key;
}

/** A VC 1.1 Open Badge, as credentials of the 2018 suite's era are. */
function legacyBadge(issuer: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Formative Assessment Practice',
    issuer: { id: issuer, type: ['Profile'], name: 'Example District PD' },
    issuanceDate: '2026-01-15T09:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:teacher-42',
      achievement: {
        id: 'https://pd.example.org/achievements/formative-assessment',
        type: ['Achievement'],
        name: 'Formative Assessment',
        description: 'Uses formative assessment to adjust instruction.',
        criteria: { narrative: 'A reviewed lesson plan and classroom evidence.' },
      },
    },
    ...overrides,
  };
}

const sign = async (doc: Record<string, unknown>, key: Ed25519VerificationKey2018) =>
  issueWithPlainStack(doc, new Ed25519Signature2018({ signer: key.signer(), date: DIGITAL_BAZAAR_SIGNED_AT }));

describe('Ed25519Signature2018', () => {
  it('a credential signed by the plain stack verifies', async () => {
    const key = await legacyKey();
    const signed = await sign(legacyBadge(key.controller), key);
    expect(signed.proof).toMatchObject({ type: 'Ed25519Signature2018', verificationMethod: key.id });
    expect((signed.proof as { jws?: string }).jws).toMatch(/^eyJ[^.]+\.\.[^.]+$/);
    const report = await verifyCredential(signed, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(report).toMatchObject({ verified: true, authentic: true });
  });

  it('a changed name fails the signature (ERR_SIGNATURE_INVALID)', async () => {
    const key = await legacyKey();
    const signed = await sign(legacyBadge(key.controller), key);
    const report = await verifyCredential({ ...signed, name: 'Changed after signing' }, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('the same signature with S + L (not reduced, RFC 8032 §5.1.7) fails, saying so', async () => {
    const key = await legacyKey();
    const signed = await sign(legacyBadge(key.controller), key);
    const proof = signed.proof as { jws: string };
    const report = await verifyCredential(
      { ...signed, proof: { ...proof, jws: withUnreducedS(proof.jws) } },
      { now: NOW },
    );
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
    expect(check(report, 'signature').problem?.detail).toContain('not reduced');
  });

  it('a proof that names another key than the one that signed fails', async () => {
    const [signer, other] = [await legacyKey(), await legacyKey()];
    const signed = await sign(legacyBadge(other.controller), signer);
    const forged = { ...signed, proof: { ...(signed.proof as object), verificationMethod: other.id } };
    const report = await verifyCredential(forged, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('an expired badge is authentic and shown as expired', async () => {
    const key = await legacyKey();
    const signed = await sign(legacyBadge(key.controller, { expirationDate: '2026-03-01T00:00:00Z' }), key);
    const report = await verifyCredential(signed, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
    expect(report).toMatchObject({ authentic: true, verified: false });
  });
});
