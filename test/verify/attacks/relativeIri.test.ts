// Relative references ("__proto__", "#me", "constructor") where the graph needs an IRI. Canonicalization
// drops every statement about such a node, so the JSON would show what nothing signs; and jsonld's
// node map keys plain objects by @id, so "__proto__" as an id would write "@id" into Object.prototype
// of the verifying process. Both are refused before anything is canonicalized.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential, isMicrocredError, verifyCredential, type Key } from '../../../src/index.js';
import { NOW, check, unsignedCredential } from '../../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../../helpers/digitalBazaar.js';

let key: Key<'ed25519'>;
let signed: Record<string, unknown>;

beforeAll(async () => {
  key = await generateKey();
  signed = (await issueCredential(unsignedCredential(key), { key, now: NOW })) as unknown as Record<string, unknown>;
});

const ownNames = () => Object.getOwnPropertyNames(Object.prototype).sort().join();

function withValue(path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(signed);
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  Object.defineProperty(parent, path[path.length - 1] as string, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

describe('a relative reference where an IRI belongs', () => {
  const cases: [string[], unknown, string][] = [
    [['issuer'], '__proto__', 'issuer'],
    [['credentialSubject'], '__proto__', 'credentialSubject'],
    [['id'], 'constructor', 'id'],
    [['credentialSubject', 'id'], '#teacher', 'credentialSubject.id'],
    [['credentialSubject', 'achievement', 'id'], 'toString', 'credentialSubject.achievement.id'],
  ];
  for (const [path, value, shownAt] of cases) {
    it(`${path.join('.')} = ${JSON.stringify(value)} fails the jsonld check, names the path and leaves Object.prototype clean`, async () => {
      const before = ownNames();
      const report = await verifyCredential(withValue(path, value), { now: NOW });
      expect(ownNames()).toBe(before);
      expect(report.verified).toBe(false);
      expect(report.authentic).toBe(false);
      const jsonld = check(report, 'jsonld');
      expect(jsonld.outcome).toBe('failed');
      expect(jsonld.problem?.code).toBe('ERR_IRI_RELATIVE');
      expect(jsonld.problem?.path).toBe(shownAt);
      expect(jsonld.problem?.detail).toContain(JSON.stringify(value));
      // Nothing was canonicalized: the signature check did not run.
      expect(check(report, 'signature').outcome).toBe('skipped');
    });
  }

  it('a proof whose verificationMethod is "__proto__" fails its signature check as a key that is not a URL, leaving Object.prototype clean', async () => {
    const before = ownNames();
    const report = await verifyCredential(withValue(['proof', 'verificationMethod'], '__proto__'), { now: NOW });
    expect(ownNames()).toBe(before);
    expect(report.verified).toBe(false);
    expect(check(report, 'signature').problem?.code).toBe('ERR_KEY_INVALID');
  });

  it('an absolute IRI, a DID and a URN in the same places still verify', async () => {
    const report = await verifyCredential(signed, { now: NOW });
    expect(report.verified).toBe(true);
  });

  it('issuing refuses a relative id before signing, naming the field', async () => {
    const draft = unsignedCredential(key, { evidence: [{ id: '__proto__', type: ['Evidence'], name: 'Lesson plan' }] });
    const before = ownNames();
    const error = await issueCredential(draft, { key, now: NOW }).catch((e: unknown) => e);
    expect(ownNames()).toBe(before);
    expect(isMicrocredError(error, 'ERR_IRI_RELATIVE')).toBe(true);
    if (isMicrocredError(error, 'ERR_IRI_RELATIVE')) {
      expect(error.details.path).toBe('evidence[0].id');
      expect(error.details.iri).toBe('__proto__');
    }
  });
});

describe('a JSON literal is not a relative reference', () => {
  it('a VC 2.0 JsonSchemaCredential (its jsonSchema is an @json literal) verifies: no ERR_IRI_RELATIVE', async () => {
    const pair = await digitalBazaarKeyPair();
    const credential = await signWithDigitalBazaar(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: 'https://schemas.example.org/teacher-badge',
        type: ['VerifiableCredential', 'JsonSchemaCredential'],
        issuer: pair.controller,
        validFrom: '2026-01-01T00:00:00Z',
        credentialSchema: {
          id: 'https://www.w3.org/ns/credentials/json-schema/v2.json',
          type: 'JsonSchema',
          digestSRI: 'sha384-S57yQDg1MTzF56Oi9DbSQ14u7jBy0RDdx0YbeV7shwhCS88G8SCXeFq82PafhCrW',
        },
        credentialSubject: {
          id: 'https://schemas.example.org/teacher-badge#schema',
          type: 'JsonSchema',
          jsonSchema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', required: ['name'] },
        },
      },
      pair,
    );
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'jsonld').outcome).toBe('passed');
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(report.authentic).toBe(true);
    // The literal is signed: changing it breaks the signature.
    const changed = structuredClone(credential);
    ((changed.credentialSubject as Record<string, unknown>).jsonSchema as Record<string, unknown>).required = ['id'];
    expect(check(await verifyCredential(changed, { now: NOW }), 'signature').outcome).toBe('failed');
  });
});
