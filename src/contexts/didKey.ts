import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase58btc } from '../encoding.js';
import { assertUsableEd25519Key } from '../keys/ed25519Points.js';
import { CONTEXT } from '../model/constants.js';

// The multicodec headers (varint-encoded) of the public keys a did:key may name here: ed25519-pub
// 0xed, p256-pub 0x1200, p384-pub 0x1201 (the two ECDSA keys as compressed points).
const ED25519_HEADER = [0xed, 0x01];
// bls12_381-g2-pub 0xeb: a 96-byte compressed G2 point (its first byte's top bit, the compression flag, set).
const BLS12_381_G2_HEADER = [0xeb, 0x01];
const ECDSA_KEYS = [
  { header: [0x80, 0x24], curve: 'P-256', length: 33, prefix: 'zDn' },
  { header: [0x81, 0x24], curve: 'P-384', length: 49, prefix: 'z82' },
] as const;

/**
 * The DID document of a did:key (did:key spec §3.1.1): the DID names its one key, used for every
 * relationship. Ed25519 (`z6Mk…`), P-256 (`zDn…`), P-384 (`z82…`) and BLS12-381 G2 (`zUC7…`, bbs-2023) keys are read; a did:key
 * resolves from its identifier alone, so one that encodes no usable key (another key type, the
 * wrong length, an Ed25519 key of small order) is a defect of whoever named it, not a key that
 * could not be found: `ERR_KEY_INVALID`.
 */
export async function didKeyDocument(did: string): Promise<unknown> {
  const multibase = did.slice('did:key:'.length);
  const invalid = (why: string) =>
    new MicrocredError(ErrorCode.KEY_INVALID, `${did.slice(0, 80)} ${why}`, { url: did });
  let bytes: Uint8Array | undefined;
  try {
    if (multibase.startsWith('z')) bytes = fromBase58btc(multibase.slice(1));
  } catch {
    // reported below
  }
  const starts = (header: readonly number[]) => header.every((b, i) => bytes?.[i] === b);
  const ecdsa = ECDSA_KEYS.find((k) => starts(k.header));
  if (bytes && starts(BLS12_381_G2_HEADER)) {
    if (bytes.length !== 98 || ((bytes[2] as number) & 0x80) === 0)
      throw invalid('does not encode a BLS12-381 G2 public key: it must hold a 96-byte compressed point.');
  } else if (bytes && ecdsa) {
    const point = bytes.slice(2);
    if (point.length !== ecdsa.length || (point[0] !== 2 && point[0] !== 3))
      throw invalid(
        `does not encode a ${ecdsa.curve} public key: it must hold a ${ecdsa.length}-byte compressed point.`,
      );
  } else if (!bytes || !starts(ED25519_HEADER)) {
    throw invalid(
      'is not a key microcred reads: did:keys of Ed25519 (did:key:z6Mk…), P-256 (did:key:zDn…), P-384 (did:key:z82…) and BLS12-381 G2 (did:key:zUC7…) keys are.',
    );
  } else {
    if (bytes.length !== 34)
      throw invalid(`does not encode an Ed25519 public key: it holds ${bytes.length - 2} bytes of key, not 32.`);
    try {
      assertUsableEd25519Key(bytes.slice(2), did.slice(0, 80));
    } catch (error) {
      throw new MicrocredError(ErrorCode.KEY_INVALID, (error as Error).message, { url: did });
    }
  }
  const id = `${did}#${multibase}`;
  return {
    '@context': [CONTEXT.DID_V1, CONTEXT.MULTIKEY_V1],
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: multibase }],
    authentication: [id],
    assertionMethod: [id],
    capabilityDelegation: [id],
    capabilityInvocation: [id],
  };
}
