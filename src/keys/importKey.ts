import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase64Url, toBase64Url } from '../encoding.js';
import { isJsonObject } from '../jsonPath.js';
import { assertUsableEd25519Key } from './ed25519Points.js';
import { publicJwkOf, type PublicJwk } from './jwk.js';
import { Key, keyTypeName, type KeyFile, type KeyJwk, type KeyType } from './key.js';
import { buildKey, controllerOf, keyTypeOf, type KeyNaming } from './buildKey.js';
import { publicJwkOfMultibase, secretOfMultibase } from './multikey.js';
import { publicKeyCheck } from './verifyWithPublicKey.js';

/** Options of {@link importKey}: another name for the key than the one its file gives. */
export interface ImportKeyOptions {
  /** The DID or URL that controls the key. Given alone, the key is named under it (`controller#…`). */
  controller?: string;
  /** The verification method id (the JWT `kid`). */
  id?: string;
}

const JWT_ALGORITHMS: Record<KeyType, readonly string[]> = {
  ed25519: ['EdDSA', 'Ed25519'],
  p256: ['ES256'],
  rsa: ['RS256'],
};

/**
 * Imports a key from a Multikey ({@link KeyFile}: `publicKeyMultibase`, and `secretKeyMultibase` to
 * sign) or a JWK (`kty` OKP Ed25519, EC P-256 or RSA, with its private members to sign). The key's
 * name comes from the file (a Multikey's `id` and `controller`, a JWK's `kid`) unless `options`
 * gives another. A secret is checked against the public key. Errors never contain key material.
 *
 * @example
 * const key = await importKey(JSON.parse(await readFile('issuer.key.json', 'utf8')));
 */
export async function importKey(input: KeyFile | KeyJwk | unknown, options: ImportKeyOptions = {}): Promise<Key> {
  const record = isJsonObject(input) ? input : {};
  let found: { publicJwk: PublicJwk; secret: Record<string, string> | undefined; naming: KeyNaming };
  if (typeof record.kty === 'string') found = await fromJwk(record);
  else if (typeof record.publicKeyMultibase === 'string') found = await fromMultikey(record, record.publicKeyMultibase);
  else {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      'A key must be a Multikey (publicKeyMultibase) or a JWK (kty "OKP" Ed25519, "EC" P-256 or "RSA").',
    );
  }
  const type = keyTypeOf(found.publicJwk);
  if (found.secret) assertRsaConsistent(found.publicJwk, found.secret);
  const key = await buildKey(type, found.publicJwk, found.secret, namingOf(found.naming, options));
  if (found.secret) await assertPairMatches(key);
  return key;
}

// The options' name wins; a controller given alone drops a file id that is not under it.
function namingOf(file: KeyNaming, options: ImportKeyOptions): KeyNaming {
  if (options.id !== undefined) return { id: options.id, controller: options.controller };
  if (options.controller !== undefined) {
    return file.id?.startsWith(`${options.controller}#`)
      ? { id: file.id, controller: options.controller }
      : { controller: options.controller };
  }
  return file;
}

async function fromJwk(
  jwk: Record<string, unknown>,
): Promise<{ publicJwk: PublicJwk; secret: Record<string, string> | undefined; naming: KeyNaming }> {
  if (jwk.kty === 'OKP' && jwk.crv !== 'Ed25519') {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `The key is OKP ${typeof jwk.crv === 'string' ? jwk.crv : ''}; microcred signs with Ed25519 (OKP), P-256 (EC) and RSA keys.`,
    );
  }
  if (jwk.kty === 'OKP' && typeof jwk.d === 'string' && !isBase64UrlOfLength(jwk.d, 32)) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      'An Ed25519 JWK has a 32-byte "x" and, when present, a 32-byte "d" (the seed).',
    );
  }
  const publicJwk = publicJwkOf(jwk);
  const type = keyTypeOf(publicJwk);
  if (jwk.alg !== undefined && !JWT_ALGORITHMS[type].includes(jwk.alg as string)) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `The JWK says alg ${JSON.stringify(jwk.alg)}, but a ${keyTypeName(type)} key signs with ${JWT_ALGORITHMS[type][0] as string}.`,
    );
  }
  assertStrongEnough(publicJwk);
  const kid = typeof jwk.kid === 'string' && jwk.kid !== '' ? jwk.kid : undefined;
  return {
    publicJwk,
    secret: privateMembersOf(jwk, type),
    naming: kid ? { id: kid, controller: controllerOf(kid) } : {},
  };
}

async function fromMultikey(
  record: Record<string, unknown>,
  publicKeyMultibase: string,
): Promise<{ publicJwk: PublicJwk; secret: Record<string, string> | undefined; naming: KeyNaming }> {
  const naming =
    typeof record.id === 'string' && typeof record.controller === 'string'
      ? { id: record.id, controller: record.controller }
      : typeof record.controller === 'string'
        ? { controller: record.controller }
        : {};
  const secretKeyMultibase = typeof record.secretKeyMultibase === 'string' ? record.secretKeyMultibase : undefined;
  if (publicKeyMultibase.startsWith('z6Mk'))
    return { ...(await ed25519OfMultikey(publicKeyMultibase, secretKeyMultibase)), naming };
  const publicJwk = publicJwkOfMultibase(publicKeyMultibase);
  assertStrongEnough(publicJwk);
  if (secretKeyMultibase === undefined) return { publicJwk, secret: undefined, naming };
  const secret = secretOfMultibase(publicJwk, secretKeyMultibase);
  if (!secret)
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `The secretKeyMultibase is not the secret of a ${keyTypeName(keyTypeOf(publicJwk))} key like its publicKeyMultibase.`,
    );
  return { publicJwk, secret, naming };
}

async function ed25519OfMultikey(
  publicKeyMultibase: string,
  secretKeyMultibase: string | undefined,
): Promise<{ publicJwk: PublicJwk; secret: Record<string, string> | undefined }> {
  let pair: Ed25519Multikey.MultikeyPair;
  try {
    pair = await Ed25519Multikey.from({
      publicKeyMultibase,
      ...(secretKeyMultibase !== undefined ? { secretKeyMultibase } : {}),
    });
  } catch {
    // The library's message may quote the input; do not pass it on.
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      'The key could not be decoded: it is not a valid Ed25519 Multikey.',
    );
  }
  if (pair.publicKey.length !== 32)
    throw new MicrocredError(ErrorCode.KEY_INVALID, 'The public key is not a 32-byte Ed25519 key.');
  assertUsableEd25519Key(pair.publicKey, 'given');
  const secret = pair.secretKey ? { d: toBase64Url(pair.secretKey.slice(0, 32)) } : undefined;
  return { publicJwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(pair.publicKey) }, secret };
}

function assertStrongEnough(publicJwk: PublicJwk): void {
  if (publicJwk.kty === 'RSA' && fromBase64Url(publicJwk.n).length < 256) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      'RSA keys shorter than 2048 bits are too weak to sign with (RFC 7518 §3.3).',
    );
  }
}

function privateMembersOf(jwk: Record<string, unknown>, type: KeyType): Record<string, string> | undefined {
  if (jwk.d === undefined) return undefined;
  const names = type === 'rsa' ? ['d', 'p', 'q', 'dp', 'dq', 'qi'] : ['d'];
  const members: Record<string, string> = {};
  for (const name of names) {
    const value = jwk[name];
    if (
      typeof value !== 'string' ||
      !/^[A-Za-z0-9_-]+$/.test(value) ||
      (type !== 'rsa' && !isBase64UrlOfLength(value, 32))
    ) {
      throw new MicrocredError(
        ErrorCode.KEY_INVALID,
        `The private ${keyTypeName(type)} key lacks a well-formed "${name}"${type === 'rsa' ? '' : ' (32 bytes)'}.`,
      );
    }
    members[name] = value;
  }
  return members;
}

/**
 * Throws unless an RSA key's private members agree with each other and with its modulus: n = p·q,
 * d·e ≡ 1 (mod p−1 and q−1), dp and dq are d reduced, qi·q ≡ 1 (mod p). WebCrypto signs with p, q, dp,
 * dq and qi alone, so a wrong `d` would pass the probe signature and be exported later as if it were right.
 */
function assertRsaConsistent(publicJwk: PublicJwk, secret: Record<string, string>): void {
  if (publicJwk.kty !== 'RSA') return;
  const big = (value: string) => {
    let n = 0n;
    for (const b of fromBase64Url(value)) n = (n << 8n) | BigInt(b);
    return n;
  };
  const [n, e, d, p, q, dp, dq, qi] = [
    publicJwk.n,
    publicJwk.e,
    secret.d,
    secret.p,
    secret.q,
    secret.dp,
    secret.dq,
    secret.qi,
  ].map((v) => big(v as string)) as bigint[] as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  const ok =
    p > 1n &&
    q > 1n &&
    p * q === n &&
    (d * e) % (p - 1n) === 1n &&
    (d * e) % (q - 1n) === 1n &&
    d % (p - 1n) === dp &&
    d % (q - 1n) === dq &&
    (qi * q) % p === 1n;
  if (!ok)
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      'The private RSA key does not hold together: its members (d, p, q, dp, dq, qi) do not belong to one key with this modulus.',
    );
}

function isBase64UrlOfLength(value: string, bytes: number): boolean {
  try {
    return /^[A-Za-z0-9_-]+$/.test(value) && fromBase64Url(value).length === bytes;
  } catch {
    return false;
  }
}

/** Signs a probe with the secret and checks it with the public key: a secret of another key is refused. */
async function assertPairMatches(key: Key): Promise<void> {
  const probe = new TextEncoder().encode('microcred key check');
  try {
    if (await publicKeyCheck(key.type, key.publicJwk)(probe, await key.sign(probe))) return;
  } catch {
    // WebCrypto's messages may describe the key; fall through to a message of our own.
  }
  throw new MicrocredError(ErrorCode.KEY_INVALID, 'The secret key does not belong to the public key given with it.');
}
