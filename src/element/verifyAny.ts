import {
  ErrorCode,
  verifyCredential,
  verifyPresentation,
  type PresentationReport,
  type VerificationReport,
  type VerifyPresentationOptions,
} from '../index.js';

/** What the element verified: a credential (JSON, JWT or a baked image) or a holder's presentation. */
export type VerifiedInput =
  { kind: 'credential'; report: VerificationReport } | { kind: 'presentation'; report: PresentationReport };

/**
 * Verifies whatever a person gave: it is read as a credential first (bytes of an image, JSON or JWT
 * text), and what that reading finds to be a presentation is verified as one, against the
 * `challenge` and `domain` given. Never throws.
 */
export async function verifyAny(input: unknown, options: VerifyPresentationOptions): Promise<VerifiedInput> {
  const { challenge: _challenge, domain: _domain, ...forCredential } = options;
  const report = await verifyCredential(input, forCredential);
  const parse = report.checks.find((c) => c.id === 'parse');
  if (parse?.problem?.code !== ErrorCode.PRESENTATION_GIVEN) return { kind: 'credential', report };
  // Bytes of a JSON or JWT file: the presentation verifier reads text.
  const text = input instanceof Uint8Array ? new TextDecoder().decode(input) : input;
  return { kind: 'presentation', report: await verifyPresentation(text, options) };
}
