// Generated Open Badges 3.0 credentials for the differential tests: every OB 3.0 class, missing and
// extra fields, arrays of one, nested achievements, results, evidence, alignments, endorsements,
// odd strings, numbers and dates, blank nodes (no id), and the constructs that must leave the
// one-pass path (inline contexts, @graph, several proofs, previousProof, members written as IRIs).
import fc from 'fast-check';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const OB_302 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json';
const ED25519_2020 = 'https://w3id.org/security/suites/ed25519-2020/v1';
const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2';

type Json = Record<string, unknown>;

/** Why a generated credential must leave the one-pass path, or undefined when it must take it. */
export type Unusual =
  'inline-context' | 'nested-context' | 'several-proofs' | 'previous-proof' | 'iri-member' | 'named-graph' | undefined;

/** A generated credential: the document with its proof, and what (if anything) makes it unusual. */
export interface Generated {
  document: Json;
  unusual: Unusual;
}

// Strings a credential may hold: plain text, unicode of every plane, quotes, backslashes, control
// characters, N-Quads escapes, and text that looks like markup or an IRI.
const oddText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Line one\nline two\r\n\ttabbed',
      'Quote " and backslash \\ and \\u0022',
      'émoji 🎓 ∑ 中文 עברית',
      '<b>bold</b> & "markup"',
      '_:b0',
      'http://not-an-iri-here',
      ' ',
      '\u0000\u0001\u007f\u2028\u2029',
    ),
  },
);

const segment = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/);
const iri = fc.oneof(
  segment.map((s) => `https://pd.example.org/${s}`),
  fc.uuid().map((u) => `urn:uuid:${u}`),
  segment.map((s) => `did:example:${s}`),
  fc.constantFrom('https://example.org/a?b=c#d', 'urn:isbn:0451450523', 'https://例え.jp/パス', 'mailto:a@example.org'),
);
const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, 0.1, 5e-324, 2 ** 53 + 2),
);
const dateTime = fc.oneof(
  fc
    .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-01-15T09:00:00Z',
    '2026-01-15T09:00:00.123+05:30',
    '2026-01-15',
    'not a date',
    '9999-12-31T23:59:59Z',
  ),
);
const date = fc.oneof(
  fc
    .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constant('2026-13-45'),
);

/**
 * An object with the `required` members and each other member present one time in three (credentials
 * stay near the size of real ones, about 50 statements, so that 10,000 of them check in a minute).
 */
function record(members: Record<string, fc.Arbitrary<unknown>>, required: string[] = []): fc.Arbitrary<Json> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, arbitrary] of Object.entries(members))
    model[name] = required.includes(name)
      ? arbitrary
      : fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
  return fc
    .record(model)
    .map((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Json);
}

/** One value, or an array of one or more of it (arrays of one included). */
function oneOrMany<T>(value: fc.Arbitrary<T>, max = 2): fc.Arbitrary<T | T[]> {
  return fc.oneof(value, fc.array(value, { minLength: 1, maxLength: max }));
}

/** `type` as a string or a list (some with an extra type). */
function typeOf(name: string): fc.Arbitrary<string | string[]> {
  return fc.constantFrom(name, [name]);
}

const alignment = record(
  {
    type: typeOf('Alignment'),
    id: iri,
    targetName: oddText,
    targetUrl: iri,
    targetDescription: oddText,
    targetFramework: oddText,
    targetCode: oddText,
    targetType: fc.constantFrom('CFItem', 'CFRubric', 'ext:Custom', 'CTDL'),
  },
  ['type', 'targetName', 'targetUrl'],
);

const rubricLevel = record(
  {
    type: typeOf('RubricCriterionLevel'),
    id: iri,
    name: oddText,
    description: oddText,
    level: oddText,
    points: oddText,
    alignment: fc.array(alignment, { maxLength: 1 }),
  },
  ['type', 'name'],
);

const resultDescription = record(
  {
    type: typeOf('ResultDescription'),
    id: iri,
    name: oddText,
    resultType: fc.constantFrom('RubricCriterionLevel', 'Status', 'ext:Score', 'LetterGrade'),
    allowedValue: fc.array(oddText, { maxLength: 3 }),
    requiredLevel: iri,
    requiredValue: oddText,
    rubricCriterionLevel: fc.array(rubricLevel, { maxLength: 3 }),
    valueMax: oddText,
    valueMin: oddText,
  },
  ['type', 'name', 'resultType'],
);

const image = fc.oneof(iri, record({ id: iri, type: fc.constant('Image'), caption: oddText }, ['id', 'type']));

const profile = record(
  {
    id: iri,
    type: typeOf('Profile'),
    name: oddText,
    url: iri,
    email: oddText,
    description: oddText,
    image,
    phone: oddText,
    official: oddText,
    dateOfBirth: date,
    address: record(
      {
        type: typeOf('Address'),
        addressCountry: oddText,
        postalCode: oddText,
        geo: record({ type: fc.constant('GeoCoordinates'), latitude: number, longitude: number }, ['type']),
      },
      ['type'],
    ),
    otherIdentifier: fc.array(
      record(
        {
          type: fc.constant('IdentifierEntry'),
          identifier: oddText,
          identifierType: fc.constantFrom('sourcedId', 'ext:Other'),
        },
        ['type', 'identifier', 'identifierType'],
      ),
      { maxLength: 2 },
    ),
  },
  ['type'],
);

function achievementOf(depth: number): fc.Arbitrary<Json> {
  return record(
    {
      id: iri,
      type: typeOf('Achievement'),
      name: oddText,
      description: oddText,
      criteria: record({ id: iri, narrative: oddText }),
      achievementType: fc.constantFrom('MicroCredential', 'Competency', 'Badge', 'Certificate', 'ext:Custom'),
      alignment: oneOrMany(alignment),
      resultDescription: fc.array(resultDescription, { maxLength: 2 }),
      image,
      tag: fc.array(oddText, { maxLength: 3 }),
      version: oddText,
      creditsAvailable: number,
      fieldOfStudy: oddText,
      specialization: oddText,
      humanCode: oddText,
      inLanguage: fc.constantFrom('en', 'fr-CA', 'zh-Hant'),
      creator: profile,
      related:
        depth > 0
          ? fc.array(
              record({ id: iri, type: typeOf('Related'), version: oddText, inLanguage: fc.constant('en') }, [
                'id',
                'type',
              ]),
              { maxLength: 2 },
            )
          : fc.constant([]),
    },
    ['type', 'name', 'criteria'],
  );
}

const identityObject = record(
  {
    type: fc.constant('IdentityObject'),
    identityHash: fc.oneof(oddText, fc.stringMatching(/^sha256\$[0-9a-f]{64}$/)),
    identityType: fc.constantFrom('emailAddress', 'sourcedId', 'ext:Other'),
    hashed: fc.boolean(),
    salt: oddText,
  },
  ['type', 'identityHash', 'identityType', 'hashed'],
);

const result = record(
  {
    type: typeOf('Result'),
    resultDescription: iri,
    achievedLevel: iri,
    status: fc.constantFrom('Completed', 'Enrolled', 'ext:Other'),
    value: oddText,
    alignment: fc.array(alignment, { maxLength: 1 }),
  },
  ['type'],
);

const subject = record(
  {
    id: iri,
    type: typeOf('AchievementSubject'),
    achievement: achievementOf(1),
    identifier: oneOrMany(identityObject, 2),
    result: fc.array(result, { maxLength: 3 }),
    activityStartDate: date,
    activityEndDate: date,
    creditsEarned: number,
    licenseNumber: oddText,
    role: oddText,
    term: oddText,
    narrative: oddText,
    image,
  },
  ['type', 'achievement'],
);

const evidence = record(
  {
    id: iri,
    type: fc.constantFrom('Evidence', ['Evidence']),
    narrative: oddText,
    name: oddText,
    description: oddText,
    genre: oddText,
    audience: oddText,
  },
  ['type'],
);

const proofArb = record(
  {
    type: fc.constant('DataIntegrityProof'),
    cryptosuite: fc.constantFrom('eddsa-rdfc-2022', 'ecdsa-rdfc-2019'),
    created: dateTime,
    verificationMethod: segment.map((s) => `did:key:z6Mk${s}#z6Mk${s}`),
    proofPurpose: fc.constantFrom('assertionMethod', 'authentication'),
    proofValue: fc.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{20,40}$/),
  },
  ['type', 'cryptosuite', 'verificationMethod', 'proofPurpose', 'proofValue'],
);

/** An endorsement: a credential of its own, with its own (nested) proof, which stays in the signed graph. */
const endorsement = record(
  {
    id: iri,
    type: fc.constant(['VerifiableCredential', 'EndorsementCredential']),
    name: oddText,
    issuer: profile,
    validFrom: dateTime,
    credentialSubject: record({ id: iri, type: fc.constant('EndorsementSubject'), endorsementComment: oddText }, [
      'id',
      'type',
    ]),
    proof: proofArb,
  },
  ['type', 'issuer', 'credentialSubject'],
);

/** The member every OB credential has, with what varies between issuers. */
const body = record(
  {
    id: iri,
    name: oddText,
    description: oddText,
    image,
    issuer: fc.oneof({ weight: 4, arbitrary: profile }, { weight: 1, arbitrary: iri }),
    validFrom: dateTime,
    validUntil: dateTime,
    awardedDate: dateTime,
    credentialSubject: oneOrMany(subject, 2),
    evidence: oneOrMany(evidence),
    endorsement: fc.array(endorsement, { maxLength: 1 }),
    credentialStatus: record(
      {
        id: iri,
        type: fc.constant('BitstringStatusListEntry'),
        statusPurpose: fc.constantFrom('revocation', 'suspension'),
        statusListIndex: fc.nat().map(String),
        statusListCredential: iri,
      },
      ['type'],
    ),
    credentialSchema: oneOrMany(record({ id: iri, type: fc.constant('JsonSchema') }, ['id', 'type']), 2),
    termsOfUse: record({ type: fc.constant('ext:Policy'), id: iri }, ['type']),
  },
  ['issuer', 'credentialSubject'],
);

const contexts = fc.constantFrom(
  { context: [VC_V2, OB_303], v1: false, ob302: false },
  { context: [VC_V2, OB_302], v1: false, ob302: true },
  { context: [VC_V2, OB_303, ED25519_2020], v1: false, ob302: false },
  { context: [VC_V1, OB_303, DATA_INTEGRITY_V2], v1: true, ob302: false },
);

/** A usual credential: bundled contexts, one proof, nothing the one-pass path leaves to the library. */
export const usualCredential: fc.Arbitrary<Generated> = fc
  .tuple(contexts, body, proofArb, fc.boolean(), dateTime)
  .map(([{ context, v1, ob302 }, fields, proof, proofAsArray, issued]) => {
    const document: Json = {
      '@context': context,
      type: ['VerifiableCredential', fields.endorsement ? 'AchievementCredential' : 'OpenBadgeCredential'],
      ...fields,
      proof: proofAsArray ? [proof] : proof,
    };
    // OB 3.0.3 added awardedDate; VC 1.1 names the dates issuanceDate / expirationDate and has no
    // validFrom, nor the Bitstring status entry or JsonSchema (their contexts are not in this list).
    // An embedded endorsement is read under the contexts it names, which must agree with the outer ones.
    for (const e of (document.endorsement as Json[] | undefined) ?? []) e['@context'] = context;
    if (ob302) {
      delete document.awardedDate;
      withoutMember(document, 'inLanguage');
    }
    if (v1) {
      delete document.validFrom;
      delete document.validUntil;
      delete document.credentialStatus;
      delete document.credentialSchema;
      document.issuanceDate = issued;
    }
    return { document, unusual: undefined };
  });

function withoutMember(value: unknown, name: string): void {
  if (Array.isArray(value)) for (const item of value) withoutMember(item, name);
  else if (typeof value === 'object' && value !== null) {
    delete (value as Json)[name];
    for (const child of Object.values(value)) withoutMember(child, name);
  }
}

// One change that takes a credential off the one-pass path, and the reason the test expects.
const unusualChange: fc.Arbitrary<[NonNullable<Unusual>, (doc: Json) => void]> = fc.oneof(
  fc.constant<[NonNullable<Unusual>, (doc: Json) => void]>([
    'inline-context',
    (doc) => {
      doc['@context'] = [...(doc['@context'] as unknown[]), { '@vocab': 'https://example.org/vocab#' }];
    },
  ]),
  fc.constant<[NonNullable<Unusual>, (doc: Json) => void]>([
    'nested-context',
    (doc) => {
      const subject = [doc.credentialSubject].flat()[0] as Json;
      subject['@context'] = { extra: 'https://example.org/vocab#extra' };
      subject.extra = 'hello';
    },
  ]),
  fc.constant<[NonNullable<Unusual>, (doc: Json) => void]>([
    'several-proofs',
    (doc) => {
      const proof = [doc.proof].flat()[0] as Json;
      doc.proof = [proof, { ...proof, created: '2026-02-02T00:00:00Z' }];
    },
  ]),
  fc.constant<[NonNullable<Unusual>, (doc: Json) => void]>([
    'previous-proof',
    (doc) => {
      doc.proof = {
        ...([doc.proof].flat()[0] as Json),
        previousProof: 'urn:uuid:0b1f7c52-0000-4000-8000-000000000001',
      };
    },
  ]),
  fc.constant<[NonNullable<Unusual>, (doc: Json) => void]>([
    'iri-member',
    (doc) => {
      doc['https://schema.org/keywords'] = 'written as an IRI';
    },
  ]),
  fc.constant<[NonNullable<Unusual>, (doc: Json) => void]>([
    'named-graph',
    (doc) => {
      doc.evidence = {
        type: 'Evidence',
        id: 'https://pd.example.org/graph',
        '@graph': [{ id: 'https://pd.example.org/n', name: 'in a graph' }],
      };
    },
  ]),
);

/** A credential with one construct the one-pass path must leave to the library. */
export const unusualCredential: fc.Arbitrary<Generated> = fc
  .tuple(usualCredential, unusualChange)
  .map(([{ document }, [unusual, change]]) => {
    const copy = structuredClone(document);
    change(copy);
    return { document: copy, unusual };
  });

/** Usual credentials mostly, unusual ones one time in eight. */
export const anyCredential: fc.Arbitrary<Generated> = fc.oneof(
  { weight: 7, arbitrary: usualCredential },
  { weight: 1, arbitrary: unusualCredential },
);
