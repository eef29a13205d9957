// Attacks on how the input is read, before any signature: one JSON text that two readers see as two
// credentials. Each attack is built from a genuinely signed credential (microcred's own signer and
// the plain Digital Bazaar stack) and shown beside the credential it was made from.
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  exportKey,
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
  type VerificationReport,
} from '../../../src/index.js';
import { findDuplicateKey } from '../../../src/jsonText.js';
import { NOW, check, unsignedCredential } from '../../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../../helpers/digitalBazaar.js';

let key: Key<'ed25519'>;
let ours: Record<string, unknown>;
let theirs: Record<string, unknown>;

beforeAll(async () => {
  key = await generateKey();
  ours = (await issueCredential(unsignedCredential(key), { key, now: NOW })) as unknown as Record<string, unknown>;
  // The plain stack signs what it is given (here a did:key of its own, VC 2.0, eddsa-rdfc-2022).
  const pair = await digitalBazaarKeyPair();
  theirs = await signWithDigitalBazaar(
    { ...unsignedCredential({ controller: pair.controller }), id: 'urn:uuid:7d3c1e52-1f0b-4c7a-8f3e-2b9a6c5d4e10' },
    pair,
  );
});

/**
 * The JSON text of `credential` with `"name": fake` written just before the achievement's own
 * name. JSON.parse keeps the last value (the signed one), so the signature holds; a reader that
 * keeps the first (many streaming parsers, several languages' JSON libraries) shows the fake.
 */
function withShadowedName(credential: Record<string, unknown>, fake: string, name = 'name'): string {
  const text = JSON.stringify(credential, null, 2);
  const at = text.indexOf('"name": "Formative Assessment"');
  expect(at).toBeGreaterThan(0);
  return `${text.slice(0, at)}${JSON.stringify(name)}: ${JSON.stringify(fake)},\n${text.slice(at)}`;
}

/** The first value a first-wins reader would take for `credentialSubject.achievement.name`. */
function firstWinsName(text: string): string {
  return /"(?:name|n\\u0061me)": "([^"]*)"/.exec(text.slice(text.indexOf('"achievement"')))![1]!;
}

function expectDuplicateRefused(report: VerificationReport, path: string): void {
  expect(check(report, 'parse')).toMatchObject({
    outcome: 'failed',
    problem: { code: 'ERR_INPUT_DUPLICATE_KEY', path },
  });
  expect(check(report, 'parse').problem?.detail).toContain('twice');
  expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  expect(report.credential).toBeUndefined();
  expect(check(report, 'signature').outcome).toBe('skipped');
}

describe('duplicate member names in JSON-LD text', () => {
  it.each([
    ['microcred', () => ours],
    ['the Digital Bazaar stack', () => theirs],
  ])(
    'a credential signed by %s, with a second achievement name before the signed one, is refused',
    async (_by, signed) => {
      const text = withShadowedName(signed(), 'Doctorate in Education');
      // The attack: the last value is the signed one, so JSON.parse sees the genuine credential…
      expect(JSON.parse(text)).toEqual(signed());
      expect(await verifyCredential(JSON.parse(text), { now: NOW })).toMatchObject({ verified: true });
      // …while a first-wins reader shows the fake.
      expect(firstWinsName(text)).toBe('Doctorate in Education');
      // The fix: the text is refused, naming where.
      expectDuplicateRefused(await verifyCredential(text, { now: NOW }), 'credentialSubject.achievement.name');
    },
  );

  it('the same credential as text, without the duplicate, verifies (the baseline)', async () => {
    expect(await verifyCredential(JSON.stringify(ours, null, 2), { now: NOW })).toMatchObject({ verified: true });
  });

  it('a name written with an escape ("n\\u0061me") is the same name', async () => {
    const text = withShadowedName(ours, 'Doctorate in Education', 'n\\u0061me').replace(
      '"n\\\\u0061me"',
      '"n\\u0061me"',
    );
    expect(text).toContain('"n\\u0061me": "Doctorate in Education"');
    expectDuplicateRefused(await verifyCredential(text, { now: NOW }), 'credentialSubject.achievement.name');
  });

  it('a duplicate inside a list names its index, and one in the proof is refused too', async () => {
    const proof = ours.proof as Record<string, unknown>;
    const listed = { ...ours, proof: [proof] };
    const text = JSON.stringify(listed).replace('"proofValue":', `"proofValue":"z111","proofValue":`);
    expectDuplicateRefused(await verifyCredential(text, { now: NOW }), 'proof[0].proofValue');
  });

  it('the same name in two different objects is not a duplicate', async () => {
    // "name" is in the credential, the issuer and the achievement: one each.
    expect(findDuplicateKey(JSON.stringify(ours))).toBeUndefined();
  });
});

describe('duplicate member names in a VC-JWT', () => {
  // The issuer's own key signs the exact header and payload text (jose would re-serialize the header).
  async function signText(header: string, payload: string): Promise<string> {
    const jwk = await exportKey(key, { format: 'jwk', includeSecret: true });
    const privateKey = (await jose.importJWK(jwk as jose.JWK, 'EdDSA')) as jose.CryptoKey;
    const input = `${jose.base64url.encode(header)}.${jose.base64url.encode(payload)}`;
    const signature = await globalThis.crypto.subtle.sign(
      { name: 'Ed25519' },
      privateKey,
      new TextEncoder().encode(input),
    );
    return `${input}.${jose.base64url.encode(new Uint8Array(signature))}`;
  }

  let header: string;
  let payload: string;
  beforeAll(async () => {
    const jwt = await issueCredential(
      unsignedCredential(key, { id: 'urn:uuid:2f0a3c4e-8c1b-4b7e-9a51-6a3f1b2c4d5e' }),
      { key, format: 'jwt', now: NOW },
    );
    const [h, p] = jwt.split('.') as [string, string];
    header = new TextDecoder().decode(jose.base64url.decode(h));
    payload = new TextDecoder().decode(jose.base64url.decode(p));
  });

  it('the token re-signed by hand from its own header and payload text verifies (the baseline)', async () => {
    expect(await verifyCredential(await signText(header, payload), { now: NOW })).toMatchObject({ verified: true });
  });

  it('a signed payload naming the achievement twice is refused, with the path in the payload', async () => {
    const shadowed = payload.replace(
      '"name":"Formative Assessment"',
      '"name":"Doctorate in Education","name":"Formative Assessment"',
    );
    expect(shadowed).not.toBe(payload);
    const report = await verifyCredential(await signText(header, shadowed), { now: NOW });
    expectDuplicateRefused(report, 'payload.credentialSubject.achievement.name');
  });

  it('a signed header naming "alg" twice is refused', async () => {
    const twice = header.replace('{', '{"alg":"none",');
    const report = await verifyCredential(await signText(twice, payload), { now: NOW });
    expectDuplicateRefused(report, 'header.alg');
  });
});

describe('a byte-order mark before JSON text', () => {
  it('is ignored: the signed credential verifies, as RFC 8259 §8.1 allows', async () => {
    expect(await verifyCredential(`\uFEFF${JSON.stringify(ours)}`, { now: NOW })).toMatchObject({ verified: true });
    expect(await verifyCredential(`\uFEFF${JSON.stringify(theirs)}`, { now: NOW })).toMatchObject({ verified: true });
  });

  it('only one, at the start: a second one is not JSON', async () => {
    const report = await verifyCredential(`\uFEFF\uFEFF${JSON.stringify(ours)}`, { now: NOW });
    expect(check(report, 'parse')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_INPUT_NOT_JSON' } });
  });
});

describe('reading for duplicates stays fast', () => {
  it('a 4 MiB credential text is read in well under a second', async () => {
    const items = Array.from({ length: 30_000 }, (_, i) => ({
      id: `urn:example:${i}`,
      name: `Evidence "${i}"`,
      n: i,
      ok: true,
      tags: ['a', 'b\\'],
    }));
    const text = JSON.stringify({ ...ours, evidence: items });
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const started = performance.now();
    expect(findDuplicateKey(text)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
