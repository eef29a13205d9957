// Shared by the records tests: the plain Digital Bazaar stack, able to read CLR 2.0 (its context
// taken from the fixtures' copy, not from microcred's bundle), and small report readers.
import * as vc from '@digitalbazaar/vc';
import { expect } from 'vitest';
import type { CheckPart, VerificationReport } from '../../src/index.js';
import { NOW, check, clone, fixture } from '../helpers/credential.js';
import { digitalBazaarLoader, digitalBazaarSuite, type DocumentLoaderFn } from '../helpers/digitalBazaar.js';

const CLR_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

/** The plain stack's loader, plus the CLR 2.0.1 context from test/fixtures/contexts. */
export function digitalBazaarClrLoader(): DocumentLoaderFn {
  const base = digitalBazaarLoader();
  const clr = fixture('contexts/purl.imsglobal.org_spec_clr_v2p0_context-2.0.1.json');
  return async (url) => (url === CLR_CONTEXT ? { contextUrl: null, documentUrl: url, document: clr } : base(url));
}

/** Whether @digitalbazaar/vc verifyCredential accepts `credential` (eddsa-rdfc-2022, at NOW). */
export async function digitalBazaarVerifies(credential: unknown): Promise<boolean> {
  const result = await vc.verifyCredential({
    credential: clone(credential),
    suite: digitalBazaarSuite(),
    documentLoader: digitalBazaarClrLoader(),
    now: NOW,
  });
  return result.verified === true;
}

/** The parts of a report's check (fails the test when the check has none). */
export function partsOf(report: VerificationReport, id: 'endorsement' | 'credentials' | 'associations'): CheckPart[] {
  const parts = check(report, id).parts;
  expect(parts, `${id} has parts`).toBeDefined();
  return parts ?? [];
}
