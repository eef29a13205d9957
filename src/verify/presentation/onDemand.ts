// The presentation verifier as microcred/verify exports it: loaded the first time a presentation is
// verified, so a site that only verifies credentials does not download it.
import { ErrorCode } from '../../errors.js';
import { problem } from '../check.js';
import type { PresentationReport } from './report.js';
import { PRESENTATION_CHECK_TITLES } from './titles.js';
import type { VerifyPresentationOptions } from './verifyPresentation.js';

/**
 * Verifies a verifiable presentation: the same function as `microcred`'s `verifyPresentation`,
 * whose module is loaded on first use. Never rejects: should that module fail to load (a site
 * that lost its connection), the report says the presentation could not be checked, and why.
 *
 * @example
 * const report = await verifyPresentation(vp, { challenge, domain });
 * if (report.verified) admit(report.holder);
 */
export async function verifyPresentation(
  input: unknown,
  options: VerifyPresentationOptions = {},
): Promise<PresentationReport> {
  let verify: (input: unknown, options: VerifyPresentationOptions) => Promise<PresentationReport>;
  try {
    ({ verifyPresentation: verify } = await import('./verifyPresentation.js'));
  } catch (error) {
    return notLoaded(error);
  }
  return verify(input, options);
}

function notLoaded(error: unknown): PresentationReport {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    verified: false,
    summary: 'could-not-check',
    checkedAt: new Date().toISOString(),
    checks: [
      {
        id: 'parse',
        title: PRESENTATION_CHECK_TITLES.parse,
        outcome: 'could-not-check',
        problem: problem({
          code: ErrorCode.INTERNAL,
          detail: `The presentation verifier could not be loaded, so nothing was checked: ${reason}`,
        }),
      },
    ],
    credentials: [],
  };
}
