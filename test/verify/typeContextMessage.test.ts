// The type check names the context a credential of its kind needs: the CLR 2.0 context for a
// ClrCredential, an Open Badges 3.0 context for a badge.
import { describe, expect, it } from 'vitest';
import { structureProblems } from '../../src/verify/checks/type.js';
import type { CredentialView } from '../../src/verify/view/view.js';

const viewOf = (types: string[]): CredentialView => ({
  types,
  subjects: [],
  status: [],
  schemas: [],
  evidence: [],
  endorsements: [],
});
const doc = { '@context': ['https://www.w3.org/ns/credentials/v2'] };

describe('a missing kind context', () => {
  it('a ClrCredential without the CLR 2.0 context is told to list it', () => {
    const missing = structureProblems(doc, viewOf(['VerifiableCredential', 'ClrCredential'])).find(
      (p) => p.code === 'ERR_CONTEXT_MISSING',
    );
    expect(missing?.detail).toContain('https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json');
    expect(missing?.detail).not.toContain('Open Badges');
  });

  it('an Open Badge without an OB context is told to list one', () => {
    const missing = structureProblems(doc, viewOf(['VerifiableCredential', 'OpenBadgeCredential'])).find(
      (p) => p.code === 'ERR_CONTEXT_MISSING',
    );
    expect(missing?.detail).toContain('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json');
  });
});
