// The fields of a credential the verifier shows or decides on, each with the IRIs the standard
// contexts (VC 1.1 / 2.0, Open Badges 3.0.0–3.0.3, Bitstring and 2021 status lists) give its term.
// One table serves two readers: the signed graph (by IRI) and the JSON as written (by term), so that
// the two readings can be compared field by field (src/verify/view/reading.ts).

const CRED = 'https://www.w3.org/2018/credentials#';
const SCHEMA = 'https://schema.org/';
const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
const BITSTRING = 'https://www.w3.org/ns/credentials/status#';
const SL2021 = 'https://w3id.org/vc/status-list#';
const CLR = 'https://purl.imsglobal.org/spec/vc/clr/vocab.html#';

/** How a field's values are written: a literal (`@value`), an IRI (`@id`), or a node with fields of its own. */
export type Field =
  | { key: string; iris: readonly string[]; kind: 'literal' | 'iri'; display?: true }
  | {
      key: string;
      iris: readonly string[];
      kind: 'node';
      fields: readonly Field[];
      /**
       * Other fields for a node of one of these classes (by IRI): a term means something else under
       * a class's scoped context, e.g. `achievement` in a CLR 2.0 ClrSubject (a list of achievements).
       */
      byType?: readonly (readonly [string, readonly Field[]])[];
      /** Only shown: each node the JSON shows must be signed (by id); the graph may state more for the same node. */
      display?: true;
    };

// A field a check decides on: the JSON as written must show exactly the values signed.
const literal = (key: string, ...iris: string[]): Field => ({ key, iris, kind: 'literal' });
// A field only shown: what the JSON shows must be signed; the graph may say more about the same node
// (an issuer DID named by an endorsement inside the credential too), and the view shows the value
// stated where the JSON states it.
const text = (key: string, ...iris: string[]): Field => ({
  key,
  iris: withHttpSchemaOrg(iris),
  kind: 'literal',
  display: true,
});

// schema.org terms are published under https and, in older contexts (e.g. w3id.org/dcc/v1), http.
function withHttpSchemaOrg(iris: string[]): string[] {
  return iris.flatMap((iri) =>
    iri.startsWith(SCHEMA) ? [iri, `http://schema.org/${iri.slice(SCHEMA.length)}`] : [iri],
  );
}
const iri = (key: string, ...iris: string[]): Field => ({ key, iris, kind: 'iri' });
const node = (
  key: string,
  iris: string[],
  fields: readonly Field[],
  byType?: readonly (readonly [string, readonly Field[]])[],
): Field => ({ key, iris, kind: 'node', fields, ...(byType ? { byType } : {}) });

// Embedded EndorsementCredentials (OB 3.0 defines `endorsement` for any node: a credential, an
// Achievement, a Profile). Each is verified as a credential of its own (the `endorsement` check);
// here only which ones were signed, by id and type.
// Shown only: one profile (an issuer that is also an achievement's creator) is one node of the graph,
// so it has the endorsements written under either.
const ENDORSEMENT: Field = { ...node('endorsement', [`${OB}endorsement`], []), display: true } as Field;

const PROFILE: readonly Field[] = [
  text('name', `${SCHEMA}name`),
  text('url', `${SCHEMA}url`),
  text('email', `${SCHEMA}email`),
  ENDORSEMENT,
];

const ACHIEVEMENT: readonly Field[] = [
  text('name', `${SCHEMA}name`),
  text('description', `${SCHEMA}description`),
  text('achievementType', `${OB}achievementType`),
  node('criteria', [`${OB}Criteria`], [text('narrative', `${OB}narrative`)]),
  ENDORSEMENT,
];

// A CLR 2.0 ClrSubject: the credentials it bundles (each verified on its own by the `credentials`
// check), the achievements it lists and the associations between them.
const CLR_SUBJECT: readonly Field[] = [
  node('achievement', [`${CLR}achievement`], ACHIEVEMENT),
  node('verifiableCredential', [`${CLR}verifiableCredential`], []),
  node(
    'association',
    [`${CLR}association`],
    [
      literal('associationType', `${CLR}AssociationType`),
      literal('sourceId', `${CLR}sourceId`),
      literal('targetId', `${CLR}targetId`),
    ],
  ),
];

const SUBJECT: readonly Field[] = [
  // 3.0.3 names the property #achievement, 3.0.1 and 3.0.2 #achievement-0, 3.0.0 the class IRI.
  node('achievement', [`${OB}achievement`, `${OB}achievement-0`, `${OB}Achievement`], ACHIEVEMENT),
  node(
    'identifier',
    [`${OB}identifier`],
    [
      literal('identityHash', `${OB}identityHash`),
      literal('identityType', `${OB}identityType`),
      literal('hashed', `${OB}hashed`),
      literal('salt', `${OB}salt`),
    ],
  ),
  // An EndorsementSubject's comment.
  text('endorsementComment', `${OB}endorsementComment`),
  // A status list credential's subject (BitstringStatusList, StatusList2021).
  literal('statusPurpose', `${BITSTRING}statusPurpose`, `${SL2021}statusPurpose`),
  literal('encodedList', `${BITSTRING}encodedList`, `${SL2021}encodedList`),
  node(
    'result',
    [`${OB}result`],
    [
      iri('resultDescription', `${OB}resultDescription`),
      iri('achievedLevel', `${OB}achievedLevel`),
      text('status', `${OB}status`),
      text('value', `${SCHEMA}value`),
    ],
  ),
];

const STATUS_ENTRY: readonly Field[] = [
  literal('statusPurpose', `${BITSTRING}statusPurpose`, `${SL2021}statusPurpose`),
  literal('statusListIndex', `${BITSTRING}statusListIndex`, `${SL2021}statusListIndex`),
  iri('statusListCredential', `${BITSTRING}statusListCredential`, `${SL2021}statusListCredential`),
  literal('statusSize', `${BITSTRING}statusSize`),
];

const EVIDENCE: readonly Field[] = [
  text('name', `${SCHEMA}name`),
  text('description', `${SCHEMA}description`),
  text('narrative', `${OB}narrative`),
  text('genre', `${SCHEMA}genre`),
  text('audience', `${SCHEMA}audience`),
];

/** The credential's own fields (besides `id` and `type`, which every node has). */
export const CREDENTIAL_FIELDS: readonly Field[] = [
  text('name', `${SCHEMA}name`),
  text('description', `${SCHEMA}description`),
  node('issuer', [`${CRED}issuer`], PROFILE),
  literal('validFrom', `${CRED}validFrom`),
  literal('validUntil', `${CRED}validUntil`),
  literal('issuanceDate', `${CRED}issuanceDate`),
  literal('expirationDate', `${CRED}expirationDate`),
  text('awardedDate', `${OB}awardedDate`),
  node('credentialSubject', [`${CRED}credentialSubject`], SUBJECT, [[`${CLR}ClrSubject`, CLR_SUBJECT]]),
  node('credentialStatus', [`${CRED}credentialStatus`], STATUS_ENTRY),
  node('credentialSchema', [`${CRED}credentialSchema`], []),
  node('evidence', [`${CRED}evidence`], EVIDENCE),
  ENDORSEMENT,
];

// The subject fields Open Badges defines (achievement, identifier, result): under another kind of
// credential's contexts the same JSON terms may mean something else (a CLR subject's `achievement`
// is a list under the CLR vocabulary), so they are read only from an Open Badge.
const OB_SUBJECT_FIELDS: readonly string[] = ['achievement', 'identifier', 'result'];

const OTHER_CREDENTIAL_FIELDS: readonly Field[] = CREDENTIAL_FIELDS.map((field) =>
  field.key === 'credentialSubject' && field.kind === 'node'
    ? { ...field, fields: field.fields.filter((f) => !OB_SUBJECT_FIELDS.includes(f.key)) }
    : field,
);

const OB_CREDENTIAL_IRIS: readonly string[] = [`${OB}OpenBadgeCredential`, `${OB}EndorsementCredential`];

/**
 * The fields read from a credential whose graph gives it the types `typeIris`: all of them for an
 * Open Badge, all but the Open Badges subject fields for any other credential (a plain VC, a CLR).
 */
export function credentialFieldsFor(typeIris: readonly string[]): readonly Field[] {
  return typeIris.some((t) => OB_CREDENTIAL_IRIS.includes(t)) ? CREDENTIAL_FIELDS : OTHER_CREDENTIAL_FIELDS;
}

/** The fields read for a node of `field` whose types (IRIs) are `types`: the class's own, when it has some. */
export function fieldsOf(field: Field & { kind: 'node' }, types: readonly string[]): readonly Field[] {
  return field.byType?.find(([type]) => types.includes(type))?.[1] ?? field.fields;
}

/**
 * The classes a verifier decides on, by the short name the standard contexts give them and their IRI.
 * `AchievementCredential` is OB 3.0's alias of `OpenBadgeCredential` (same IRI). Types not listed
 * here are shown by their IRI and never compared.
 */
export const KNOWN_TYPES: ReadonlyMap<string, string> = new Map([
  ['VerifiableCredential', `${CRED}VerifiableCredential`],
  ['OpenBadgeCredential', `${OB}OpenBadgeCredential`],
  ['AchievementCredential', `${OB}OpenBadgeCredential`],
  ['EndorsementCredential', `${OB}EndorsementCredential`],
  ['Profile', `${OB}Profile`],
  ['AchievementSubject', `${OB}AchievementSubject`],
  ['Achievement', `${OB}Achievement`],
  ['IdentityObject', `${OB}IdentityObject`],
  ['Result', `${OB}Result`],
  ['Evidence', `${OB}Evidence`],
  ['BitstringStatusListEntry', `${BITSTRING}BitstringStatusListEntry`],
  ['StatusList2021Entry', `${SL2021}StatusList2021Entry`],
  ['BitstringStatusList', `${BITSTRING}BitstringStatusList`],
  ['StatusList2021', `${SL2021}StatusList2021`],
  ['BitstringStatusListCredential', `${BITSTRING}BitstringStatusListCredential`],
  ['StatusList2021Credential', `${SL2021}StatusList2021Credential`],
  ['EndorsementSubject', `${OB}EndorsementSubject`],
  ['ClrCredential', `${CLR}ClrCredential`],
  ['ClrSubject', `${CLR}ClrSubject`],
  ['Association', `${CLR}Association`],
]);

// IRI → the short name shown for it (the first name listed wins: OpenBadgeCredential, not its alias).
const SHORT_NAMES: ReadonlyMap<string, string> = new Map([...KNOWN_TYPES].reverse().map(([name, id]) => [id, name]));

// Shown by name but never compared: the standard contexts do not define these terms (a credential
// that uses one defines it itself), so a JSON type of that name says nothing about the graph.
const SHOWN_NAMES: ReadonlyMap<string, string> = new Map([
  [`${OB}1EdTechRevocationList`, '1EdTechRevocationList'],
  ['https://purl.imsglobal.org/spec/vcrl/v1p0/context.json#1EdTechRevocationList', '1EdTechRevocationList'],
  [
    'https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019',
    '1EdTechJsonSchemaValidator2019',
  ],
  [`${CRED}JsonSchema`, 'JsonSchema'],
  ['https://purl.imsglobal.org/spec/vc/clr/vocab.html#ClrCredential', 'ClrCredential'],
]);

/** The short name of a known class IRI (`…#OpenBadgeCredential` → `OpenBadgeCredential`), else the IRI. */
export function shortTypeName(typeIri: string): string {
  return SHORT_NAMES.get(typeIri) ?? SHOWN_NAMES.get(typeIri) ?? typeIri;
}

/** The IRI a type written in JSON stands for under the standard contexts, when it is a known class (by name or IRI). */
export function knownTypeIri(written: string): string | undefined {
  return KNOWN_TYPES.get(written) ?? (SHORT_NAMES.has(written) ? written : undefined);
}
