// The baked samples of the 1EdTech conformance validator (test/fixtures/1edtech-validator/ob30/).
// Their README: all six valid for 1EdTech (the _v1 pair with warnings); the JSON-LD pair "valid†"
// for a Digital Bazaar verifier given a key document built from the verificationMethod fragment;
// the VC-JWT ones (RS256 with an RSA key in the header) rejected there as an unsupported alg.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DocumentLoader, extractCredential, verifyCredential } from '../../src/index.js';
import { check, fixturePath } from '../helpers/credential.js';
import { NOW } from './helpers.js';

const DIR = '1edtech-validator/ob30';
const read = (file: string) => readFileSync(fixturePath(`${DIR}/${file}`));

describe('1EdTech baked samples', () => {
  it.each([
    ['simple-json.png', 'png', 'json-ld'],
    ['simple-json.svg', 'svg', 'json-ld'],
    ['simple-jwt.png', 'png', 'vc-jwt'],
    ['simple-jwt.svg', 'svg', 'vc-jwt'],
    ['simple-jwt_v1.png', 'png', 'vc-jwt'],
    ['simple-jwt_v1.svg', 'svg', 'vc-jwt'],
  ])('%s: its credential comes out (%s, %s)', (file, kind, format) => {
    const found = extractCredential(read(file));
    expect(found).toMatchObject({ kind, format });
    const credential = format === 'json-ld' ? found.credential as Record<string, unknown> : jwtPayload(found.credential as string);
    const vc = (credential.vc ?? credential) as { type: string[] };
    expect(vc.type).toContain('OpenBadgeCredential');
    if (format === 'vc-jwt') expect(JSON.parse(Buffer.from((found.credential as string).split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'RS256', jwk: { kty: 'RSA' } });
  });

  it('the PNG and the SVG of each pair carry the same JSON-LD credential', () => {
    expect(extractCredential(read('simple-json.png')).credential).toEqual(extractCredential(read('simple-json.svg')).credential);
  });

  describe.each(['simple-json.png', 'simple-json.svg'])('%s (JSON-LD, eddsa-rdfc-2022)', (file) => {
    const credential = extractCredential(read(file)).credential as { issuer: { id: string }; proof: { verificationMethod: string }[] };
    const controller = credential.issuer.id;
    const method = credential.proof[0]!.verificationMethod;

    it('verifies offline once the caller holds the issuer\'s key document (built from the key in the fragment, as 1EdTech reads it)', async () => {
      const controllerDocument = {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: controller,
        verificationMethod: [{ id: method, type: 'Multikey', controller, publicKeyMultibase: method.split('#')[1] }],
        assertionMethod: [method],
      };
      const report = await verifyCredential(read(file), { loader: new DocumentLoader({ documents: { [controller]: controllerDocument } }), now: NOW });
      expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
      expect(report).toMatchObject({ verified: true, image: file.slice(-3), format: 'json-ld' });
    });

    it('without it, the signature could not be checked: the key is at an https URL, and no fetch was given', async () => {
      const report = await verifyCredential(read(file), { now: NOW });
      expect(check(report, 'extract').outcome).toBe('passed');
      expect(check(report, 'signature')).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_NETWORK_DISABLED' } });
      expect(report.summary).toBe('could-not-check');
    });
  });
});

function jwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}
