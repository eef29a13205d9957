// What verifyCredential is given as it comes: an upload's bytes of JSON or JWT text, a VC-JWT whose
// payload uses a term no context defines, and a credential whose proof could not be checked.
import { beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, importJWK } from 'jose';
import {
  bakeCredential,
  exportKey,
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
} from '../../src/index.js';
import { NOW, check, unsignedCredential } from '../helpers/credential.js';
import { badgePng } from '../bake/helpers.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';
import { expected, verifyRow } from '../interop/fixturesWalk.js';

let key: Key;
let signed: Record<string, unknown>;
let jwt: string;

beforeAll(async () => {
  key = await generateKey();
  signed = (await issueCredential(unsignedCredential(key), { key, now: NOW })) as unknown as Record<string, unknown>;
  jwt = await issueCredential(unsignedCredential(key), { key, now: NOW, format: 'jwt' });
});

describe('bytes of JSON or JWT text are read as text, not as an image', () => {
  const asBytes = {
    Buffer: (text: string) => Buffer.from(text),
    Uint8Array: (text: string) => new TextEncoder().encode(text),
    ArrayBuffer: (text: string) => {
      const bytes = new TextEncoder().encode(text);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    },
  };
  for (const [kind, encode] of Object.entries(asBytes)) {
    it(`a JSON credential as a ${kind} verifies, with no extract check`, async () => {
      const report = await verifyCredential(encode(JSON.stringify(signed)), { now: NOW });
      expect(report.checks.map((c) => c.id)).not.toContain('extract');
      expect(report).toMatchObject({ verified: true, format: 'json-ld' });
      expect(report.image).toBeUndefined();
    });

    it(`a VC-JWT as a ${kind} verifies`, async () => {
      const report = await verifyCredential(encode(`${jwt}\n`), { now: NOW });
      expect(report).toMatchObject({ verified: true, format: 'vc-jwt' });
    });
  }

  it('JSON text with a byte-order mark, as bytes, verifies', async () => {
    const report = await verifyCredential(Buffer.from(`\uFEFF${JSON.stringify(signed)}`), { now: NOW });
    expect(report.verified).toBe(true);
  });

  it('bytes of text that is neither JSON nor a JWT are "not JSON", not an invalid image', async () => {
    const report = await verifyCredential(Buffer.from('hello, badge'), { now: NOW });
    expect(check(report, 'parse').problem?.code).toBe('ERR_INPUT_NOT_JSON');
    expect(report.checks.map((c) => c.id)).not.toContain('extract');
  });

  it('a baked PNG is still read as an image', async () => {
    const png = await bakeCredential(badgePng(), signed as never);
    const report = await verifyCredential(Buffer.from(png), { now: NOW });
    expect(report).toMatchObject({ verified: true, image: 'png' });
  });

  it('bytes with control characters are binary: looked at as an image, and refused as one', async () => {
    const report = await verifyCredential(Uint8Array.from([0x7b, 0x01, 0x02, 0x7d]), { now: NOW });
    expect(check(report, 'extract').problem?.code).toBe('ERR_IMAGE_INVALID');
  });

  it('binary bytes that are not UTF-8 are still looked at as an image, and refused as one', async () => {
    const report = await verifyCredential(new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0x90]), { now: NOW });
    expect(check(report, 'extract').outcome).toBe('failed');
    expect(report.verified).toBe(false);
  });
});

describe('a VC-JWT whose payload uses a term no context defines', () => {
  async function jwtWith(extra: Record<string, unknown>): Promise<string> {
    const jwk = (await exportKey(key, { format: 'jwk', includeSecret: true })) as Record<string, unknown>;
    const { proof: _proof, ...credential } = signed;
    return new SignJWT({ ...credential, ...extra })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.id })
      .setIssuer(key.controller as string)
      .setJti(credential.id as string)
      .setSubject('did:example:teacher-42')
      .setNotBefore(Math.floor(Date.parse(credential.validFrom as string) / 1000))
      .sign(await importJWK({ ...jwk, alg: 'EdDSA' } as never, 'EdDSA'));
  }

  it('still has its signature, issuer and dates checked; the term is a warning that does not speak of a graph', async () => {
    const report = await verifyCredential(await jwtWith({ favouriteColour: 'teal' }), { now: NOW });
    const jsonld = check(report, 'jsonld');
    expect(jsonld).toMatchObject({
      outcome: 'warning',
      problem: { code: 'ERR_TERM_UNDEFINED', path: 'favouriteColour' },
    });
    expect(jsonld.problem?.detail).not.toMatch(/part of what was signed/);
    expect(jsonld.problem?.detail).toMatch(/signature covers the token's bytes/);
    for (const id of ['signature', 'issuer', 'claims', 'validity'] as const)
      expect(check(report, id).outcome).toBe('passed');
    expect(report.credential?.name).toBe('Formative Assessment Practice');
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified-with-warnings' });
  });

  it('a changed JWT with an undefined term still fails its signature', async () => {
    const token = await jwtWith({ favouriteColour: 'teal' });
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    payload.name = 'Something Else';
    const report = await verifyCredential(`${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`, {
      now: NOW,
    });
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
    expect(report.verified).toBe(false);
  });

  it('in a JSON-LD credential an undefined term still fails: its meaning is not part of what was signed', async () => {
    const report = await verifyCredential({ ...signed, favouriteColour: 'teal' }, { now: NOW });
    expect(check(report, 'jsonld')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_TERM_UNDEFINED' } });
    expect(check(report, 'jsonld').problem?.detail).toMatch(/not part of what was signed/);
  });
});

describe('the dates of a credential whose proof could not be checked', () => {
  const DID_WEB = 'did:web:pd.example.org';

  async function issuedBy(webKey: Key, dates: Record<string, string>) {
    return issueCredential(unsignedCredential(webKey, dates), { key: webKey, now: NOW });
  }

  it('an expired credential whose issuer key is out of reach is reported as expired, for information', async () => {
    const webKey = await generateKey({ controller: DID_WEB });
    const credential = await issuedBy(webKey, {
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: '2025-12-31T00:00:00Z',
    });
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('could-not-check');
    const validity = check(report, 'validity');
    expect(validity).toMatchObject({ outcome: 'warning', problem: { code: 'ERR_EXPIRED', path: 'validUntil' } });
    expect(validity.problem?.detail).toMatch(/For information only/);
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'could-not-check' });
  });

  it('a credential not yet valid is reported so', async () => {
    const webKey = await generateKey({ controller: DID_WEB });
    const credential = await issuedBy(webKey, { validFrom: '2027-01-01T00:00:00Z' });
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'validity')).toMatchObject({ outcome: 'warning', problem: { code: 'ERR_NOT_YET_VALID' } });
  });

  it('dates that hold are reported as passed; the credential is still not verified', async () => {
    const webKey = await generateKey({ controller: DID_WEB });
    const report = await verifyCredential(await issuedBy(webKey, {}), { now: NOW });
    expect(check(report, 'validity').outcome).toBe('passed');
    expect(report.verified).toBe(false);
  });

  it('after a signature that failed, the dates are skipped: a forgery is not described', async () => {
    const expired = await issueCredential(
      unsignedCredential(key, { validFrom: '2025-01-01T00:00:00Z', validUntil: '2025-12-31T00:00:00Z' }),
      { key, now: NOW },
    );
    const report = await verifyCredential({ ...expired, name: 'Forged' }, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('failed');
    expect(check(report, 'validity').outcome).toBe('skipped');
  });
});

describe('a credential that is not an Open Badge', () => {
  // microcred issues Open Badges only: a plain VC is signed here with the plain Digital Bazaar stack.
  async function plainVc(change: (doc: Record<string, unknown>) => void = () => {}) {
    const pair = await digitalBazaarKeyPair();
    const doc: Record<string, unknown> = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:6f1c1a52-8c1e-4f7e-9d4a-0c2b3a4d5e6f',
      type: ['VerifiableCredential'],
      issuer: pair.controller,
      validFrom: '2026-01-15T09:00:00Z',
      credentialSubject: { id: 'did:example:teacher-42' },
    };
    change(doc);
    return { pair, credential: await signWithDigitalBazaar(doc, pair) };
  }

  it('has its proof, issuer and dates checked: an expired plain VC is authentic and reported expired', async () => {
    const { credential } = await plainVc((doc) => (doc.validUntil = '2026-03-01T00:00:00Z'));
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'type')).toMatchObject({ outcome: 'warning', problem: { code: 'ERR_NOT_OPEN_BADGE' } });
    for (const id of ['signature', 'issuer'] as const) expect(check(report, id).outcome).toBe('passed');
    expect(check(report, 'validity')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_EXPIRED' } });
    expect(report).toMatchObject({ authentic: true, verified: false });
  });

  it('a plain VC naming an issuer other than its signer fails the issuer check', async () => {
    const { credential } = await plainVc((doc) => (doc.issuer = 'did:example:someone-else'));
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'issuer').problem?.code).toBe('ERR_ISSUER_MISMATCH');
    expect(report.verified).toBe(false);
  });

  it('a plain VC changed after signing fails its signature', async () => {
    const { credential } = await plainVc();
    const changed = { ...credential, credentialSubject: { id: 'did:example:someone-else' } };
    const report = await verifyCredential(changed, { now: NOW });
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
  });
});

describe('a CLR 2.0 credential (the 1EdTech test vector)', () => {
  it('is authentic: proof, issuer and dates verified, its subject read under the CLR vocabulary, its type a CLR', async () => {
    const row = expected.rows.find((r) => r.path === 'spec/test-vectors/clrv2p0/signed-credential.json');
    const report = await verifyRow(row!);
    // A ClrCredential bundles Open Badges: microcred reads it as a record, not as a stranger.
    for (const id of ['type', 'jsonld', 'view', 'signature', 'issuer', 'validity'] as const)
      expect(check(report, id).outcome).toBe('passed');
    expect(report.authentic).toBe(true);
    expect(report.credential).toMatchObject({ name: 'Sample Transcript' });
    expect(report.credential?.achievement).toBeUndefined();
  });
});
