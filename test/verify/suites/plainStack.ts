// Signing as other issuers do, with the plain Digital Bazaar packages and no microcred code: ECDSA
// (P-256, P-384) and Ed25519 key pairs bound to their did:key, each suite's signing class, and one
// document loader that also serves the legacy Ed25519Signature2018 context.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { contexts as legacyContexts } from 'ed25519-signature-2018-context';
import { digitalBazaarLoader, DIGITAL_BAZAAR_SIGNED_AT, type DocumentLoaderFn } from '../../helpers/digitalBazaar.js';
import { unsignedCredential, type CredentialDraft } from '../../helpers/credential.js';

/** A key pair as the plain stack makes one, named by its did:key. */
export interface PlainPair {
  id: string;
  controller: string;
  publicKeyMultibase: string;
  signer(): { id?: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
}

/** A fresh P-256 or P-384 key pair bound to its did:key (`zDn…`, `z82…`). */
export async function ecdsaPair(curve: 'P-256' | 'P-384'): Promise<PlainPair> {
  const pair = (await EcdsaMultikey.generate({ curve })) as unknown as PlainPair;
  return named(pair);
}

/** A fresh Ed25519 key pair bound to its did:key. */
export async function ed25519Pair(): Promise<PlainPair> {
  return named((await Ed25519Multikey.generate()) as unknown as PlainPair);
}

function named(pair: PlainPair): PlainPair {
  pair.controller = `did:key:${pair.publicKeyMultibase}`;
  pair.id = `${pair.controller}#${pair.publicKeyMultibase}`;
  return pair;
}

/** The plain stack's loader, with the Ed25519Signature2018 context added. */
export function plainLoader(): DocumentLoaderFn {
  const base = digitalBazaarLoader();
  return async (url) => {
    const legacy = legacyContexts.get(url);
    if (legacy !== undefined) return { contextUrl: null, documentUrl: url, document: legacy };
    return base(url);
  };
}

/** Signs a copy of `credential` with `suite` through the plain stack's `vc.issue`. */
export async function issueWithPlainStack(
  credential: Record<string, unknown>,
  suite: unknown,
): Promise<Record<string, unknown>> {
  const vc = await import('@digitalbazaar/vc');
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader: plainLoader() });
}

/** An Open Badge issued by `pair`'s did:key; `expired` gives it a validUntil before the tests' clock. */
export function badgeOf(pair: PlainPair, overrides: Partial<CredentialDraft> = {}): Record<string, unknown> {
  const id = `urn:uuid:${globalThis.crypto.randomUUID()}`;
  return unsignedCredential({ controller: pair.controller }, { id, ...overrides }) as Record<string, unknown>;
}

/** A validUntil well past by the tests' clock (NOW, 2026-06-01), beyond any allowed clock skew. */
export const EXPIRED = { validUntil: '2026-03-01T00:00:00Z' } as const;

export { DIGITAL_BAZAAR_SIGNED_AT };

/** A selective-disclosure cryptosuite package's factories (ecdsa-sd-2023, bbs-2023). */
interface DisclosureSuite {
  createSignCryptosuite(options: { mandatoryPointers: string[] }): unknown;
  createDiscloseCryptosuite(options: { selectivePointers: string[] }): unknown;
}

/**
 * Signing a base proof and deriving a disclosure with a selective-disclosure suite, through the
 * plain stack: `baseSigned(pair)` is a badge of `issuer` (default: `pair`'s did:key) with
 * `evidence`, signed by `pair`; `derived(base, pointers)` discloses the mandatory statements and
 * `pointers`.
 */
export function selectiveDisclosure(suite: DisclosureSuite, mandatoryPointers: string[], evidence: unknown[]) {
  return {
    async baseSigned(pair: PlainPair, overrides: Record<string, unknown> = {}, issuer: PlainPair = pair) {
      const signing = new DataIntegrityProof({
        signer: pair.signer(),
        date: DIGITAL_BAZAAR_SIGNED_AT,
        cryptosuite: suite.createSignCryptosuite({ mandatoryPointers }),
      });
      return issueWithPlainStack(badgeOf(issuer, { evidence, ...overrides }), signing);
    },
    async derived(base: Record<string, unknown>, selectivePointers: string[] = []) {
      const vc = await import('@digitalbazaar/vc');
      return vc.derive({
        verifiableCredential: base,
        suite: new DataIntegrityProof({ cryptosuite: suite.createDiscloseCryptosuite({ selectivePointers }) }),
        documentLoader: plainLoader(),
      });
    },
  };
}
