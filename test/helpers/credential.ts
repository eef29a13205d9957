// Builders shared by the foundation's tests: a valid unsigned OB 3.0 credential for a key, a pinned
// clock, and small readers for verification reports.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CheckId, CheckResult, Key, OpenBadgeCredential, VerificationReport } from '../../src/index.js';

/**
 * An unsigned credential with its fields typed and room for any extra member, so a test can add
 * the undefined terms and wrong values it is about.
 */
export type CredentialDraft = Pick<OpenBadgeCredential, 'type' | 'issuer' | 'name' | 'credentialSubject'> &
  Partial<
    Pick<OpenBadgeCredential, '@context' | 'id' | 'validFrom' | 'validUntil' | 'awardedDate' | 'description' | 'proof'>
  > &
  Record<string, unknown>;

/** The clock every test pins: well after the credentials' validFrom and before their validUntil. */
export const NOW = new Date('2026-06-01T12:00:00Z');

/** A valid unsigned Open Badges 3.0 credential issued by `key`'s controller (any key type, or just `{ controller }`). */
export function unsignedCredential(
  key: Pick<Key, 'controller'>,
  overrides: Partial<CredentialDraft> = {},
): CredentialDraft {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Formative Assessment Practice',
    validFrom: '2026-01-15T09:00:00Z',
    issuer: { id: key.controller as string, type: ['Profile'], name: 'Example District PD' },
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:teacher-42',
      achievement: {
        id: 'https://pd.example.org/achievements/formative-assessment',
        type: ['Achievement'],
        name: 'Formative Assessment',
        description: 'Uses formative assessment to adjust instruction.',
        criteria: { narrative: 'A reviewed lesson plan and classroom evidence.' },
        achievementType: 'MicroCredential',
      },
    },
    ...overrides,
  };
}

/** A deep copy that a test may change freely. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The check with the given id in a report (fails the test when it is absent). */
export function check(report: VerificationReport, id: CheckId): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`report has no "${id}" check`);
  return found;
}

/** `[code, path]` of every problem of a report's check, in order. */
export function problemsOf(report: VerificationReport, id: CheckId): [string, string | undefined][] {
  const found = check(report, id);
  return (found.problems ?? (found.problem ? [found.problem] : [])).map((p) => [p.code, p.path]);
}

/** The first check of a report that did not pass. */
export function firstProblem(report: VerificationReport): CheckResult | undefined {
  return report.checks.find((c) => c.outcome !== 'passed');
}

/** A fixture file under test/fixtures, parsed as JSON. */
export function fixture(relativePath: string): Record<string, unknown> {
  return JSON.parse(readFileSync(fixturePath(relativePath), 'utf8')) as Record<string, unknown>;
}

/** The absolute path of a fixture file under test/fixtures. */
export function fixturePath(relativePath: string): string {
  return fileURLToPath(new URL(`../fixtures/${relativePath}`, import.meta.url));
}

/**
 * The 1EdTech OB 3.0 test vector's issuer key document: the issuer publishes its key at an https
 * URL, and microcred never fetches, so a test supplies it (`documents: { [controller]: document }`).
 */
export function specVectorKeyDocument(): { controller: string; document: Record<string, unknown> } {
  const keys = fixture('spec/test-vectors/obv3p0/keypair-and-intermediates.json') as Record<string, string>;
  const controller = keys.controller as string;
  const document = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: controller,
    verificationMethod: [
      { id: keys.verificationMethod, type: 'Multikey', controller, publicKeyMultibase: keys.publicKeyMultibase },
    ],
    assertionMethod: [keys.verificationMethod],
  };
  return { controller, document };
}
