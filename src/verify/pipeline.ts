import type { Check } from './check.js';
import { parseCheck } from './checks/parse.js';
import { jsonldCheck } from './checks/jsonld.js';
import { typeCheck } from './checks/type.js';
import { proofCheck } from './checks/proof.js';
import { signatureCheck } from './checks/signature.js';
import { issuerCheck } from './checks/issuer.js';
import { validityCheck } from './checks/validity.js';
import { statusCheck } from './checks/status.js';

/** The checks, in the order they run and appear in the report. The signature comes before dates so that a forgery is never hidden behind "expired". */
export const CHECKS: readonly Check[] = [parseCheck, jsonldCheck, typeCheck, proofCheck, signatureCheck, issuerCheck, validityCheck, statusCheck];

/** The checks whose passing makes a credential authentic. */
export const AUTHENTICITY_CHECKS = ['parse', 'jsonld', 'proof', 'signature', 'issuer'] as const;
