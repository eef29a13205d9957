// SD-JWT VCs (an issuer-signed JWT, `~`, disclosures, optionally a key-binding JWT) are recognised
// and reported as what they are: could-not-check with ERR_SD_JWT_UNSUPPORTED, not a malformed JWT
// and not a failed signature. Tokens are made here with jose.
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { verifyCredential } from '../../../src/index.js';
import { check, NOW } from '../../helpers/credential.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function issuerJwt(typ: string): Promise<string> {
  const { privateKey } = await jose.generateKeyPair('ES256');
  return new jose.SignJWT({
    iss: 'https://pd.example.org',
    vct: 'https://pd.example.org/credentials/formative-assessment',
    _sd: ['Ch0jVPJnV2GWTGd-jHzvtlWkFOG0KOQwzyr7_-n0tEY'],
    _sd_alg: 'sha-256',
  })
    .setProtectedHeader({ alg: 'ES256', typ })
    .sign(privateKey);
}

const disclosure = part(['2GLC42sKQveCfGfryNRN9w', 'given_name', 'Ada']);

describe('SD-JWT VC', () => {
  it.each([
    [
      'dc+sd-jwt with one disclosure',
      async () => `${await issuerJwt('dc+sd-jwt')}~${disclosure}~`,
      'dc+sd-jwt, 1 disclosure',
    ],
    [
      'vc+sd-jwt with two disclosures',
      async () => `${await issuerJwt('vc+sd-jwt')}~${disclosure}~${disclosure}~`,
      'vc+sd-jwt, 2 disclosures',
    ],
    [
      'with a key-binding JWT at the end',
      async () => `${await issuerJwt('dc+sd-jwt')}~${disclosure}~${await issuerJwt('kb+jwt')}`,
      '1 disclosure',
    ],
    ['with no disclosures, known by its typ', async () => issuerJwt('dc+sd-jwt'), '0 disclosures'],
  ])('%s: could-not-check, ERR_SD_JWT_UNSUPPORTED, nothing failed', async (_name, make, described) => {
    const report = await verifyCredential(await make(), { now: NOW });
    const parse = check(report, 'parse');
    expect(parse).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_SD_JWT_UNSUPPORTED' } });
    expect(parse.problem?.detail).toContain(described);
    expect(report.checks.some((c) => c.outcome === 'failed')).toBe(false);
    expect(report).toMatchObject({ summary: 'could-not-check', verified: false, authentic: false });
  });

  it('a damaged JWT with a ~ in it is still a malformed JWT, not an SD-JWT', async () => {
    const report = await verifyCredential('eyJhbGciOiJFUzI1NiJ9.e30~abc~', { now: NOW });
    expect(check(report, 'parse').problem?.code).toBe('ERR_JWT_MALFORMED');
  });
});
