import { describe, expect, it } from 'vitest';
import { generateKey, issueCredential, verifyCredential } from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';

describe('status check', () => {
  it('passes when the credential has no credentialStatus', async () => {
    const key = await generateKey();
    const report = await verifyCredential(await issueCredential(unsignedCredential(key), { key, now: NOW }), {
      now: NOW,
    });
    expect(report.checks.find((c) => c.id === 'status')?.outcome).toBe('passed');
    expect(report.verified).toBe(true);
  });

  it('a status entry that was not read is "could not check", never "not revoked"', async () => {
    const key = await generateKey();
    const credential = {
      ...unsignedCredential(key),
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      credentialStatus: {
        id: 'https://status.example/list#7',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '7',
        statusListCredential: 'https://status.example/list',
      },
    };
    const report = await verifyCredential(await issueCredential(credential, { key, now: NOW }), { now: NOW });
    const status = report.checks.find((c) => c.id === 'status');
    expect(status?.outcome).toBe('could-not-check');
    expect(status?.problem?.code).toBe('ERR_STATUS_LIST_UNAVAILABLE');
    expect(status?.problem?.path).toBe('credentialStatus.statusListCredential');
    expect(status?.problem?.detail).toContain('https://status.example/list');
    expect(report.authentic).toBe(true);
    expect(report.verified).toBe(false);
    expect(report.summary).toBe('could-not-check');
  });
});
