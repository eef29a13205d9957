// formatReport shows what this capability adds to a report: every finding of a check (not only the
// first), one line per part (each proof of several), and the caller's name for a known issuer.
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/verify/format.js';
import type { CheckResult, VerificationReport } from '../../src/verify/report.js';

const base: VerificationReport = {
  verified: true,
  authentic: true,
  summary: 'verified',
  checkedAt: '2026-06-01T12:00:00.000Z',
  credential: {
    name: 'Formative Assessment Practice',
    issuer: { id: 'did:web:pd.example.org', name: 'Example District' },
  },
  checks: [],
};

const lines = (report: VerificationReport) => formatReport(report).split('\n');

describe('formatReport and the parts of a check', () => {
  it('lists each proof under a passed signature check', () => {
    const signature: CheckResult = {
      id: 'signature',
      title: 'The signature is valid',
      outcome: 'passed',
      parts: [
        { label: 'DataIntegrityProof (eddsa-rdfc-2022) by did:web:pd.example.org#key-1', outcome: 'passed' },
        {
          label: 'DataIntegrityProof (bbs-2023) by did:web:pd.example.org#key-2',
          outcome: 'warning',
          problem: { code: 'ERR_PROOF_UNSUPPORTED', title: 'A proof microcred does not verify', detail: '…' },
        },
      ],
    };
    const text = lines({ ...base, checks: [signature] });
    const at = text.indexOf('  ✔ The signature is valid');
    expect(text.slice(at, at + 3)).toEqual([
      '  ✔ The signature is valid',
      '      ✔ DataIntegrityProof (eddsa-rdfc-2022) by did:web:pd.example.org#key-1',
      '      ⚠ DataIntegrityProof (bbs-2023) by did:web:pd.example.org#key-2 — A proof microcred does not verify (ERR_PROOF_UNSUPPORTED)',
    ]);
  });

  it('shows every finding of a failed check, the first in full and the others one line each', () => {
    const schema: CheckResult = {
      id: 'schema',
      title: 'It matches the Open Badges 3.0 JSON Schema',
      outcome: 'failed',
      problem: {
        code: 'ERR_SCHEMA_INVALID',
        title: 'A required property is missing',
        detail: 'validFrom is required but missing.',
        path: 'validFrom',
      },
      problems: [
        {
          code: 'ERR_SCHEMA_INVALID',
          title: 'A required property is missing',
          detail: 'validFrom is required but missing.',
          path: 'validFrom',
        },
        {
          code: 'ERR_SCHEMA_INVALID',
          title: 'A value has the wrong type',
          detail: 'issuer must be a string or an object.',
          path: 'issuer',
        },
      ],
    };
    const text = lines({ ...base, verified: false, summary: 'invalid', checks: [schema] });
    expect(text[0]).toBe('✖ Genuine, but it does not match the Open Badges 3.0 JSON Schema');
    const at = text.indexOf('  ✖ It matches the Open Badges 3.0 JSON Schema (failed)');
    expect(text.slice(at + 1, at + 5)).toEqual([
      '      A required property is missing',
      '      validFrom is required but missing.',
      '      code ERR_SCHEMA_INVALID · path validFrom',
      '      · issuer must be a string or an object. (ERR_SCHEMA_INVALID · issuer)',
    ]);
  });

  it("names a known issuer as the caller's trust list does", () => {
    const text = lines({
      ...base,
      issuerTrust: { id: 'did:web:pd.example.org', name: 'Example District PD', url: 'https://pd.example.org' },
    });
    expect(text.find((l) => l.includes('Known issuer'))).toMatch(
      /^ {2}Known issuer +Example District PD \(https:\/\/pd\.example\.org\)$/,
    );
    expect(lines(base).some((l) => l.includes('Known issuer'))).toBe(false);
  });
});
