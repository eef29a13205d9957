// The one typed view of a credential that every check and the report read: built once, from the
// signed graph (src/verify/view/reading.ts), never from the JSON as written.
import { isJsonObject } from '../../jsonPath.js';
import { CREDENTIAL_FIELDS, credentialFieldsFor, shortTypeName } from './fields.js';
import { differences, nodeMapOf, readSigned, readWritten, type Difference, type Reading } from './reading.js';

/** An issuer profile as signed. */
export interface ProfileView {
  id?: string;
  name?: string;
  url?: string;
  email?: string;
}

/** A hashed or plain identifier of the recipient (OB 3.0 IdentityObject). */
export interface IdentifierView {
  identityHash?: string;
  identityType?: string;
  hashed?: boolean;
  salt?: string;
}

/** A result of the subject against one of the achievement's result descriptions. */
export interface ResultView {
  resultDescription?: string;
  achievedLevel?: string;
  status?: string;
  value?: string;
}

/** What was achieved. */
export interface AchievementView {
  id?: string;
  types: string[];
  name?: string;
  description?: string;
  achievementType?: string;
  criteria?: { id?: string; narrative?: string };
}

/** One credentialSubject. */
export interface SubjectView {
  id?: string;
  types: string[];
  achievement?: AchievementView;
  identifiers: IdentifierView[];
  results: ResultView[];
  /** For a status list credential: the purposes of its list, and the list itself (GZIP, multibase base64url). */
  statusPurposes: string[];
  encodedList?: string;
  /** For an EndorsementSubject: what the endorser says. */
  endorsementComment?: string;
  /** For a CLR 2.0 ClrSubject: the ids of the credentials it bundles, in order. */
  credentials: string[];
  /** For a CLR 2.0 ClrSubject: the achievements it lists. */
  achievements: AchievementView[];
  /** For a CLR 2.0 ClrSubject: how its achievements relate (e.g. `isParentOf`). */
  associations: AssociationView[];
}

/** One CLR 2.0 Association: `sourceId` stands in `associationType` to `targetId`. */
export interface AssociationView {
  path: string;
  associationType?: string;
  sourceId?: string;
  targetId?: string;
}

/** An EndorsementCredential embedded in the credential, found where the JSON writes it. */
export interface EndorsementRefView {
  /** Its JSON path, e.g. `credentialSubject.achievement.endorsement[0]`. */
  path: string;
  id?: string;
  types: string[];
  /** The id of the node it is attached to (the credential, its issuer, the achievement). */
  attachedTo?: string;
}

/** One credentialStatus entry, with the JSON path people find it under. */
export interface StatusEntryView {
  path: string;
  id?: string;
  types: string[];
  statusPurpose?: string;
  statusListIndex?: string;
  statusListCredential?: string;
  statusSize?: string;
}

/** One credentialSchema entry. */
export interface SchemaRefView {
  path: string;
  id?: string;
  types: string[];
}

/** One piece of evidence. */
export interface EvidenceView {
  id?: string;
  types: string[];
  name?: string;
  description?: string;
  narrative?: string;
  genre?: string;
  audience?: string;
}

/**
 * A credential as its signed graph states it, under the standard meaning of each term. Types are
 * short names for the classes a verifier knows (`OpenBadgeCredential`, whether written as the term,
 * its alias `AchievementCredential` or the full IRI), the IRI otherwise. Dates are the strings signed.
 */
export interface CredentialView {
  id?: string;
  types: string[];
  name?: string;
  description?: string;
  issuer?: ProfileView;
  validFrom?: string;
  validUntil?: string;
  issuanceDate?: string;
  expirationDate?: string;
  awardedDate?: string;
  subjects: SubjectView[];
  status: StatusEntryView[];
  schemas: SchemaRefView[];
  evidence: EvidenceView[];
  /** Every embedded endorsement: of the credential, of its issuer, of each subject's achievement. */
  endorsements: EndorsementRefView[];
}

/** The view, and what keeps it from being the whole truth of the JSON as written. */
export interface SignedReading {
  view: CredentialView;
  /** Where the JSON as written shows something its graph does not state, or hides something it does. */
  differences: Difference[];
  /** Single-valued fields the graph states more than once (`validUntil`, `issuer`…): which one holds is ambiguous. */
  repeated: string[];
  /** Why the graph could not be read as one credential, when it could not (several top-level nodes, @reverse). */
  unreadable?: string;
}

// Fields of which a credential states one value; a second makes any reading of it a guess.
const SINGLE_FIELDS = ['issuer', 'validFrom', 'validUntil', 'issuanceDate', 'expirationDate'] as const;

/**
 * Reads `credential` from `expanded`, its JSON-LD expansion (with or without its proof), and
 * compares that with its JSON as written.
 */
export function readCredential(expanded: unknown[], credential: Record<string, unknown>): SignedReading {
  const roots = expanded.filter(isJsonObject);
  const empty: CredentialView = { types: [], subjects: [], status: [], schemas: [], evidence: [], endorsements: [] };
  if (roots.length !== 1 || expanded.length !== 1) {
    return {
      view: empty,
      differences: [],
      repeated: [],
      unreadable: `its JSON-LD holds ${expanded.length} top-level nodes, not one credential`,
    };
  }
  const map = nodeMapOf(expanded);
  const root = roots[0] as Record<string, unknown>;
  // Both readings use one table, chosen by the types the graph states for the credential.
  const full = readSigned(root, map);
  const fields = credentialFieldsFor(full.type);
  const signed = fields === CREDENTIAL_FIELDS ? full : readSigned(root, map, fields);
  const view = viewOf(signed, credential);
  const repeated = SINGLE_FIELDS.filter((f) => (signed.fields.get(f)?.length ?? 0) > 1);
  return {
    view,
    differences: differences(readWritten(credential, fields), signed, credential, fields),
    repeated: [...(signed.id.length > 1 ? ['id'] : []), ...repeated],
    ...(map.reverse
      ? { unreadable: 'it states properties in reverse (@reverse), which a reader of its JSON would not see' }
      : {}),
  };
}

function viewOf(signed: Reading, credential: Record<string, unknown>): CredentialView {
  const issuer = nodes(signed, 'issuer')[0];
  const subjects = nodes(signed, 'credentialSubject');
  return prune({
    id: signed.id[0],
    types: types(signed),
    name: one(signed, 'name'),
    description: one(signed, 'description'),
    issuer:
      issuer &&
      prune({ id: issuer.id[0], name: one(issuer, 'name'), url: one(issuer, 'url'), email: one(issuer, 'email') }),
    validFrom: one(signed, 'validFrom'),
    validUntil: one(signed, 'validUntil'),
    issuanceDate: one(signed, 'issuanceDate'),
    expirationDate: one(signed, 'expirationDate'),
    awardedDate: one(signed, 'awardedDate'),
    subjects: subjects.map((subject, i) => subjectOf(subject, pathOf(credential, 'credentialSubject', i))),
    status: nodes(signed, 'credentialStatus').map((entry, i) =>
      prune({
        path: pathOf(credential, 'credentialStatus', i),
        id: entry.id[0],
        types: types(entry),
        statusPurpose: one(entry, 'statusPurpose'),
        statusListIndex: one(entry, 'statusListIndex'),
        statusListCredential: one(entry, 'statusListCredential'),
        statusSize: one(entry, 'statusSize'),
      }),
    ),
    schemas: nodes(signed, 'credentialSchema').map((entry, i) =>
      prune({ path: pathOf(credential, 'credentialSchema', i), id: entry.id[0], types: types(entry) }),
    ),
    evidence: nodes(signed, 'evidence').map((e) =>
      prune({
        id: e.id[0],
        types: types(e),
        name: one(e, 'name'),
        description: one(e, 'description'),
        narrative: one(e, 'narrative'),
        genre: one(e, 'genre'),
        audience: one(e, 'audience'),
      }),
    ),
    endorsements: endorsementsIn(credential, [
      [signed, ''],
      ...(issuer && isJsonObject(credential.issuer) ? [[issuer, 'issuer'] as const] : []),
      ...subjects.flatMap((subject, i) => {
        const achievement = nodes(subject, 'achievement')[0];
        const at = `${pathOf(credential, 'credentialSubject', i)}.achievement`;
        return achievement && !types(subject).includes('ClrSubject') ? [[achievement, at] as const] : [];
      }),
    ]),
  });
}

// The endorsements signed on the credential, its issuer and its achievement, each once (by id), with
// the JSON path it is written at: under its owner, else wherever the JSON writes it (one profile may
// be written twice, as the issuer and as the achievement's creator: one node with the endorsements of both).
function endorsementsIn(
  credential: Record<string, unknown>,
  owners: readonly (readonly [Reading, string])[],
): EndorsementRefView[] {
  const written = writtenEndorsements(credential);
  const seen = new Set<string>();
  const found: EndorsementRefView[] = [];
  for (const [owner, at] of owners) {
    const base = at ? `${at}.endorsement` : 'endorsement';
    nodes(owner, 'endorsement').forEach((e, i) => {
      const id = e.id[0];
      if (id !== undefined && seen.has(id)) return;
      if (id !== undefined) seen.add(id);
      const paths = (id !== undefined && written.get(id)) || [];
      const path = paths.find((p) => p.startsWith(`${base}[`)) ?? paths[0] ?? `${base}[${i}]`;
      found.push(prune({ path, id, types: types(e), attachedTo: owner.id[0] }));
    });
  }
  return found;
}

// Where the JSON writes each endorsement, by id: every object under an `endorsement` key, at any
// depth but inside credentials it embeds (a CLR's credentials and endorsements are read on their own).
function writtenEndorsements(credential: Record<string, unknown>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const stack: [unknown, string, number][] = [[credential, '', 0]];
  while (stack.length) {
    const [value, at, depth] = stack.pop() as [unknown, string, number];
    if (depth > 16 || !isJsonObject(value)) continue;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'verifiableCredential' || key === 'proof' || key === '@context') continue;
      const path = at ? `${at}.${key}` : key;
      const items = Array.isArray(child) ? child : [child];
      items.forEach((item, i) => {
        const itemPath = Array.isArray(child) ? `${path}[${i}]` : path;
        if (key === 'endorsement') {
          if (isJsonObject(item) && typeof item.id === 'string')
            found.set(item.id, [...(found.get(item.id) ?? []), itemPath]);
          return;
        }
        stack.push([item, itemPath, depth + 1]);
      });
    }
  }
  return found;
}

function subjectOf(subject: Reading, at: string): SubjectView {
  const achievement = nodes(subject, 'achievement')[0];
  const clr = types(subject).includes('ClrSubject');
  const criteria = achievement && nodes(achievement, 'criteria')[0];
  return prune({
    id: subject.id[0],
    types: types(subject),
    achievement: achievement && !clr ? achievementOf(achievement, criteria) : undefined,
    identifiers: nodes(subject, 'identifier').map((i) => {
      const hashed = one(i, 'hashed');
      return prune({
        identityHash: one(i, 'identityHash'),
        identityType: one(i, 'identityType'),
        hashed: hashed === undefined ? undefined : hashed === 'true',
        salt: one(i, 'salt'),
      });
    }),
    results: nodes(subject, 'result').map((r) =>
      prune({
        resultDescription: one(r, 'resultDescription'),
        achievedLevel: one(r, 'achievedLevel'),
        status: one(r, 'status'),
        value: one(r, 'value'),
      }),
    ),
    statusPurposes: (subject.fields.get('statusPurpose') ?? []).filter((v): v is string => typeof v === 'string'),
    encodedList: one(subject, 'encodedList'),
    endorsementComment: one(subject, 'endorsementComment'),
    credentials: nodes(subject, 'verifiableCredential').flatMap((c) => c.id.slice(0, 1)),
    achievements: clr ? nodes(subject, 'achievement').map((a) => achievementOf(a, nodes(a, 'criteria')[0])) : [],
    associations: nodes(subject, 'association').map((a, i) =>
      prune({
        path: `${at}.association[${i}]`,
        associationType: one(a, 'associationType'),
        sourceId: one(a, 'sourceId'),
        targetId: one(a, 'targetId'),
      }),
    ),
  });
}

function achievementOf(achievement: Reading, criteria: Reading | undefined): AchievementView {
  return prune({
    id: achievement.id[0],
    types: types(achievement),
    name: one(achievement, 'name'),
    description: one(achievement, 'description'),
    achievementType: one(achievement, 'achievementType'),
    criteria: criteria && prune({ id: criteria.id[0], narrative: one(criteria, 'narrative') }),
  });
}

/** The path of entry `i` of `key` as the JSON writes it: `credentialStatus[1]`, or `credentialStatus` for a lone object. */
function pathOf(credential: Record<string, unknown>, key: string, i: number): string {
  return Array.isArray(credential[key]) ? `${key}[${i}]` : i === 0 ? key : `${key}[${i}]`;
}

function one(reading: Reading, key: string): string | undefined {
  const values = reading.fields.get(key);
  const first = values?.[0];
  return typeof first === 'string' ? first : undefined;
}

function nodes(reading: Reading, key: string): Reading[] {
  return (reading.fields.get(key) ?? []).filter((v): v is Reading => typeof v !== 'string');
}

function types(reading: Reading): string[] {
  return reading.type.map(shortTypeName);
}

// Leaves out fields whose value is undefined, so the view (and the report) carries only what was signed.
function prune<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Where the JSON writes the issuer's id: `issuer` (a string) or `issuer.id` (a profile). For messages; the id itself is read from the view. */
export function issuerPath(credential: Record<string, unknown> | undefined): string {
  return typeof credential?.issuer === 'string' ? 'issuer' : 'issuer.id';
}
