// Salted, hashed recipient identifiers (OB 3.0 IdentityObject, `identityHash`).
// The spec (IdentityHash): "sha256$" + hex of SHA-256 over the UTF-8 identifier with the salt
// appended; verifiers must accept upper- or lower-case hex.
import { randomBytes, sha256 } from '#runtime';
import { MicrocredError, ErrorCode } from '../errors.js';
import { toHex, utf8 } from '../encoding.js';
import type { IdentityObject } from '../model/credential.js';

/** Options of {@link hashEmail}. */
export interface HashEmailOptions {
  /**
   * The salt appended to the address before hashing. Defaults to 16 random bytes as hex. Keep it
   * random per credential: the same salt for every recipient lets anyone with a list of addresses
   * test them all at once.
   */
  salt?: string;
}

/**
 * The form microcred hashes and compares an email address in: surrounding whitespace removed and
 * lower-cased. The spec hashes the identifier exactly as given, so two issuers that differ in case
 * would publish different hashes for one person; microcred always normalises first (and
 * {@link matchesIdentity} also tries the address as typed) so `Ana.Ruiz@Example.org` and
 * `ana.ruiz@example.org` name the same teacher.
 *
 * @example
 * normalizeEmail('  Ana.Ruiz@Example.ORG ') // 'ana.ruiz@example.org'
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A hashed email `IdentityObject` for a credential subject's `identifier`, so the credential does
 * not publish the address: `identityHash` is `sha256$` + the lowercase hex SHA-256 of
 * `normalizeEmail(email) + salt` (UTF-8). The address is normalised first (see
 * {@link normalizeEmail}); a verifier who holds the address confirms it with {@link matchesIdentity}.
 *
 * Throws `ERR_FIELD_INVALID` for something that is not an email address or an empty salt (an
 * unsalted hash of an address is reversed by trying a list of addresses).
 *
 * @example
 * const identity = await hashEmail('ana.ruiz@riverbend.example');
 * // { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: '9f1c…', identityHash: 'sha256$…' }
 * await matchesIdentity(identity, 'Ana.Ruiz@riverbend.example') // true
 */
export async function hashEmail(email: string, options: HashEmailOptions = {}): Promise<IdentityObject> {
  if (!looksLikeEmail(email)) {
    throw new MicrocredError(ErrorCode.FIELD_INVALID, `"${String(email)}" is not an email address.`, { path: 'email' });
  }
  const salt = options.salt ?? toHex(randomBytes(16));
  if (typeof salt !== 'string' || salt === '') {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      'The salt must be a non-empty string; leave it out for a random one.',
      { path: 'salt' },
    );
  }
  return {
    type: 'IdentityObject',
    identityType: 'emailAddress',
    hashed: true,
    salt,
    identityHash: await identityHashOf(normalizeEmail(email), salt),
  };
}

/**
 * True when `value` is the identifier `identity` names. A hashed identity is checked by hashing
 * `value` with the identity's salt (upper- or lower-case hex accepted); a plain one by comparison.
 * For `emailAddress` identities the comparison ignores case and surrounding whitespace: a hash is
 * tried over the address as given and over its {@link normalizeEmail} form, which covers issuers
 * that hash the address as typed and those (microcred among them) that normalise it first.
 *
 * Returns false for a different identifier or a malformed identity. Throws `ERR_FIELD_INVALID`
 * only for an `md5$…` hash, which the spec allows but microcred cannot compute (WebCrypto has no
 * MD5): "false" would wrongly claim the identifier does not match.
 *
 * @example
 * const [identity] = credential.credentialSubject.identifier ?? [];
 * if (identity && await matchesIdentity(identity, 'ana.ruiz@riverbend.example')) console.log('issued to Ana');
 */
export async function matchesIdentity(identity: IdentityObject, value: string): Promise<boolean> {
  if (
    typeof identity !== 'object' ||
    identity === null ||
    typeof identity.identityHash !== 'string' ||
    typeof value !== 'string'
  )
    return false;
  const isEmail = identity.identityType === 'emailAddress';
  if (identity.hashed !== true) {
    return isEmail ? normalizeEmail(identity.identityHash) === normalizeEmail(value) : identity.identityHash === value;
  }
  const [algorithm, hex] = splitHash(identity.identityHash);
  if (algorithm === 'md5') {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `Cannot check an identity hashed with "${algorithm}"; microcred checks sha256 hashes only.`,
      { path: 'identityHash' },
    );
  }
  if (algorithm !== 'sha256' || !/^[0-9a-f]{64}$/.test(hex)) return false;
  const salt = typeof identity.salt === 'string' ? identity.salt : '';
  const candidates = isEmail ? new Set([value, normalizeEmail(value)]) : new Set([value]);
  for (const candidate of candidates) {
    if ((await identityHashOf(candidate, salt)) === `sha256$${hex}`) return true;
  }
  return false;
}

/** `sha256$<lowercase hex>` of `identifier + salt` as UTF-8. */
async function identityHashOf(identifier: string, salt: string): Promise<string> {
  return `sha256$${toHex(await sha256(utf8(identifier + salt)))}`;
}

/** The algorithm (lower-cased) and the hex (lower-cased) of an `alg$hex` identity hash. */
function splitHash(identityHash: string): [string, string] {
  const at = identityHash.indexOf('$');
  if (at < 0) return ['', ''];
  return [identityHash.slice(0, at).toLowerCase(), identityHash.slice(at + 1).toLowerCase()];
}

/** A deliberately loose check (one `@`, something either side, no whitespace): the mail system is the real judge. */
export function looksLikeEmail(value: unknown): value is string {
  return typeof value === 'string' && /^[^\s@]+@[^\s@]+$/.test(value.trim());
}
