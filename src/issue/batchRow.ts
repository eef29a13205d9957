// One row of a batch → the unsigned credential it gets: the batch's base credential with the row's
// recipient, evidence and per-row fields filled in.
import { MicrocredError, ErrorCode } from '../errors.js';
import { isDid, isUri } from '../identifiers.js';
import { recipientOf, type RecipientOptions } from '../identity/recipient.js';
import type { Evidence, IdentityObject, UnsignedCredential } from '../model/credential.js';

/**
 * One recipient of a batch. A row names its recipient by `did` (used as `credentialSubject.id`) or
 * `email` (published as a salted hash, as {@link recipientOf} does); `name` is added as a plain
 * `identityType: 'name'` identifier. `fields` sets per-row values by dotted path, e.g.
 * `{ 'credentialSubject.activityEndDate': '2026-06-30T00:00:00Z', validUntil: '2029-06-30T00:00:00Z' }`.
 */
export interface BatchRow {
  email?: string;
  did?: string;
  name?: string;
  /** URLs of the recipient's evidence, each added as an `Evidence` with that `id`. */
  evidence?: readonly string[];
  /** Per-row values by dotted JSON path into the credential (not the issuer, id, proof, status or recipient). */
  fields?: Readonly<Record<string, unknown>>;
  /** The credential's id; a fresh `urn:uuid:` when absent. Give a stable one to make a re-run reuse status entries. */
  id?: string;
}

// The members a row may not set: they come from the key, the row's recipient, or the signing itself.
const RESERVED = [
  '@context',
  'id',
  'type',
  'issuer',
  'proof',
  'credentialStatus',
  'credentialSubject.id',
  'credentialSubject.identifier',
  'credentialSubject.type',
  'credentialSubject.achievement',
];
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const UNSAFE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The unsigned credential for `row`: a copy of `base` with the row's recipient, name, evidence and
 * fields. Throws `ERR_BATCH_ROW_INVALID` (with the offending member as `path`) for a row that names
 * no recipient, an evidence entry that is not a URL, or a field path a row may not set.
 */
export async function credentialForRow(
  base: UnsignedCredential,
  row: BatchRow,
  recipient: RecipientOptions = {},
): Promise<UnsignedCredential> {
  if (typeof row !== 'object' || row === null || Array.isArray(row))
    throw rowInvalid('The row must be an object with an email or a did.', '');
  const did = typeof row.did === 'string' ? row.did.trim() : '';
  const email = typeof row.email === 'string' ? row.email.trim() : '';
  if (did === '' && email === '') throw rowInvalid('The row names no recipient: give an email or a did.', 'email');
  if (did !== '' && !isDid(did)) throw rowInvalid(`"${did}" is not a DID (did:method:…).`, 'did');
  let named: { id?: string; identifier?: IdentityObject[] };
  try {
    named = await recipientOf(did !== '' ? { did } : { email }, recipient);
  } catch {
    throw rowInvalid(`"${email}" is not an email address.`, 'email');
  }
  const credential = structuredClone(base);
  const subject = credential.credentialSubject as unknown as Record<string, unknown>;
  delete subject.id;
  delete subject.identifier;
  Object.assign(subject, named);
  const name = typeof row.name === 'string' ? row.name.trim() : '';
  if (name !== '') {
    const identity: IdentityObject = {
      type: 'IdentityObject',
      identityType: 'name',
      hashed: false,
      identityHash: name,
    };
    subject.identifier = [...((subject.identifier as IdentityObject[] | undefined) ?? []), identity];
  }
  if (row.id !== undefined) {
    if (typeof row.id !== 'string' || !isUri(row.id)) throw rowInvalid('The row id must be a URI (urn:uuid:…).', 'id');
    credential.id = row.id;
  }
  const evidence = evidenceOf(row.evidence);
  if (evidence.length > 0) credential.evidence = [...(credential.evidence ?? []), ...evidence];
  for (const [path, value] of Object.entries(row.fields ?? {})) setField(credential, path, value);
  return credential;
}

function evidenceOf(urls: readonly string[] | undefined): Evidence[] {
  if (urls === undefined) return [];
  if (!Array.isArray(urls)) throw rowInvalid('evidence must be a list of URLs.', 'evidence');
  return urls.map((url, i) => {
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url))
      throw rowInvalid(`evidence entry ${JSON.stringify(url)} is not an http(s) URL.`, `evidence[${i}]`);
    return { id: url, type: ['Evidence'] };
  });
}

/** Sets `value` at the dotted `path` of `credential`, creating objects on the way. */
function setField(credential: UnsignedCredential, path: string, value: unknown): void {
  const segments = path.split('.');
  if (segments.some((s) => !SEGMENT.test(s) || UNSAFE_SEGMENTS.has(s)))
    throw rowInvalid(`"${path}" is not a field path (names joined by dots, e.g. credentialSubject.term).`, path);
  if (RESERVED.some((r) => path === r || path.startsWith(`${r}.`)))
    throw rowInvalid(`A row may not set ${path}: it comes from the key, the recipient or the signing.`, path);
  let target = credential as unknown as Record<string, unknown>;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(target, segment) ? target[segment] : undefined;
    if (next === undefined) target = target[segment] = {};
    else if (typeof next === 'object' && next !== null && !Array.isArray(next))
      target = next as Record<string, unknown>;
    else throw rowInvalid(`${path} goes through ${segment}, which is not an object in the template.`, path);
  }
  target[segments[segments.length - 1] as string] = value;
}

function rowInvalid(message: string, path: string): MicrocredError {
  return new MicrocredError(ErrorCode.BATCH_ROW_INVALID, message, path === '' ? {} : { path });
}
