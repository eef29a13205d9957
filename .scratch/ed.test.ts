import { it, expect } from 'vitest';
import { generateKey, issueCredential, verifyCredential } from '../src/index.js';
import { NOW, unsignedCredential } from '../test/helpers/credential.js';
it('x', async () => {
  const key = await generateKey();
  const signed = await issueCredential(unsignedCredential(key) as never, { key, now: NOW, suite: 'Ed25519Signature2020' });
  console.log(JSON.stringify(signed.proof), signed['@context']);
  const r = await verifyCredential(signed, { now: NOW });
  console.log(JSON.stringify(r.checks.filter(c => c.outcome !== 'passed')));
  expect(r.verified).toBe(true);
});
