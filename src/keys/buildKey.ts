import { calculateJwkThumbprint } from 'jose';
import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase64Url, toBase58btc } from '../encoding.js';
import type { PublicJwk } from './jwk.js';
import { Key, didKeyOf, type KeyType } from './key.js';
import { multibaseOfPublicJwk } from './multikey.js';

/** How a key is named: its verification method id and its controller. */
export interface KeyNaming {
  /** The DID or URL that controls the key; a credential's issuer.id must equal it. */
  controller?: string | undefined;
  /** The verification method id (the JWT `kid`); under a DID controller, a fragment of it (`did:web:pd.example.org#key-1`). */
  id?: string | undefined;
}

// Multicodec ed25519-pub (0xed), varint-encoded.
const ED25519_HEADER = [0xed, 0x01];

/**
 * A {@link Key} of `type` from its checked public JWK and private members (if any), named as asked.
 * Default names: an Ed25519 or P-256 key is controlled by its did:key (`did:key:z…#z…`); an RSA key
 * has no name unless given one. A controller without an id names the key `controller#<multibase>`
 * (Ed25519) or `controller#<thumbprint>` (P-256, RSA). Throws `ERR_KEY_INVALID` when a DID URL id is
 * not under its controller. @internal for generateKey and importKey.
 */
export async function buildKey<T extends KeyType>(
  type: T,
  publicJwk: PublicJwk,
  secret: Record<string, string> | undefined,
  naming: KeyNaming = {},
): Promise<Key<T>> {
  const publicKeyMultibase =
    publicJwk.kty === 'OKP'
      ? `z${toBase58btc(Uint8Array.from([...ED25519_HEADER, ...fromBase64Url(publicJwk.x)]))}`
      : multibaseOfPublicJwk(publicJwk);
  const thumbprint = await calculateJwkThumbprint(publicJwk);
  let { controller, id } = naming;
  if (id !== undefined && controller === undefined) controller = controllerOf(id);
  if (controller !== undefined && id === undefined)
    id = `${controller}#${type === 'ed25519' ? publicKeyMultibase : thumbprint}`;
  if (controller === undefined && id === undefined && type !== 'rsa') {
    controller = didKeyOf(publicKeyMultibase);
    id = `${controller}#${publicKeyMultibase}`;
  }
  if (id !== undefined && controller === undefined && type !== 'rsa') {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `Key id ${id} is not a DID URL; name the key's controller too (the DID or URL a credential's issuer.id will be).`,
      { keyId: id },
    );
  }
  if (id !== undefined && controller?.startsWith('did:') && !id.startsWith(`${controller}#`)) {
    throw new MicrocredError(ErrorCode.KEY_INVALID, `Key id ${id} is not a fragment of its controller ${controller}.`, {
      keyId: id,
    });
  }
  return new Key<T>({
    type,
    id: id as Key<T>['id'],
    controller: controller as Key<T>['controller'],
    publicJwk,
    publicKeyMultibase,
    thumbprint,
    secret,
  });
}

/** The DID of a DID URL (`did:web:example.org#key-1` → `did:web:example.org`); undefined for other URLs. */
export function controllerOf(id: string): string | undefined {
  return id.startsWith('did:') ? id.split('#')[0] : undefined;
}

/** The key type a public JWK is of. */
export function keyTypeOf(jwk: PublicJwk): KeyType {
  return jwk.kty === 'OKP' ? 'ed25519' : jwk.kty === 'EC' ? 'p256' : 'rsa';
}
