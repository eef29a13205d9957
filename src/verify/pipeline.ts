import type { Check } from './check.js';
import type { CheckId } from './report.js';
import { extractCheck } from './checks/extract.js';
import { parseCheck } from './checks/parse.js';
import { jsonldCheck } from './checks/jsonld.js';
import { viewCheck } from './checks/view.js';
import { typeCheck } from './checks/type.js';
import { schemaCheck } from './checks/schema.js';
import { proofCheck } from './checks/proof.js';
import { signatureCheck } from './checks/signature.js';
import { claimsCheck } from './checks/claims.js';
import { issuerCheck } from './checks/issuer.js';
import { validityCheck } from './checks/validity.js';
import { statusCheck } from './checks/status.js';
import { trustCheck } from './checks/trust.js';
import { credentialsCheck } from './checks/credentials.js';
import { associationsCheck } from './checks/associations.js';
import { endorsementCheck } from './checks/endorsement.js';

/**
 * The checks, in the order they run and appear in the report. The signature comes before dates so
 * that a forgery is never hidden behind "expired". Nothing is fetched and nothing costly is done
 * for an input before its proof holds, apart from resolving the key the proof names: the JSON
 * Schemas (compiling one takes time; a named one is fetched) come after the signature and issuer
 * checks, and the status lists after them. The full order, as checks are added:
 * extract, parse, jsonld, view, type, proof, signature, claims, issuer, schema, validity, status, trust,
 * credentials, associations, endorsement. The credentials a CLR bundles and the endorsements a
 * credential carries are verified last, each as a credential of its own, once the outer proof holds.
 * An Open Badges 2.0 assertion leaves this pipeline after `extract`: OB2_CHECKS
 * (src/ob2/verifyOpenBadges2.ts) lists what OB 2.0 allows to be checked.
 */
export const CHECKS: readonly Check[] = [
  extractCheck,
  parseCheck,
  jsonldCheck,
  viewCheck,
  typeCheck,
  proofCheck,
  signatureCheck,
  claimsCheck,
  issuerCheck,
  schemaCheck,
  validityCheck,
  statusCheck,
  trustCheck,
  credentialsCheck,
  associationsCheck,
  endorsementCheck,
];

/** The checks that must pass, when they apply, for a credential to be authentic (each check says so itself). */
export const AUTHENTICITY_CHECKS: readonly CheckId[] = CHECKS.filter((c) => c.authenticity).map((c) => c.id);

/** Authenticity checks that apply to every input: a report without them is never authentic. */
export const REQUIRED_FOR_AUTHENTICITY: readonly CheckId[] = CHECKS.filter((c) => c.authenticity === 'required').map(
  (c) => c.id,
);
