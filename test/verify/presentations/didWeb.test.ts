// A holder whose key is published under did:web: resolved from the documents the caller supplies,
// never fetched without consent.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  didWebDocument,
  generateKey,
  issueCredential,
  signPresentation,
  verifyPresentation,
  type Key,
} from '../../../src/index.js';
import { NOW, unsignedCredential } from '../../helpers/credential.js';
import { CHALLENGE, DOMAIN } from './helpers.js';

const HOLDER_DOMAIN = 'teacher.example.net';
let holder: Key;
let didDocument: Record<string, unknown>;
let vp: Record<string, unknown>;

beforeAll(async () => {
  const issuer = await generateKey();
  const plain = await generateKey();
  didDocument = didWebDocument(HOLDER_DOMAIN, [plain]) as unknown as Record<string, unknown>;
  holder = plain.withController(didDocument.id as string);
  const draft = unsignedCredential(issuer);
  (draft.credentialSubject as Record<string, unknown>).id = holder.controller;
  const badge = await issueCredential(draft as never, { key: issuer, now: NOW });
  vp = await signPresentation(
    { verifiableCredential: [badge] },
    { key: holder, challenge: CHALLENGE, domain: DOMAIN, now: NOW },
  );
});

describe('a did:web holder', () => {
  it("verifies when the caller supplies the holder's DID document", async () => {
    const report = await verifyPresentation(vp, {
      challenge: CHALLENGE,
      domain: DOMAIN,
      now: NOW,
      documents: { [didDocument.id as string]: didDocument },
    });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.holder).toBe(`did:web:${HOLDER_DOMAIN}`);
    expect(report.verified).toBe(true);
  });

  it('without the DID document and without fetch, the signature could not be checked: nothing is fetched', async () => {
    const report = await verifyPresentation(vp, { challenge: CHALLENGE, domain: DOMAIN, now: NOW });
    const signature = report.checks.find((c) => c.id === 'signature');
    expect(signature?.outcome).toBe('could-not-check');
    expect(signature?.problem?.detail).toContain(`did:web:${HOLDER_DOMAIN}`);
    expect(report).toMatchObject({ verified: false, summary: 'could-not-check', credentials: [] });
  });

  it('a DID document that lists the key for assertion only does not let it authenticate', async () => {
    const assertionOnly = { ...didDocument, authentication: [] };
    const report = await verifyPresentation(vp, {
      challenge: CHALLENGE,
      domain: DOMAIN,
      now: NOW,
      documents: { [didDocument.id as string]: assertionOnly },
    });
    expect(report.checks.find((c) => c.id === 'signature')?.outcome).toBe('failed');
    expect(report.verified).toBe(false);
  });
});
