import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase58btc } from '../encoding.js';
import { assertUsableEd25519Key } from '../keys/ed25519Points.js';
import { CONTEXT } from '../model/constants.js';

// The multicodec header of an Ed25519 public key (ed25519-pub, 0xed as a varint).
const ED25519_HEADER = [0xed, 0x01];

/**
 * The DID document of an Ed25519 did:key (did:key spec §3.1.1): the DID names its one key, used for
 * every relationship. A did:key resolves from its identifier alone, so one that encodes no usable
 * Ed25519 key (another key type such as P-256 `zDn…`, the wrong length, a key of small order) is a
 * defect of whoever named it, not a key that could not be found: `ERR_KEY_INVALID`. Both proof
 * suites microcred verifies are Ed25519, so no other key could have made their proofs.
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
  if (!bytes || !ED25519_HEADER.every((b, i) => bytes?.[i] === b)) {
    const kind = multibase.startsWith('zDn') ? 'a P-256 key' : 'not an Ed25519 key';
    throw invalid(
      `is ${kind}: Ed25519 did:keys start with did:key:z6Mk, and only an Ed25519 key makes eddsa-rdfc-2022 and Ed25519Signature2020 proofs.`,
    );
  }
  if (bytes.length !== 34)
    throw invalid(`does not encode an Ed25519 public key: it holds ${bytes.length - 2} bytes of key, not 32.`);
  try {
    assertUsableEd25519Key(bytes.slice(2), did.slice(0, 80));
  } catch (error) {
    throw new MicrocredError(ErrorCode.KEY_INVALID, (error as Error).message, { url: did });
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
