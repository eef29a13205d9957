// What `microcred verify` adds to a report's problems: the library names the option that supplies
// what is missing (the documents option, the fetch option); the CLI names its own flag for it.
import { ErrorCode } from '../errors.js';
import type { VerificationReport } from '../verify/report.js';

const HINTS: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.CONTEXT_UNKNOWN]:
    'a context the credential names is not bundled; if you trust it, give it with --doc URL=FILE.',
  [ErrorCode.KEY_UNRESOLVED]:
    'the signing key could not be found offline; give the document that holds it with --doc URL=FILE (a did:web DID document with --did-doc FILE).',
  [ErrorCode.NETWORK_DISABLED]:
    'a document this check needs is not held; give it with --doc URL=FILE, or let microcred fetch it with --allow-network.',
  [ErrorCode.STATUS_LIST_UNAVAILABLE]:
    'a status list could not be read; give it with --status-list FILE, or let microcred fetch it with --allow-network.',
  [ErrorCode.SCHEMA_UNRESOLVED]:
    'a JSON Schema the credential names is not bundled; give it with --doc URL=FILE, or let microcred fetch it with --allow-network.',
};

/** `microcred verify`'s hint for a problem with `code`: which of its flags supplies what is missing. */
export function cliHintFor(code: string): string | undefined {
  return HINTS[code as ErrorCode];
}

/** Every code in the reports (each check's problems and parts), in order of first appearance. */
export function codesIn(reports: readonly VerificationReport[]): string[] {
  const codes = reports.flatMap((r) =>
    r.checks.flatMap((c) =>
      [c.problem, ...(c.problems ?? []), ...(c.parts ?? []).map((p) => p.problem)].flatMap((p) => (p ? [p.code] : [])),
    ),
  );
  return [...new Set(codes)];
}
