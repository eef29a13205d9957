import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/verify/format.js';
import type { CheckResult, VerificationReport } from '../../src/verify/report.js';

const credential = {
  id: 'urn:uuid:0f6d4c4e-4a0b-4b8e-9d7b-0c0c9a3f2b11',
  name: 'Formative Assessment Practice',
  issuer: { id: 'did:web:pd.example.org', name: 'Example District' },
  achievement: { id: 'https://pd.example.org/achievements/fa', name: 'Formative Assessment' },
  recipient: 'did:example:teacher-42',
  validFrom: '2025-01-01T00:00:00Z',
  validUntil: '2025-03-01T00:00:00Z',
};

const pass = (id: CheckResult['id'], title: string): CheckResult => ({ id, title, outcome: 'passed' });

const allPassed: CheckResult[] = [
  pass('parse', 'The credential is a JSON object'),
  pass('jsonld', 'Contexts are known and define every term'),
  pass('type', 'It is an Open Badges credential'),
  pass('proof', 'A proof is present'),
  pass('signature', 'The signature is valid'),
  pass('issuer', 'The issuer owns the signing key'),
  pass('validity', 'It is within its validity period'),
];

function report(
  overrides: Partial<VerificationReport>,
  replace: Partial<Record<CheckResult['id'], CheckResult>> = {},
): VerificationReport {
  return {
    verified: true,
    authentic: true,
    summary: 'verified',
    checkedAt: '2025-06-01T00:00:00.000Z',
    credential,
    checks: allPassed.map((c) => replace[c.id] ?? c),
    ...overrides,
  };
}

const expired: CheckResult = {
  id: 'validity',
  title: 'It is within its validity period',
  outcome: 'failed',
  problem: {
    code: 'ERR_EXPIRED',
    title: 'Expired',
    detail: 'The credential expired at 2025-03-01T00:00:00Z; it is checked at 2025-06-01T00:00:00.000Z.',
    path: 'validUntil',
  },
};
const badSignature: CheckResult = {
  id: 'signature',
  title: 'The signature is valid',
  outcome: 'failed',
  problem: {
    code: 'ERR_SIGNATURE_INVALID',
    title: 'The signature does not match',
    detail: 'A signed value was changed after signing.',
    path: 'proof',
  },
};
const skipped = (id: CheckResult['id'], title: string): CheckResult => ({
  id,
  title,
  outcome: 'skipped',
  problem: {
    code: 'ERR_CHECK_SKIPPED',
    title: 'Not checked',
    detail: 'Not checked because "The signature is valid" did not pass.',
  },
});
const unresolved: CheckResult = {
  id: 'signature',
  title: 'The signature is valid',
  outcome: 'could-not-check',
  problem: {
    code: 'ERR_KEY_UNRESOLVED',
    title: 'The signing key could not be found',
    detail: 'did:web:pd.example.org#key-1 could not be resolved offline.',
    path: 'proof.verificationMethod',
  },
};
const warning: CheckResult = {
  id: 'type',
  title: 'It is an Open Badges credential',
  outcome: 'warning',
  problem: {
    code: 'ERR_FIELD_INVALID',
    title: 'An optional field is unusual',
    detail: 'credentialSubject.role is empty.',
    path: 'credentialSubject.role',
  },
};

/** The lines from the check titled `title` up to the next check line. */
function block(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes(title));
  expect(start).toBeGreaterThan(-1);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^ {2}\S/.test(l) || l === '');
  return [lines[start]!, ...rest.slice(0, end < 0 ? undefined : end)];
}

describe('formatReport', () => {
  it('a verified credential: headline, what it is, and one ✔ line per check with nothing under it', () => {
    const text = formatReport(report({}));
    expect(text.split('\n')[0]).toBe('✔ Verified');
    expect(text).toMatch(/Credential +Formative Assessment Practice/);
    expect(text).toMatch(/Issuer +Example District \(did:web:pd\.example\.org\)/);
    expect(text).toMatch(/Achievement +Formative Assessment \(https:\/\/pd\.example\.org\/achievements\/fa\)/);
    expect(text).toMatch(/Recipient +did:example:teacher-42/);
    expect(text).toMatch(/Valid +from 2025-01-01T00:00:00Z until 2025-03-01T00:00:00Z/);
    expect(text).toMatch(/Checked at +2025-06-01T00:00:00\.000Z/);
    for (const check of allPassed) expect(block(text, check.title)).toEqual([`  ✔ ${check.title}`]);
  });

  it('authentic but expired: "Genuine, but expired on" the date, and the problem under the check', () => {
    const text = formatReport(report({ verified: false, summary: 'invalid' }, { validity: expired }));
    expect(text.split('\n')[0]).toBe('✖ Genuine, but expired on 2025-03-01');
    expect(block(text, 'It is within its validity period')).toEqual([
      '  ✖ It is within its validity period (failed)',
      '      Expired',
      '      The credential expired at 2025-03-01T00:00:00Z; it is checked at 2025-06-01T00:00:00.000Z.',
      '      code ERR_EXPIRED · path validUntil',
    ]);
  });

  it('a forgery: "Invalid —" the failed problem, and later checks shown as skipped', () => {
    const text = formatReport(
      report(
        { verified: false, authentic: false, summary: 'invalid' },
        {
          signature: badSignature,
          issuer: skipped('issuer', 'The issuer owns the signing key'),
          validity: skipped('validity', 'It is within its validity period'),
        },
      ),
    );
    expect(text.split('\n')[0]).toBe('✖ Invalid — the signature does not match');
    const lines = block(text, 'The signature is valid');
    expect(lines[0]).toBe('  ✖ The signature is valid (failed)');
    expect(lines).toContain('      The signature does not match');
    expect(lines).toContain('      A signed value was changed after signing.');
    expect(lines).toContain('      code ERR_SIGNATURE_INVALID · path proof');
    expect(block(text, 'The issuer owns the signing key')).toEqual([
      '  – The issuer owns the signing key (skipped)',
      '      Not checked because "The signature is valid" did not pass. (ERR_CHECK_SKIPPED)',
    ]);
  });

  it('could not check: "? Could not check —" the reason, with its code and path', () => {
    const text = formatReport(
      report({ verified: false, authentic: false, summary: 'could-not-check' }, { signature: unresolved }),
    );
    expect(text.split('\n')[0]).toBe('? Could not check — the signing key could not be found');
    expect(block(text, 'The signature is valid')).toEqual([
      '  ? The signature is valid (could not check)',
      '      The signing key could not be found',
      '      did:web:pd.example.org#key-1 could not be resolved offline.',
      '      code ERR_KEY_UNRESOLVED · path proof.verificationMethod',
    ]);
  });

  it('a warning: verified with warnings, and the warning explained', () => {
    const text = formatReport(report({ summary: 'verified-with-warnings' }, { type: warning }));
    expect(text.split('\n')[0]).toBe('✔ Verified, with warnings');
    expect(block(text, 'It is an Open Badges credential')).toEqual([
      '  ⚠ It is an Open Badges credential (warning)',
      '      An optional field is unusual',
      '      credentialSubject.role is empty.',
      '      code ERR_FIELD_INVALID · path credentialSubject.role',
    ]);
  });

  it('a problem without a path shows its code alone', () => {
    const noPath: CheckResult = { ...badSignature, problem: { ...badSignature.problem!, path: undefined } };
    const text = formatReport(report({ verified: false, authentic: false, summary: 'invalid' }, { signature: noPath }));
    expect(block(text, 'The signature is valid').at(-1)).toBe('      code ERR_SIGNATURE_INVALID');
  });

  it('a report without a credential summary (unparseable input) still has a headline and checks', () => {
    const notJson: CheckResult = {
      id: 'parse',
      title: 'The credential is a JSON object',
      outcome: 'failed',
      problem: { code: 'ERR_INPUT_NOT_JSON', title: 'Not JSON', detail: 'The text could not be read as JSON.' },
    };
    const text = formatReport({
      verified: false,
      authentic: false,
      summary: 'invalid',
      checkedAt: '2025-06-01T00:00:00.000Z',
      checks: [notJson],
    });
    expect(text.split('\n')[0]).toBe('✖ Invalid — not JSON');
    expect(text).not.toContain('Issuer');
    expect(text).toContain('code ERR_INPUT_NOT_JSON');
  });

  it('no ANSI colour unless asked; colour when asked', () => {
    const plain = formatReport(report({ verified: false, summary: 'invalid' }, { validity: expired }));
    expect(plain).not.toContain('\u001b[');
    const coloured = formatReport(report({ verified: false, summary: 'invalid' }, { validity: expired }), {
      color: true,
    });
    expect(coloured).toContain('\u001b[31m✖\u001b[39m');
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');
    expect(coloured.replace(ansi, '')).toBe(plain);
  });

  it('escapes control characters from the credential, so it cannot drive the terminal', () => {
    const hostile = { ...credential, name: 'Badge\u001b[2J\u001b]0;owned\u0007', issuer: { name: 'Line\nbreak' } };
    const text = formatReport(report({ credential: hostile }));
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
    expect(text).toContain('Badge\\u001b[2J');
    expect(text).toMatch(/Issuer +Line\\u000abreak/);
  });
});
