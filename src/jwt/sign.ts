import { toBase64Url, utf8 } from '../encoding.js';
import { parseDateTimeZ } from '../dates.js';
import { isJsonObject } from '../jsonPath.js';
import type { Key } from '../keys/key.js';

/**
 * Signs `doc`, a credential the caller has checked, as a VC-JWT in the Open Badges 3.0 encoding and
 * returns the compact JWS: header `{ alg, typ: "JWT", kid }` (or `jwk`, the public key, for a key
 * with no id), payload = the credential plus `iss`, `jti`, `nbf`, `sub` (when the subject has an id)
 * and `exp` (when it has validUntil). The key must be able to make a `jwt` proof.
 */
export async function signCredentialJwt(doc: Record<string, unknown>, key: Key): Promise<string> {
  const header = { alg: key.jwtAlgorithm, typ: 'JWT', ...(key.id ? { kid: key.id } : { jwk: key.publicJwk }) };
  const issuer = doc.issuer as Record<string, unknown>;
  const subject = doc.credentialSubject as Record<string, unknown>;
  // OB 3.0 §8.2.4: the registered claims repeat the credential's properties.
  const claims = {
    iss: issuer.id,
    jti: doc.id,
    nbf: secondsOf(doc.validFrom),
    ...(isJsonObject(subject) && typeof subject.id === 'string' ? { sub: subject.id } : {}),
    ...(doc.validUntil !== undefined ? { exp: secondsOf(doc.validUntil) } : {}),
  };
  const signingInput = `${encode(header)}.${encode({ ...doc, ...claims })}`;
  const signature = await key.sign(utf8(signingInput));
  return `${signingInput}.${toBase64Url(signature)}`;
}

function encode(value: unknown): string {
  return toBase64Url(utf8(JSON.stringify(value)));
}

function secondsOf(date: unknown): number {
  return Math.floor((parseDateTimeZ(date) as number) / 1000);
}
