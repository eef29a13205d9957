// Property: whatever inline contexts, keyword aliases, scoped contexts, @base or full-IRI types are
// added to a genuinely signed credential, whenever the report says it is authentic, every field of
// `report.credential` is a value its canonical N-Quads state. The N-Quads are read by an independent
// reader (test/helpers/nquads.ts), not by microcred's view.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential, verifyCredential, type VerificationReport } from '../../../src/index.js';
import { NOW, clone, unsignedCredential } from '../../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../../helpers/digitalBazaar.js';
import { factsOf, signedQuads, type SignedFacts } from '../../helpers/nquads.js';

const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
const RUNS = 3000;
const IRIS: Record<string, string> = {
  name: 'https://schema.org/name',
  description: 'https://schema.org/description',
  validFrom: 'https://www.w3.org/2018/credentials#validFrom',
  validUntil: 'https://www.w3.org/2018/credentials#validUntil',
  issuer: 'https://www.w3.org/2018/credentials#issuer',
};
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const bases: Doc[] = [];
beforeAll(async () => {
  const key = await generateKey();
  bases.push(await issueCredential(unsignedCredential(key, { validUntil: '2030-01-01T00:00:00Z' }), { key, now: NOW }));
  const pair = await digitalBazaarKeyPair();
  const issuer = { id: pair.controller, type: ['Profile'], name: 'Example District PD' };
  bases.push(await signWithDigitalBazaar({ ...unsignedCredential(key), issuer }, pair));
  const vc1: Doc = {
    ...unsignedCredential(key),
    '@context': [
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
    ],
    issuanceDate: '2026-01-15T09:00:00Z',
    issuer,
  };
  delete vc1.validFrom;
  bases.push(await signWithDigitalBazaar(vc1, pair));
});

const where = fc.constantFrom('root', 'issuer', 'achievement');
const rewrite = fc.record({
  base: fc.nat(2),
  node: where,
  term: fc.constantFrom('name', 'description', 'id', 'type', 'validFrom', 'validUntil', 'issuer'),
  // Mostly the alias that keeps the graph (@index adds no statement); the others mostly break it.
  alias: fc.oneof(
    { weight: 6, arbitrary: fc.constant('@index') },
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constantFrom('@id', '@type', '@nest', '@language', '@value', '@graph') },
  ),
  move: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  fake: fc.option(
    fc.constantFrom('Harvard Medical Licence', 'did:example:evil', '2099-01-01T00:00:00Z', 'https://evil.example/a'),
    { nil: undefined },
  ),
  typed: fc.option(
    fc.constantFrom('http://www.w3.org/2001/XMLSchema#string', 'http://www.w3.org/2001/XMLSchema#dateTime', '@id'),
    { nil: undefined },
  ),
  scope: fc.constantFrom('top', 'achievement', 'issuer'),
  fullIriTypes: fc.subarray(['root', 'subject', 'achievement', 'issuer'] as const),
  base_: fc.option(fc.constantFrom('https://evil.example/', 'https://pd.example.org/achievements/'), {
    nil: undefined,
    freq: 3,
  }),
  relativeAchievementId: fc.boolean(),
  vocab: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 4, arbitrary: fc.constant(false) }),
});

type Rewrite = typeof rewrite extends fc.Arbitrary<infer T> ? T : never;

function apply(r: Rewrite, source: Doc): Doc {
  const doc = clone(source);
  const subject = doc.credentialSubject;
  const nodes: Record<string, Doc | undefined> = {
    root: doc,
    issuer: typeof doc.issuer === 'object' ? doc.issuer : undefined,
    achievement: subject?.achievement,
  };
  const definitions: Record<string, unknown> = {};
  if (r.alias) definitions[r.term] = r.alias;
  const moved = `signed${r.term[0]?.toUpperCase()}${r.term.slice(1)}`;
  if (r.move && IRIS[r.term]) definitions[moved] = { '@id': IRIS[r.term], ...(r.typed ? { '@type': r.typed } : {}) };
  if (r.base_) definitions['@base'] = r.base_;
  if (r.vocab) definitions['@vocab'] = 'https://evil.example/vocab#';
  if (r.scope === 'top') doc['@context'] = [...doc['@context'], definitions];
  else {
    const property = r.scope === 'achievement' ? 'achievement' : 'issuer';
    const id = property === 'achievement' ? `${OB}achievement` : IRIS.issuer;
    doc['@context'] = [...doc['@context'], { [property]: { '@id': id, '@type': '@id', '@context': definitions } }];
  }
  const target = nodes[r.node];
  if (target) {
    if (r.move && target[r.term] !== undefined) target[moved] = target[r.term];
    if (r.fake !== undefined) target[r.term] = r.fake;
  }
  if (r.relativeAchievementId && subject?.achievement) subject.achievement.id = 'formative-assessment';
  const full: Record<string, [Doc | undefined, string]> = {
    root: [doc, `${OB}OpenBadgeCredential`],
    subject: [subject, `${OB}AchievementSubject`],
    achievement: [subject?.achievement, `${OB}Achievement`],
    issuer: [nodes.issuer, `${OB}Profile`],
  };
  for (const which of r.fullIriTypes) {
    const [node, type] = full[which] as [Doc | undefined, string];
    if (node) node.type = which === 'root' ? ['VerifiableCredential', type] : [type];
  }
  return doc;
}

function shownValuesAreSigned(report: VerificationReport, facts: SignedFacts): void {
  const shown = report.credential ?? {};
  const pairs: [string | undefined, string[], string][] = [
    [shown.id, facts.id, 'id'],
    [shown.name, facts.name, 'name'],
    [shown.issuer?.id, facts.issuer, 'issuer.id'],
    [shown.issuer?.name, facts.issuerName, 'issuer.name'],
    [shown.achievement?.id, facts.achievement, 'achievement.id'],
    [shown.achievement?.name, facts.achievementName, 'achievement.name'],
    [shown.validFrom, facts.validFrom, 'validFrom'],
    [shown.validUntil, facts.validUntil, 'validUntil'],
  ];
  for (const [value, signed, field] of pairs) {
    if (value !== undefined) expect(signed, `${field} shown as ${value}`).toContain(value);
    // A date the graph states is always shown: hiding one would hide an expiry.
    if ((field === 'validUntil' || field === 'issuer.id') && signed.length > 0)
      expect(value, `${field} not shown`).toBeDefined();
  }
}

describe('what an authentic report shows is what the canonical N-Quads state', () => {
  it('over thousands of rewrites of signed credentials', { timeout: 600_000 }, async () => {
    let authentic = 0;
    let signatureHeld = 0;
    await fc.assert(
      fc.asyncProperty(rewrite, async (r) => {
        const doc = apply(r, bases[r.base] as Doc);
        const report = await verifyCredential(doc, { now: NOW });
        if (report.checks.some((c) => c.id === 'signature' && c.outcome === 'passed')) signatureHeld++;
        if (!report.authentic) return;
        authentic++;
        shownValuesAreSigned(report, factsOf(await signedQuads(doc)));
      }),
      { numRuns: RUNS, seed: 20261207 },
    );
    // The property is about something: many rewrites keep the signed graph, and some are authentic.
    console.log(`signed-graph property: ${RUNS} rewrites, signature held for ${signatureHeld}, authentic ${authentic}`);
    expect(signatureHeld).toBeGreaterThan(50);
    expect(authentic).toBeGreaterThan(10);
  });
});
