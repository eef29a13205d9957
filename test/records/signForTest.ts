// Signs a record as its issuer would, with none of bundleClr's checks on what it bundles: the way
// to make a CLR whose own proof holds over a tampered inner credential.
import * as vc from '@digitalbazaar/vc';
import { DocumentLoader, type Key } from '../../src/index.js';
import { digitalBazaarSuite } from '../helpers/digitalBazaar.js';

export async function signRecordForTest(record: Record<string, unknown>, key: Key): Promise<Record<string, unknown>> {
  const loader = new DocumentLoader();
  return vc.issue({
    credential: structuredClone(record),
    suite: digitalBazaarSuite(key.signer(), '2026-03-05T09:30:00Z'),
    documentLoader: loader.load,
  }) as Promise<Record<string, unknown>>;
}
