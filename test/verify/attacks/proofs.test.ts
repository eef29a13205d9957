// Proofs that verify cryptographically but must not make a credential authentic, and the reverse:
// a proof past its own `expires`, or `created` after the moment checked, fails (allowing the clock
// skew and no more); a stranger's valid proof beside the issuer's is a warning part, not a reason
// to refuse the issuer's. Every case starts from a genuinely signed credential: microcred's own, and
// the plain Digital Bazaar stack's, under eddsa-rdfc-2022 and Ed25519Signature2020.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
  type VerificationReport,
} from '../../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../../helpers/credential.js';
import { digitalBazaarKeyPair, digitalBazaarLoader, signWithDigitalBazaar } from '../../helpers/digitalBazaar.js';

type Suite = 'eddsa-rdfc-2022' | 'Ed25519Signature2020';
type Signer = { id?: string; algorithm?: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };

const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';
const SKEW_MS = 300_000;

const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86_400_000;

let key: Key<'ed25519'>;

beforeAll(async () => {
  key = await generateKey();
});

/** The unsigned credential of `controller`, with the Ed25519Signature2020 context when that suite signs it. */
function draft(controller: string, suite: Suite): Record<string, unknown> {
  const base = unsignedCredential({ controller } as Key<'ed25519'>, {
    id: 'urn:uuid:3c1f2a4e-9b7d-4e21-8c55-6a0f1e2d3b4c',
  }) as Record<string, unknown>;
  return suite === 'Ed25519Signature2020'
    ? { ...base, '@context': [...(base['@context'] as string[]), ED25519_2020_CONTEXT] }
    : base;
}

/** Signs with the plain stack's suites, with the proof options microcred's issuer never writes (`expires`). */
async function signWithProofOptions(
  credential: Record<string, unknown>,
  signer: Signer,
  suite: Suite,
  options: { created: string; expires?: string },
): Promise<Record<string, unknown>> {
  const extra = options.expires ? { expires: options.expires } : undefined;
  let proofSuite: unknown;
  if (suite === 'eddsa-rdfc-2022') {
    const dip = new DataIntegrityProof({ signer, cryptosuite, date: options.created }) as unknown as {
      proof?: unknown;
    };
    // DataIntegrityProof starts the proof from `this.proof` when it is set.
    if (extra) dip.proof = extra;
    proofSuite = dip;
  } else {
    proofSuite = new Ed25519Signature2020({ signer, date: options.created, ...(extra ? { proof: extra } : {}) });
  }
  return vc.issue({
    credential: structuredClone(credential),
    suite: proofSuite,
    documentLoader: digitalBazaarLoader(),
  });
}

/** Who signs in each case: microcred's key, or a key the plain stack made. */
const SIGNERS: [string, () => Promise<{ controller: string; signer: Signer }>][] = [
  ["microcred's key", async () => ({ controller: key.controller, signer: key.signer() })],
  [
    'a plain Digital Bazaar key',
    async () => {
      const pair = await digitalBazaarKeyPair();
      return { controller: pair.controller, signer: pair.signer() as Signer };
    },
  ],
];
const SUITES: Suite[] = ['eddsa-rdfc-2022', 'Ed25519Signature2020'];
const CASES = SIGNERS.flatMap(([who, make]) => SUITES.map((suite) => [who, suite, make] as const));

function signature(report: VerificationReport) {
  const { outcome, problem } = check(report, 'signature');
  return { outcome, code: problem?.code, path: problem?.path };
}

describe('a proof past its own expires', () => {
  it.each(CASES)(
    '%s, %s: fails with ERR_PROOF_EXPIRED at proof.expires once past the clock skew',
    async (_who, suite, make) => {
      const { controller, signer } = await make();
      const expired = await signWithProofOptions(draft(controller, suite), signer, suite, {
        created: at(-30 * DAY),
        expires: at(-DAY),
      });
      expect((expired.proof as Record<string, unknown>).expires).toBe(at(-DAY));

      const report = await verifyCredential(expired, { now: NOW });
      expect(signature(report)).toEqual({ outcome: 'failed', code: 'ERR_PROOF_EXPIRED', path: 'proof.expires' });
      expect(check(report, 'signature').problem?.detail).toContain(at(-DAY));
      expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });

      // The same proof checked on a day it was in force verifies: the signature itself is genuine.
      expect(signature(await verifyCredential(expired, { now: new Date(Date.parse(at(-2 * DAY))) })).outcome).toBe(
        'passed',
      );
    },
  );

  it.each(SUITES)(
    '%s: within the clock skew it still holds, beyond it it does not (and clockSkewSeconds is honoured)',
    async (suite) => {
      const justExpired = await signWithProofOptions(draft(key.controller, suite), key.signer(), suite, {
        created: at(-DAY),
        expires: at(-SKEW_MS + 60_000),
      });
      expect(signature(await verifyCredential(justExpired, { now: NOW })).outcome).toBe('passed');
      expect(signature(await verifyCredential(justExpired, { now: NOW, clockSkewSeconds: 0 })).code).toBe(
        'ERR_PROOF_EXPIRED',
      );
      const beyond = await signWithProofOptions(draft(key.controller, suite), key.signer(), suite, {
        created: at(-DAY),
        expires: at(-SKEW_MS - 60_000),
      });
      expect(signature(await verifyCredential(beyond, { now: NOW })).code).toBe('ERR_PROOF_EXPIRED');
    },
  );

  it('an expires that is not a date-time with a timezone is refused, though the signature holds', async () => {
    const odd = await signWithProofOptions(
      draft(key.controller, 'Ed25519Signature2020'),
      key.signer(),
      'Ed25519Signature2020',
      { created: at(-DAY), expires: '2099-01-01T00:00:00' },
    );
    expect(signature(await verifyCredential(odd, { now: NOW }))).toMatchObject({
      outcome: 'failed',
      path: 'proof.expires',
    });
  });
});

describe('a proof created after the moment it is checked at', () => {
  it.each(SUITES)(
    'microcred, %s: signed a day after NOW, it fails with ERR_PROOF_NOT_YET_VALID at proof.created',
    async (suite) => {
      const unsigned = draft(key.controller, suite) as Parameters<typeof issueCredential>[0];
      const later = await issueCredential(unsigned, { key, now: new Date(NOW.getTime() + DAY), suite });
      const report = await verifyCredential(later, { now: NOW });
      expect(signature(report)).toEqual({ outcome: 'failed', code: 'ERR_PROOF_NOT_YET_VALID', path: 'proof.created' });
      expect(report).toMatchObject({ authentic: false, verified: false });
      // Checked once it exists, it verifies.
      expect(signature(await verifyCredential(later, { now: new Date(NOW.getTime() + 2 * DAY) })).outcome).toBe(
        'passed',
      );
    },
  );

  it('the plain Digital Bazaar stack, eddsa-rdfc-2022: the same', async () => {
    const pair = await digitalBazaarKeyPair();
    const later = await signWithDigitalBazaar(draft(pair.controller, 'eddsa-rdfc-2022'), pair, at(DAY));
    expect(signature(await verifyCredential(later, { now: NOW }))).toEqual({
      outcome: 'failed',
      code: 'ERR_PROOF_NOT_YET_VALID',
      path: 'proof.created',
    });
  });

  it('a created within the clock skew is a clock that runs fast, not a forgery', async () => {
    const unsigned = draft(key.controller, 'eddsa-rdfc-2022') as Parameters<typeof issueCredential>[0];
    const fast = await issueCredential(unsigned, { key, now: new Date(NOW.getTime() + SKEW_MS - 60_000) });
    expect(signature(await verifyCredential(fast, { now: NOW })).outcome).toBe('passed');
    const faster = await issueCredential(unsigned, { key, now: new Date(NOW.getTime() + SKEW_MS + 60_000) });
    expect(signature(await verifyCredential(faster, { now: NOW })).code).toBe('ERR_PROOF_NOT_YET_VALID');
  });
});

describe('with several proofs', () => {
  it('an expired second proof names its index: proof[1].expires', async () => {
    const unsigned = draft(key.controller, 'Ed25519Signature2020');
    const good = await issueCredential(unsigned as Parameters<typeof issueCredential>[0], { key, now: NOW });
    const expired = await signWithProofOptions(unsigned, key.signer(), 'Ed25519Signature2020', {
      created: at(-30 * DAY),
      expires: at(-DAY),
    });
    const both = { ...clone(good), proof: [clone(good.proof), expired.proof] };
    const report = await verifyCredential(both, { now: NOW });
    expect(signature(report)).toEqual({ outcome: 'failed', code: 'ERR_PROOF_EXPIRED', path: 'proof[1].expires' });
    expect(check(report, 'signature').parts?.map((p) => p.outcome)).toEqual(['passed', 'failed']);
  });
});

describe("a stranger's valid proof beside the issuer's", () => {
  async function signedByBoth(suite: Suite) {
    const unsigned = draft(key.controller, suite);
    const own = await issueCredential(unsigned as Parameters<typeof issueCredential>[0], { key, now: NOW, suite });
    const stranger = await digitalBazaarKeyPair();
    const theirs = await signWithProofOptions(unsigned, stranger.signer() as Signer, suite, { created: at(-DAY) });
    return { own, theirs, stranger };
  }

  it.each(SUITES)(
    "%s, the stranger's listed first: the issuer's proof decides; the stranger's is a warning part \"also signed by\"",
    async (suite) => {
      const { own, theirs, stranger } = await signedByBoth(suite);
      const doc = { ...clone(own), proof: [theirs.proof, clone(own.proof)] };
      const report = await verifyCredential(doc, { now: NOW });
      const sig = check(report, 'signature');
      expect(sig.outcome).toBe('passed');
      expect(sig.parts?.map((p) => p.outcome)).toEqual(['warning', 'passed']);
      expect(sig.parts?.[0]?.problem).toMatchObject({
        code: 'ERR_PROOF_NOT_BY_ISSUER',
        path: 'proof[0]',
        title: 'Also signed by someone other than the issuer',
        detail: expect.stringContaining(`Also signed by ${stranger.controller}`),
      });
      expect(check(report, 'issuer').outcome).toBe('passed');
      expect(report).toMatchObject({ authentic: true, verified: true });
      // The report names the proof that decided, not the first one listed.
      expect(report.credential?.proof?.verificationMethod).toBe(
        (own.proof as { verificationMethod: string }).verificationMethod,
      );
    },
  );

  it("the stranger's listed last: the same", async () => {
    const { own, theirs } = await signedByBoth('eddsa-rdfc-2022');
    const report = await verifyCredential({ ...clone(own), proof: [clone(own.proof), theirs.proof] }, { now: NOW });
    expect(check(report, 'signature').parts?.map((p) => p.outcome)).toEqual(['passed', 'warning']);
    expect(report).toMatchObject({ authentic: true, verified: true });
  });

  it("a stranger's proof that does not verify still fails the credential", async () => {
    const { own, theirs } = await signedByBoth('eddsa-rdfc-2022');
    const broken = { ...(theirs.proof as Record<string, unknown>), created: at(-2 * DAY) };
    const report = await verifyCredential({ ...clone(own), proof: [broken, clone(own.proof)] }, { now: NOW });
    expect(signature(report)).toEqual({ outcome: 'failed', code: 'ERR_SIGNATURE_INVALID', path: 'proof[0]' });
    expect(report.authentic).toBe(false);
  });

  it('with no verified proof by the issuer, the issuer check fails as before (ERR_ISSUER_MISMATCH)', async () => {
    const { own, theirs, stranger } = await signedByBoth('eddsa-rdfc-2022');
    const other = await digitalBazaarKeyPair();
    const third = await signWithProofOptions(
      draft(key.controller, 'eddsa-rdfc-2022'),
      other.signer() as Signer,
      'eddsa-rdfc-2022',
      { created: at(-DAY) },
    );
    const report = await verifyCredential({ ...clone(own), proof: [theirs.proof, third.proof] }, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'issuer')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_ISSUER_MISMATCH' } });
    expect(check(report, 'issuer').problem?.detail).toContain(stranger.controller);
    expect(report).toMatchObject({ authentic: false, verified: false });
  });
});
