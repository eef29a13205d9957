import { CONTEXT } from '../model/constants.js';
import { toDateTimeZ } from '../dates.js';
import { DocumentLoader } from '../contexts/documentLoader.js';
import type { Key } from '../keys/key.js';
import { signDocument } from '../proofs/sign.js';
import { encodeList } from './bitstring.js';
import type { StatusPurpose, StoredStatusList } from './store.js';

/** A signed status list credential, ready to publish at its `id` (Bitstring Status List §2.2). */
export interface StatusListCredential {
  '@context': string[];
  /** The URL it is published at. */
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  /** The issuer's DID: the same issuer as the credentials that point at the list. */
  issuer: string;
  validFrom: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    /** `u` + base64url of the GZIP-compressed bits. */
    encodedList: string;
  };
  proof: Record<string, unknown>;
}

/**
 * Signs `list` as a BitstringStatusListCredential issued by `key`'s controller. Not an Open Badge,
 * so none of the Open Badges checks of issueCredential apply; its shape is fixed here.
 */
export async function signStatusList(
  list: StoredStatusList,
  key: Key,
  options: { loader?: DocumentLoader; now?: Date } = {},
): Promise<StatusListCredential> {
  key.assertCanMake('eddsa-rdfc-2022');
  const now = options.now ?? new Date();
  const unsigned = {
    // The VC 2.0 context defines every Bitstring Status List term (its status/v1 context is for VC 1.1).
    '@context': [CONTEXT.VC_V2],
    id: list.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: key.controller as string,
    validFrom: toDateTimeZ(now),
    credentialSubject: {
      id: `${list.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: list.purpose,
      encodedList: await encodeList(list.bits),
    },
  };
  return signDocument<StatusListCredential>(unsigned, key, options.loader ?? new DocumentLoader(), now);
}
