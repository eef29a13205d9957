import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { CONTEXT } from '../model/constants.js';
import { toBase64Url } from '../encoding.js';
import { IssuerKey, type Ed25519Jwk, type KeyFile } from './issuerKey.js';
import { JwtKey, type JwtKeyJwk } from './jwtKey.js';

/** Options of {@link exportKey}: the format, and whether the secret goes with it. */
export interface ExportKeyOptions {
  /** `multikey` (default) or `jwk`. */
  format?: 'multikey' | 'jwk';
  /** Include the secret. Off unless asked; write the result only where the secret may live (mode 0600). */
  includeSecret?: boolean;
}

/**
 * Exports a key as a {@link KeyFile} (Multikey) or a JWK; the secret only with `includeSecret: true`.
 * A {@link JwtKey} (P-256, RSA) is always exported as a JWK with its `alg` and `kid`.
 *
 * @example
 * const publicOnly = await exportKey(key);
 * const backup = await exportKey(key, { includeSecret: true });
 */
export async function exportKey(key: JwtKey, options?: Pick<ExportKeyOptions, 'includeSecret'>): Promise<JwtKeyJwk>;
export async function exportKey(key: IssuerKey, options: ExportKeyOptions & { format: 'jwk' }): Promise<Ed25519Jwk>;
export async function exportKey(key: IssuerKey, options?: ExportKeyOptions & { format?: 'multikey' }): Promise<KeyFile>;
export async function exportKey(key: IssuerKey | JwtKey, options: ExportKeyOptions = {}): Promise<KeyFile | Ed25519Jwk | JwtKeyJwk> {
  if (key instanceof JwtKey) {
    const secret = options.includeSecret ? JwtKey.secretOf(key) : undefined;
    const { alg, kid, ...publicJwk } = key.toJSON();
    return { ...publicJwk, ...secret, alg, ...(kid ? { kid } : {}) } as JwtKeyJwk;
  }
  const seed = options.includeSecret ? IssuerKey.seedOf(key) : undefined;
  // jose and WebCrypto expect the 32-byte seed as `d` (not the 64-byte seed||public form).
  const jwk: Ed25519Jwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(key.publicKey), ...(seed ? { d: toBase64Url(seed) } : {}) };
  if (options.format === 'jwk') return { ...jwk, kid: key.id };
  const file: KeyFile = { '@context': CONTEXT.MULTIKEY_V1, ...key.verificationMethod() };
  if (seed) {
    const pair = await Ed25519Multikey.fromJwk({ jwk, secretKey: true });
    const exported = await pair.export({ publicKey: true, secretKey: true });
    file.secretKeyMultibase = exported.secretKeyMultibase as string;
  }
  return file;
}
