// The key must belong to the issuer: a did:key names itself; a did:web key is found only in a DID
// document the caller holds (never fetched), and must be listed there for assertionMethod.
import { describe, expect, it } from 'vitest';
import { DocumentLoader, didWebDocument, generateKey, issueCredential, verifyCredential } from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';

describe('the issuer check', () => {
  it('fails with ERR_ISSUER_MISMATCH when a valid proof was made by a did:key other than the issuer', async () => {
    const issuer = await generateKey();
    const other = await digitalBazaarKeyPair();
    // The plain stack signs whatever issuer it is given; microcred's issueCredential refuses this.
    const credential = await signWithDigitalBazaar(
      { ...clone(unsignedCredential(issuer)), id: 'urn:uuid:0f6c1f0e-2a1d-4a43-8f55-3b2f8f1c9a01' },
      other,
    );
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'issuer')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_ISSUER_MISMATCH', path: 'issuer.id' },
    });
    expect(check(report, 'issuer').problem?.detail).toContain(other.controller);
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  });

  it("accepts a string issuer equal to the signing key's controller", async () => {
    const pair = await digitalBazaarKeyPair();
    const base = unsignedCredential(await generateKey());
    const credential = await signWithDigitalBazaar(
      { ...clone(base), id: 'urn:uuid:0f6c1f0e-2a1d-4a43-8f55-3b2f8f1c9a02', issuer: pair.controller },
      pair,
    );
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'issuer').outcome).toBe('passed');
    expect(report.authentic).toBe(true);
  });
});

describe('did:web keys', () => {
  async function didWebCredential() {
    const key = await generateKey();
    const document = didWebDocument('pd.example.org', [key]);
    const webKey = key.withController(document.id);
    const credential = await issueCredential(unsignedCredential(webKey), { key: webKey, now: NOW });
    return { document, webKey, credential };
  }

  it('could not be checked when the DID document is not held and no fetch is given: ERR_NETWORK_DISABLED, could-not-check', async () => {
    const { credential, webKey } = await didWebCredential();
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_NETWORK_DISABLED', path: 'proof.verificationMethod' },
    });
    expect(check(report, 'signature').problem?.detail).toContain(webKey.id);
    expect(check(report, 'signature').problem?.detail).toContain('https://pd.example.org/.well-known/did.json');
    expect(check(report, 'issuer').outcome).toBe('skipped');
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'could-not-check' });
  });

  it('verifies when the caller holds the DID document', async () => {
    const { credential, document } = await didWebCredential();
    const loader = new DocumentLoader({ documents: { [document.id]: document } });
    const report = await verifyCredential(credential, { loader, now: NOW });
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
  });

  it('fails with ERR_KEY_NOT_AUTHORIZED when the DID document does not list the key for assertionMethod', async () => {
    const { credential, document } = await didWebCredential();
    const loader = new DocumentLoader({ documents: { [document.id]: { ...document, assertionMethod: [] } } });
    const report = await verifyCredential(credential, { loader, now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_KEY_NOT_AUTHORIZED', path: 'proof.verificationMethod' },
    });
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  });

  it('fails with ERR_SIGNATURE_INVALID when the DID document holds a different key under the same id', async () => {
    const { credential, document, webKey } = await didWebCredential();
    const stranger = await generateKey();
    const method = { ...document.verificationMethod[0]!, publicKeyMultibase: stranger.publicKeyMultibase };
    const loader = new DocumentLoader({ documents: { [document.id]: { ...document, verificationMethod: [method] } } });
    expect(method.id).toBe(webKey.id);
    const report = await verifyCredential(credential, { loader, now: NOW });
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
    expect(report.authentic).toBe(false);
  });
});
