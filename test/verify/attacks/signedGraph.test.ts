// What the report shows is what was signed. A Data Integrity proof signs the credential's graph, not
// its JSON: each attack below rewrites a genuinely signed credential so that its canonical N-Quads —
// and so its signature — stay the same while its JSON shows something else. The signature check
// passing is the proof that the graph is unchanged; the report must then show the signed values and
// refuse the credential (ERR_NOT_AS_SIGNED, with the path).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
  type VerificationReport,
} from '../../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../../helpers/digitalBazaar.js';
import { factsOf, signedQuads } from '../../helpers/nquads.js';

const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
const OB_301 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json';
const XSD_STRING = 'https://www.w3.org/2001/XMLSchema#string';
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let key: Key<'ed25519'>;
let eddsa: Doc; // microcred, eddsa-rdfc-2022, VC 2.0 + OB 3.0.3 (protected)
let ed2020: Doc; // microcred, Ed25519Signature2020, VC 2.0 + OB 3.0.3
let plainVc2: Doc; // the plain Digital Bazaar stack, eddsa-rdfc-2022, VC 2.0 + OB 3.0.3
let plainVc1: Doc; // the plain Digital Bazaar stack, eddsa-rdfc-2022, VC 1.1 + OB 3.0.1 (unprotected)

beforeAll(async () => {
  key = await generateKey();
  eddsa = await issueCredential(unsignedCredential(key), { key, now: NOW });
  ed2020 = await issueCredential(unsignedCredential(key), { key, now: NOW, suite: 'Ed25519Signature2020' });
  const pair = await digitalBazaarKeyPair();
  const issuer = { id: pair.controller, type: ['Profile'], name: 'Example District PD' };
  plainVc2 = await signWithDigitalBazaar({ ...unsignedCredential(key), issuer }, pair);
  const vc1: Doc = {
    ...unsignedCredential(key),
    '@context': ['https://www.w3.org/2018/credentials/v1', OB_301],
    issuanceDate: '2026-01-15T09:00:00Z',
    issuer,
  };
  delete vc1.validFrom;
  plainVc1 = await signWithDigitalBazaar(vc1, pair);
});

/** Verifies, and checks that the graph (so the signature) is the one signed: the attack is real. */
async function verifyAttack(doc: Doc): Promise<VerificationReport> {
  const report = await verifyCredential(doc, { now: NOW });
  expect(check(report, 'signature').outcome, 'the rewrite keeps the signed graph').toBe('passed');
  return report;
}

function expectRefused(report: VerificationReport, path: string): void {
  expect(report.authentic).toBe(false);
  expect(report.verified).toBe(false);
  const view = check(report, 'view');
  expect(view.outcome).toBe('failed');
  expect((view.problems ?? [view.problem]).map((p) => [p?.code, p?.path])).toContainEqual(['ERR_NOT_AS_SIGNED', path]);
  expect(check(report, 'jsonld').problem?.code).toBe('ERR_CONTEXT_INLINE');
}

/** A keyword alias for `name` (its value leaves the graph) and another term for schema:name (the signed value goes there). */
function aliasName(extra: Record<string, unknown> = {}) {
  return { name: '@index', signedName: { '@id': 'https://schema.org/name', ...extra } };
}

describe('a keyword alias moves the signed name out of sight', () => {
  it('under an unprotected OB context (3.0.1, VC 1.1, plain Digital Bazaar): the credential, issuer and achievement names', async () => {
    const doc = clone(plainVc1);
    doc['@context'].push(aliasName({ '@type': XSD_STRING }));
    for (const node of [doc, doc.issuer, doc.credentialSubject.achievement]) {
      node.signedName = node.name;
      node.name = 'Harvard Medical Licence';
    }
    const report = await verifyAttack(doc);
    expectRefused(report, 'name');
    expectRefused(report, 'issuer.name');
    expectRefused(report, 'credentialSubject.achievement.name');
    expect(report.credential).toMatchObject({
      name: 'Formative Assessment Practice',
      issuer: { name: 'Example District PD' },
      achievement: { name: 'Formative Assessment' },
    });
    expect(JSON.stringify(report.credential)).not.toContain('Harvard');
  });

  for (const [label, base] of [
    ['microcred eddsa-rdfc-2022', () => eddsa],
    ['microcred Ed25519Signature2020', () => ed2020],
    ['plain Digital Bazaar', () => plainVc2],
  ] as const) {
    it(`under the protected OB 3.0.3 context (${label}): a full-IRI type skips the type-scoped context, a property-scoped one redefines name`, async () => {
      const doc = clone(base());
      const scoped = {
        ...aliasName(),
        description: 'https://schema.org/description',
        achievementType: `${OB}achievementType`,
        criteria: `${OB}Criteria`,
        narrative: `${OB}narrative`,
      };
      doc['@context'].push({ achievement: { '@id': `${OB}achievement`, '@context': scoped } });
      doc.credentialSubject.type = [`${OB}AchievementSubject`];
      const achievement = doc.credentialSubject.achievement;
      achievement.type = [`${OB}Achievement`];
      achievement.signedName = achievement.name;
      achievement.name = 'Board-Certified Surgeon';
      const report = await verifyAttack(doc);
      expectRefused(report, 'credentialSubject.achievement.name');
      expect(report.credential?.achievement).toEqual({
        id: 'https://pd.example.org/achievements/formative-assessment',
        name: 'Formative Assessment',
      });
      // With the attack's own context refused outright, the verdict is the same and the reason is the context.
      const strict = await verifyCredential(doc, { now: NOW, inlineContexts: 'refuse' });
      expect(check(strict, 'jsonld')).toMatchObject({
        outcome: 'failed',
        problem: { code: 'ERR_CONTEXT_INLINE', path: `@context[${doc['@context'].length - 1}]` },
      });
    });
  }
});

describe('an inline @base makes a relative id read as another IRI', () => {
  it('the achievement id shows as written only if it is the signed IRI', async () => {
    const doc = clone(eddsa);
    doc['@context'].push({
      achievement: { '@id': `${OB}achievement`, '@context': { '@base': 'https://pd.example.org/achievements/' } },
    });
    doc.credentialSubject.type = [`${OB}AchievementSubject`];
    doc.credentialSubject.achievement.id = 'formative-assessment';
    const report = await verifyAttack(doc);
    expectRefused(report, 'credentialSubject.achievement.id');
    expect(report.credential?.achievement?.id).toBe('https://pd.example.org/achievements/formative-assessment');
  });
});

describe('a statement hidden under another spelling', () => {
  it('validUntil written as its full IRI: the credential is expired as signed, and the JSON that hides it is refused', async () => {
    const pair = await digitalBazaarKeyPair();
    const signed = await signWithDigitalBazaar(
      { ...unsignedCredential(key), issuer: pair.controller, validUntil: '2026-03-01T00:00:00Z' },
      pair,
    );
    const doc = clone(signed);
    doc['https://www.w3.org/2018/credentials#validUntil'] = {
      '@value': doc.validUntil,
      '@type': 'http://www.w3.org/2001/XMLSchema#dateTime',
    };
    delete doc.validUntil;
    const report = await verifyAttack(doc);
    expect(check(report, 'view').problem).toMatchObject({ code: 'ERR_NOT_AS_SIGNED', path: 'validUntil' });
    expect(check(report, 'validity').problem).toMatchObject({ code: 'ERR_EXPIRED', path: 'validUntil' });
    expect(report.credential?.validUntil).toBe('2026-03-01T00:00:00Z');
  });

  it('two validUntil values, one under an alias, are ambiguous (ERR_FIELD_REPEATED)', async () => {
    const pair = await digitalBazaarKeyPair();
    const draft: Doc = { ...unsignedCredential(key), issuer: pair.controller, validUntil: '2030-01-01T00:00:00Z' };
    draft['@context'] = [
      ...draft['@context'],
      {
        alsoUntil: {
          '@id': 'https://www.w3.org/2018/credentials#validUntil',
          '@type': 'http://www.w3.org/2001/XMLSchema#dateTime',
        },
      },
    ];
    draft.alsoUntil = '2026-03-01T00:00:00Z';
    const report = await verifyCredential(await signWithDigitalBazaar(draft, pair), { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'view').problems?.map((p) => p.code)).toContain('ERR_FIELD_REPEATED');
    expect(report.authentic).toBe(false);
  });
});

describe('types and inline contexts in real credentials', () => {
  it('a type signed as the full IRI of an OB class is read as that class', async () => {
    const pair = await digitalBazaarKeyPair();
    const draft: Doc = {
      ...unsignedCredential(key),
      issuer: { id: pair.controller, type: ['Profile'], name: 'Example District PD' },
    };
    draft.type = ['VerifiableCredential', `${OB}OpenBadgeCredential`];
    const report = await verifyCredential(await signWithDigitalBazaar(draft, pair), { now: NOW });
    expect(report.authentic).toBe(true);
    expect(check(report, 'type').problems?.map((p) => p.code) ?? []).not.toContain('ERR_TYPE_INVALID');
    expect(check(report, 'view').outcome).toBe('passed');
  });

  it('an inline context the issuer signed with is a warning naming its path, and refused when asked', async () => {
    const pair = await digitalBazaarKeyPair();
    const draft: Doc = {
      ...unsignedCredential(key),
      issuer: { id: pair.controller, type: ['Profile'], name: 'Example District PD' },
    };
    draft['@context'] = [
      ...draft['@context'],
      { '@protected': true, districtCode: 'https://pd.example.org/vocab#districtCode' },
    ];
    draft.districtCode = 'D-042';
    const signed = await signWithDigitalBazaar(draft, pair);
    const report = await verifyCredential(signed, { now: NOW });
    expect(report.authentic).toBe(true);
    expect(check(report, 'view').outcome).toBe('passed');
    expect(check(report, 'jsonld')).toMatchObject({
      outcome: 'warning',
      problem: { code: 'ERR_CONTEXT_INLINE', path: '@context[2]' },
    });
    const strict = await verifyCredential(signed, { now: NOW, inlineContexts: 'refuse' });
    expect(strict).toMatchObject({ authentic: false, verified: false });
    expect(check(strict, 'jsonld')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_CONTEXT_INLINE', path: '@context[2]' },
    });
  });

  it('what the report shows matches the canonical N-Quads of a credential that verifies', async () => {
    const report = await verifyCredential(eddsa, { now: NOW });
    const facts = factsOf(await signedQuads(eddsa));
    expect(report.verified).toBe(true);
    expect(facts.name).toEqual([report.credential?.name]);
    expect(facts.issuer).toEqual([report.credential?.issuer?.id]);
    expect(facts.achievementName).toEqual([report.credential?.achievement?.name]);
  });
});
