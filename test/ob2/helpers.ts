// Open Badges 2.0 assertions built in the test: an issuer with an RSA key pair (node:crypto), its
// profile, badge class and key document, assertions hosted or signed (a JWS made with jose), and a
// fetch that answers for the issuer's made-up host from memory, so no request leaves the machine.
import { generateKeyPairSync } from 'node:crypto';
import { CompactSign, importPKCS8 } from 'jose';

export const NOW = new Date('2026-06-01T12:00:00Z');
export const ORIGIN = 'https://badges.riverbend.example';
export const ISSUER = `${ORIGIN}/issuer.json`;
export const BADGE = `${ORIGIN}/badges/formative-assessment.json`;
export const KEY = `${ORIGIN}/keys/1.json`;
export const REVOCATIONS = `${ORIGIN}/revocations.json`;
export const HOSTED = `${ORIGIN}/assertions/42.json`;
export const SIGNED_ID = 'urn:uuid:8c1f0c6e-3f7a-4b3e-9d2a-5b0f6d7e8a91';
export const EMAIL = 'ana.ruiz@riverbend.example';
export const SALT = 'c0ffee';
// sha256(EMAIL + SALT), computed once with sha256sum and written out, so the test does not compute what it checks.
export const EMAIL_HASH = 'sha256$4cf9b07d098f2d5249083c4d20cb02cdbeba156805892bb17446eed49dab04ca';
/** No DNS is asked for a host name when private addresses are allowed; the fetch stubs answer instead. */
export const NETWORK = { allowPrivateAddresses: true };

export interface RsaPair {
  publicPem: string;
  privatePem: string;
}

export function rsaPair(): RsaPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export type Doc = Record<string, unknown>;

export function keyDocument(pair: RsaPair, overrides: Doc = {}): Doc {
  return {
    '@context': 'https://w3id.org/openbadges/v2',
    id: KEY,
    type: 'CryptographicKey',
    owner: ISSUER,
    publicKeyPem: pair.publicPem,
    ...overrides,
  };
}

export function issuerProfile(overrides: Doc = {}): Doc {
  return {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Issuer',
    id: ISSUER,
    name: 'Riverbend District Professional Learning',
    url: ORIGIN,
    email: 'badges@riverbend.example',
    publicKey: KEY,
    ...overrides,
  };
}

export function badgeClass(overrides: Doc = {}): Doc {
  return {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'BadgeClass',
    id: BADGE,
    name: 'Formative Assessment',
    description: 'Uses formative assessment data to adjust instruction during a lesson.',
    image: `${ORIGIN}/badges/formative-assessment.png`,
    criteria: { narrative: 'A reviewed lesson plan and classroom evidence.' },
    issuer: ISSUER,
    ...overrides,
  };
}

/** An assertion verified by the issuer's hosted copy (`hosted`) or by its signature (`signed`). */
export function assertion(how: 'hosted' | 'signed', overrides: Doc = {}): Doc {
  return {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Assertion',
    id: how === 'hosted' ? HOSTED : SIGNED_ID,
    recipient: { type: 'email', hashed: true, salt: SALT, identity: EMAIL_HASH },
    badge: BADGE,
    issuedOn: '2026-01-15T09:00:00Z',
    verification: how === 'hosted' ? { type: 'HostedBadge' } : { type: 'SignedBadge', creator: KEY },
    ...overrides,
  };
}

/** The compact JWS of `payload` signed with `pair` (RS256 unless `alg`), as an OB 2.0 issuer makes it. */
export async function signJws(payload: Doc, pair: RsaPair, alg = 'RS256'): Promise<string> {
  const key = await importPKCS8(pair.privatePem, alg);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg }).sign(key);
}

/** `jws` with its payload replaced by `payload` and its signature kept. */
export function withPayload(jws: string, payload: Doc): string {
  const [header, , signature] = jws.split('.');
  return `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}

/** The issuer's documents by URL: profile, badge class and key (plus `extra`). */
export function issuerDocuments(pair: RsaPair, extra: Record<string, Doc> = {}): Record<string, Doc> {
  return { [ISSUER]: issuerProfile(), [BADGE]: badgeClass(), [KEY]: keyDocument(pair), ...extra };
}

/** A fetch answering `documents` by URL (404 otherwise), recording every URL asked for. */
export function fetchServing(documents: Record<string, unknown>): typeof globalThis.fetch & { asked: string[] } {
  const asked: string[] = [];
  const fetch = async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    asked.push(url);
    const document = documents[url];
    return document === undefined
      ? new Response('{"error":"not found"}', { status: 404, headers: { 'content-type': 'application/json' } })
      : new Response(JSON.stringify(document), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return Object.assign(fetch as typeof globalThis.fetch, { asked });
}
