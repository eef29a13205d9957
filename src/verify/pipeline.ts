import type { Check } from './check.js';
import { extractCheck } from './checks/extract.js';
import { parseCheck } from './checks/parse.js';
import { jsonldCheck } from './checks/jsonld.js';
import { typeCheck } from './checks/type.js';
import { schemaCheck } from './checks/schema.js';
import { proofCheck } from './checks/proof.js';
import { signatureCheck } from './checks/signature.js';
import { claimsCheck } from './checks/claims.js';
import { issuerCheck } from './checks/issuer.js';
import { validityCheck } from './checks/validity.js';
import { statusCheck } from './checks/status.js';
import { trustCheck } from './checks/trust.js';

/**
 * The checks, in the order they run and appear in the report. The signature comes before dates so
 * that a forgery is never hidden behind "expired". The full order, as checks are added:
 * extract, parse, jsonld, type, schema, proof, signature, claims, issuer, validity, status, trust.
 */
export const CHECKS: readonly Check[] = [extractCheck, parseCheck, jsonldCheck, typeCheck, schemaCheck, proofCheck, signatureCheck, claimsCheck, issuerCheck, validityCheck, statusCheck, trustCheck];

// Which checks decide authenticity is kept apart (authenticity.ts), so checks can ask it without an import cycle.
export { AUTHENTICITY_CHECKS, REQUIRED_FOR_AUTHENTICITY } from './authenticity.js';
