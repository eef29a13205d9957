import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { CONTEXT } from '../model/constants.js';
import { Key, type KeyFile, type KeyJwk, type KeyType } from './key.js';
import { secretMultibaseOf } from './multikey.js';

/** Options of {@link exportKey}: the format, and whether the secret goes with it. */
export interface ExportKeyOptions {
  /**
   * `multikey` (a Multikey verification method) or `jwk`. Default: the format the key's verifiers
   * read, `multikey` for Ed25519 (Data Integrity) and `jwk` for P-256 and RSA (JOSE).
   */
  format?: 'multikey' | 'jwk';
  /** Include the secret. Off unless asked; write the result only where the secret may live (mode 0600). */
  includeSecret?: boolean;
}

/**
 * Exports a key as a {@link KeyFile} (Multikey) or a {@link KeyJwk} (with its `alg`, and its id as
 * `kid`); the secret only with `includeSecret: true`. {@link importKey} reads both back. An Ed25519
 * JWK's `d` is the 32-byte seed jose and WebCrypto expect.
 *
 * @example
 * const publicOnly = await exportKey(key);
 * const backup = await exportKey(key, { includeSecret: true });
 * const jwk = await exportKey(key, { format: 'jwk' });
 */
export async function exportKey(key: Key, options: ExportKeyOptions & { format: 'jwk' }): Promise<KeyJwk>;
export async function exportKey(key: Key, options: ExportKeyOptions & { format: 'multikey' }): Promise<KeyFile>;
export async function exportKey(
  key: Key<'ed25519'>,
  options?: ExportKeyOptions & { format?: undefined },
): Promise<KeyFile>;
export async function exportKey(
  key: Key<'p256' | 'rsa'>,
  options?: ExportKeyOptions & { format?: undefined },
): Promise<KeyJwk>;
export async function exportKey(key: Key, options?: ExportKeyOptions): Promise<KeyFile | KeyJwk>;
export async function exportKey(key: Key, options: ExportKeyOptions = {}): Promise<KeyFile | KeyJwk> {
  const secret = options.includeSecret ? Key.secretOf(key) : undefined;
  const format = options.format ?? defaultFormat(key.type);
  if (format === 'jwk')
    return { ...key.publicJwk, ...secret, alg: key.jwtAlgorithm, ...(key.id ? { kid: key.id } : {}) } as KeyJwk;
  const file: KeyFile = { '@context': CONTEXT.MULTIKEY_V1, ...key.toJSON() };
  if (secret)
    file.secretKeyMultibase =
      key.publicJwk.kty === 'OKP'
        ? await ed25519SecretMultibase(key, secret)
        : secretMultibaseOf(key.publicJwk, secret);
  return file;
}

function defaultFormat(type: KeyType): 'multikey' | 'jwk' {
  return type === 'ed25519' ? 'multikey' : 'jwk';
}

// The form @digitalbazaar/ed25519-multikey writes and reads (ed25519-priv, seed ‖ public key).
async function ed25519SecretMultibase(key: Key, secret: Readonly<Record<string, string>>): Promise<string> {
  const pair = await Ed25519Multikey.fromJwk({ jwk: { ...key.publicJwk, d: secret.d }, secretKey: true });
  return (await pair.export({ publicKey: true, secretKey: true })).secretKeyMultibase as string;
}
