import { MicrocredError, ErrorCode } from '../errors.js';
import { toBase64Url, utf8 } from '../encoding.js';
import { parseDateTimeZ } from '../dates.js';
import { isJsonObject } from '../jsonPath.js';
import type { DocumentLoader } from '../contexts/documentLoader.js';
import type { UnsignedCredential } from '../model/credential.js';
import { IssuerKey } from '../keys/issuerKey.js';
import { JwtKey } from '../keys/jwtKey.js';
import { preparedCredential } from './preflight.js';
import type { CredentialStatusSource } from '../status/entry.js';

/** Options of {@link issueCredentialJwt}. */
export interface IssueJwtOptions {
  /**
   * The issuer's key: an Ed25519 {@link IssuerKey} (EdDSA) or a {@link JwtKey} (ES256, RS256). Its id
   * becomes the `kid`; a key without one puts its public key in a `jwk` header instead.
   */
  key: IssuerKey | JwtKey;
  /** A loader to reuse across calls (one is made if absent). */
  loader?: DocumentLoader;
  /** The clock: `validFrom` defaults to it. */
  now?: Date;
  /** Where the credential's revocation and suspension entries come from (see {@link IssueOptions.status}). */
  status?: CredentialStatusSource;
}

/**
 * Signs an Open Badges 3.0 credential as a VC-JWT in the OB 3.0 encoding and returns the compact
 * JWS: header `{ alg, typ: "JWT", kid }`, payload = the credential plus `iss`, `jti`, `nbf`, `sub`
 * (when the subject has an id) and `exp` (when it has validUntil). The credential is checked as
 * {@link issueCredential} checks it, before anything is signed, with the same errors.
 *
 * @example
 * const jwt = await issueCredentialJwt(credential, { key }); // 'eyJhbGciOiJFZERTQSIs…'
 */
export async function issueCredentialJwt(credential: UnsignedCredential, options: IssueJwtOptions): Promise<string> {
  const key = options?.key;
  if (!(key instanceof IssuerKey || key instanceof JwtKey) || !key.canSign) {
    throw new MicrocredError(ErrorCode.KEY_INVALID, 'issueCredentialJwt needs a key that holds its secret: an IssuerKey (generateKey) or a JwtKey (generateJwtKey).', { path: 'key' });
  }
  const { doc } = await preparedCredential(credential, { issuerId: key.controller, now: options.now ?? new Date(), loader: options.loader, status: options.status });

  const alg = key instanceof IssuerKey ? 'EdDSA' : key.alg;
  const header = { alg, typ: 'JWT', ...(key.id ? { kid: key.id } : { jwk: (key as JwtKey).publicJwk }) };
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
  const data = utf8(signingInput);
  const signature = key instanceof IssuerKey ? await key.signer().sign({ data }) : await key.sign(data);
  return `${signingInput}.${toBase64Url(signature)}`;
}

function encode(value: unknown): string {
  return toBase64Url(utf8(JSON.stringify(value)));
}

function secondsOf(date: unknown): number {
  return Math.floor((parseDateTimeZ(date) as number) / 1000);
}
