import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { MicrocredError, ErrorCode } from '../errors.js';
import { CONTEXT } from '../model/constants.js';

// did:key for Ed25519 (did:key spec §3.1.1): the DID names its one key, used for every relationship.
export async function didKeyDocument(did: string): Promise<unknown> {
  const multibase = did.slice('did:key:'.length);
  if (!multibase.startsWith('z6Mk')) {
    throw new MicrocredError(ErrorCode.KEY_UNRESOLVED, `${did} is not an Ed25519 did:key (it should start with did:key:z6Mk).`, { url: did });
  }
  try {
    const pair = await Ed25519Multikey.from({ publicKeyMultibase: multibase });
    if (pair.publicKey.length !== 32) throw new Error('length');
  } catch {
    throw new MicrocredError(ErrorCode.KEY_UNRESOLVED, `${did} does not encode a valid Ed25519 public key.`, { url: did });
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
