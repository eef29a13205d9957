// Multikey values (did:key) read without the Digital Bazaar key libraries, which need Buffer in a
// browser: checked here against those libraries in Node, and base58btc against its properties.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as jose from 'jose';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase58btc, toBase58btc } from '../../src/encoding.js';
import { jwkOfMultibase, multibaseOfP256 } from '../../src/keys/jwk.js';
import { MicrocredError } from '../../src/index.js';

describe('base58btc', () => {
  it('round-trips any bytes, leading zeros included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), (bytes) => {
        expect(fromBase58btc(toBase58btc(bytes))).toEqual(bytes);
      }),
    );
  });

  it('matches known values and refuses characters outside its alphabet (0, O, I, l)', () => {
    expect(toBase58btc(new TextEncoder().encode('hello world'))).toBe('StV1DL6CwTryKyV');
    expect(toBase58btc(Uint8Array.from([0, 0, 1]))).toBe('112');
    for (const bad of ['0', 'O', 'I', 'l', '+']) expect(() => fromBase58btc(`2${bad}`)).toThrow(TypeError);
  });
});

describe('Multikey public keys as JWKs', () => {
  it('reads P-256 (zDn…) keys as ecdsa-multikey writes them, and writes them the same', async () => {
    for (let i = 0; i < 12; i++) {
      const { publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
      const jwk = (await jose.exportJWK(publicKey)) as { kty: 'EC'; crv: 'P-256'; x: string; y: string };
      const theirs = (await EcdsaMultikey.fromJwk({ jwk })).publicKeyMultibase;
      expect(multibaseOfP256(jwk)).toBe(theirs);
      expect(jwkOfMultibase(theirs)).toEqual({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
    }
  });

  it('reads Ed25519 (z6Mk…) keys as ed25519-multikey writes them', async () => {
    const pair = await Ed25519Multikey.generate();
    expect(jwkOfMultibase(pair.publicKeyMultibase)).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: Buffer.from(pair.publicKey).toString('base64url'),
    });
  });

  it('refuses a point that is not on the curve, other key types and damaged values with ERR_KEY_INVALID', async () => {
    const { publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
    const valid = multibaseOfP256(
      (await jose.exportJWK(publicKey)) as { kty: 'EC'; crv: 'P-256'; x: string; y: string },
    );
    const bytes = fromBase58btc(valid.slice(1));
    // Find an x for which x³ − 3x + b has no square root: no point of the curve has it.
    let offCurve: string | undefined;
    for (let delta = 1; delta < 64 && !offCurve; delta++) {
      const changed = Uint8Array.from(bytes);
      changed[34] = ((changed[34] as number) + delta) % 256;
      const candidate = `z${toBase58btc(changed)}`;
      try {
        jwkOfMultibase(candidate);
      } catch {
        offCurve = candidate;
      }
    }
    expect(offCurve).toBeDefined();
    const secp256k1 = 'zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme';
    for (const value of [offCurve as string, secp256k1, valid.slice(0, -3), 'uAAAA', 'z6MkO0']) {
      const error = (() => {
        try {
          jwkOfMultibase(value);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(MicrocredError);
      expect((error as MicrocredError).code).toBe('ERR_KEY_INVALID');
    }
  });
});
