// The schema check: the official OB 3.0 JSON Schema of the credential's type, plus every
// 1EdTechJsonSchemaValidator2019 schema it names. A finding makes the credential invalid but leaves
// `authentic` to the proof; a named schema that cannot be had is "could not check", naming its URL.
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentLoader, OB3_SCHEMAS, generateKey, validateAgainstSchema, verifyCredential } from '../../src/index.js';
import {
  NOW,
  check,
  clone,
  fixture,
  problemsOf,
  unsignedCredential,
  type CredentialDraft,
} from '../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';

type Pair = Awaited<ReturnType<typeof digitalBazaarKeyPair>>;
let pair: Pair;
let draft: CredentialDraft;

beforeAll(async () => {
  pair = await digitalBazaarKeyPair();
  draft = { ...unsignedCredential(await generateKey()), id: 'urn:uuid:7d3c0f0e-1b1a-4f8e-9a51-3a0a1c2b9e10' };
  draft.issuer = { id: pair.controller, type: ['Profile'], name: 'Example District PD' };
});

/** Signs `change(draft)` with the plain Digital Bazaar stack, which checks no Open Badges rule. */
async function signed(change: (c: Record<string, unknown>) => void = () => {}): Promise<Record<string, unknown>> {
  const doc = clone(draft) as unknown as Record<string, unknown>;
  change(doc);
  return signWithDigitalBazaar(doc, pair);
}

const NAMED = 'https://pd.example.org/schemas/formative-assessment.json';
// 1EdTechJsonSchemaValidator2019 is defined by the OB extensions context.
const EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
const named = (doc: Record<string, unknown>) => {
  doc['@context'] = [...(doc['@context'] as string[]), EXTENSIONS];
  doc.credentialSchema = [{ id: NAMED, type: '1EdTechJsonSchemaValidator2019' }];
};

describe('the schema check', () => {
  it('passes an authentic credential that matches the AchievementCredential schema', async () => {
    const report = await verifyCredential(await signed(), { now: NOW });
    expect(check(report, 'schema')).toEqual({
      id: 'schema',
      title: 'It matches the Open Badges 3.0 JSON Schema',
      outcome: 'passed',
    });
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
  });

  it('fails a schema-invalid credential, one problem per finding, while it stays authentic', async () => {
    const credential = await signed((doc) => {
      const achievement = (doc.credentialSubject as { achievement: Record<string, unknown> }).achievement;
      achievement.achievementType = 'Program';
      delete achievement.criteria;
    });
    const report = await verifyCredential(credential, { now: NOW });
    const result = check(report, 'schema');
    expect(result.outcome).toBe('failed');
    expect(problemsOf(report, 'schema')).toEqual([
      ['ERR_SCHEMA_INVALID', 'credentialSubject.achievement.criteria'],
      ['ERR_SCHEMA_INVALID', 'credentialSubject.achievement.achievementType'],
    ]);
    expect(result.problem).toEqual(result.problems?.[0]);
    expect(result.problem).toMatchObject({
      title: 'Does not match the JSON Schema',
      detail:
        'credentialSubject.achievement.criteria is required but missing (the AchievementCredential JSON Schema of Open Badges 3.0).',
    });
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'invalid' });
  });

  it('applies a named schema microcred bundles once, by its purl URL (VC 2.0 type JsonSchema)', async () => {
    const credential = await signed((doc) => {
      doc.credentialSchema = [
        {
          id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
          type: 'JsonSchema',
        },
      ];
    });
    const result = check(await verifyCredential(credential, { now: NOW }), 'schema');
    expect(result).toMatchObject({ outcome: 'passed' });
    expect(result.parts).toBeUndefined();
  });

  it('a named schema nobody supplied: could not check, naming its URL; the official one still passes as its own part', async () => {
    const report = await verifyCredential(await signed(named), { now: NOW });
    const result = check(report, 'schema');
    expect(result).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_SCHEMA_UNRESOLVED', path: 'credentialSchema[0]' },
    });
    expect(result.problem?.detail).toContain(NAMED);
    expect(result.parts?.map((p) => [p.label, p.outcome])).toEqual([
      ['AchievementCredential schema (1EdTech, bundled)', 'passed'],
      [`credentialSchema[0] ${NAMED}`, 'could-not-check'],
    ]);
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'could-not-check' });
  });

  it('a named schema the caller holds is applied from the loader, and its findings name it', async () => {
    const credential = await signed(named);
    const strict = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['description'],
    };
    const failing = await verifyCredential(credential, {
      now: NOW,
      loader: new DocumentLoader({ documents: { [NAMED]: strict } }),
    });
    expect(check(failing, 'schema')).toMatchObject({
      outcome: 'failed',
      problem: {
        code: 'ERR_SCHEMA_INVALID',
        path: 'description',
        detail: `description is required but missing (the schema at ${NAMED}).`,
      },
    });
    expect(check(failing, 'schema').parts?.map((p) => p.outcome)).toEqual(['passed', 'failed']);

    const lenient = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', required: ['name'] };
    const passing = await verifyCredential(credential, {
      now: NOW,
      loader: new DocumentLoader({ documents: { [NAMED]: lenient } }),
    });
    expect(check(passing, 'schema').outcome).toBe('passed');
    expect(passing.verified).toBe(true);
  });

  it('a held document that is not a usable schema: could not check, saying why', async () => {
    const draft4 = fixture('schemas/clr_v2p0_clrcredential_schema_draft4.json');
    const report = await verifyCredential(await signed(named), {
      now: NOW,
      loader: new DocumentLoader({ documents: { [NAMED]: draft4 } }),
    });
    expect(check(report, 'schema')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_SCHEMA_UNRESOLVED' },
    });
    expect(check(report, 'schema').problem?.detail).toContain('draft-04');
  });

  it('ignores credentialSchema entries of other kinds (a JsonSchemaCredential is a credential, not a schema)', async () => {
    const credential = await signed((doc) => {
      doc.credentialSchema = [{ id: NAMED, type: 'JsonSchemaCredential' }];
    });
    const result = check(await verifyCredential(credential, { now: NOW }), 'schema');
    expect(result.outcome).toBe('passed');
    expect(result.parts).toBeUndefined();
  });

  it('measures an EndorsementCredential against the EndorsementCredential schema', async () => {
    const endorsement = fixture(
      'dcc/vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement.json',
    );
    expect(check(await verifyCredential(endorsement, { now: NOW }), 'schema').outcome).toBe('passed');
    const nameless = clone(endorsement);
    delete nameless.name;
    // Changed after signing: the signature fails, and the schema is not even compiled for it.
    expect(check(await verifyCredential(nameless, { now: NOW }), 'schema').outcome).toBe('skipped');
    expect(validateAgainstSchema(nameless, OB3_SCHEMAS.EndorsementCredential)).toContainEqual(
      expect.objectContaining({ path: 'name', keyword: 'required' }),
    );
  });

  it("several status entries (VC 2.0 allows them; OB 3.0's schema names one) are measured entry by entry", async () => {
    const entry = (purpose: string, index: number) => ({
      id: `https://pd.example.org/status/${purpose}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(index),
      statusListCredential: `https://pd.example.org/status/${purpose}`,
    });
    const two = await signed((doc) => {
      doc.credentialStatus = [entry('revocation', 7), entry('suspension', 9)];
    });
    expect(check(await verifyCredential(two, { now: NOW }), 'schema').outcome).toBe('passed');

    // The schema asks each entry for an id.
    const { id: _id, ...anonymous } = entry('suspension', 9);
    const broken = await signed((doc) => {
      doc.credentialStatus = [entry('revocation', 7), anonymous];
    });
    const report = await verifyCredential(broken, { now: NOW });
    expect(problemsOf(report, 'schema')).toEqual([['ERR_SCHEMA_INVALID', 'credentialStatus[1].id']]);
  });

  it('a VC 1.1 Open Badge is not measured against the VC 2.0 schema: a warning, and it is still verified', async () => {
    const v1 = fixture(
      'dcc/vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.json',
    );
    const report = await verifyCredential(v1, { now: NOW });
    expect(check(report, 'schema')).toMatchObject({
      outcome: 'warning',
      problem: { code: 'ERR_SCHEMA_NOT_APPLICABLE', path: '@context[0]' },
    });
    expect(report).toMatchObject({ verified: true, summary: 'verified-with-warnings' });
  });

  it('is left out of the report for a plain VC that names no schema', async () => {
    const report = await verifyCredential(
      await signed((doc) => {
        doc.type = ['VerifiableCredential'];
      }),
      { now: NOW },
    );
    expect(report.checks.map((c) => c.id)).not.toContain('schema');
    expect(check(report, 'type')).toMatchObject({ outcome: 'warning', problem: { code: 'ERR_NOT_OPEN_BADGE' } });
  });
});
