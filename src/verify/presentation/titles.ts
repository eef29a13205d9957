import type { PresentationCheckId } from './report.js';

/**
 * What each check of a presentation establishes: the title its line of the report carries. Kept
 * apart from the checks so that the report catalogue (src/i18n) names them without loading the
 * presentation verifier, which a site loads on first use.
 */
export const PRESENTATION_CHECK_TITLES: Readonly<Record<PresentationCheckId, string>> = {
  parse: 'The presentation is a JSON object',
  jsonld: 'Contexts are known and define every term',
  proof: "The holder's proof is present",
  signature: "The holder's signature is valid",
  holder: 'The holder signed the presentation',
  challenge: 'It answers this challenge (not a replay)',
  domain: 'It is meant for this domain',
  credentials: 'Every credential in it verifies',
  subject: 'The holder is the subject of its credentials',
};
