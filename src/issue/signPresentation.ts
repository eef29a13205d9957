import * as vc from '@digitalbazaar/vc';
import { MicrocredError, ErrorCode } from '../errors.js';
import { CONTEXT } from '../model/constants.js';
import { toDateTimeZ } from '../dates.js';
import { copyAsPlainJson, isJsonObject } from '../jsonPath.js';
import { toBase64Url, utf8 } from '../encoding.js';
import { DocumentLoader } from '../contexts/documentLoader.js';
import { translateJsonLdError } from '../contexts/jsonldErrors.js';
import { eddsaRdfc2022Signing } from '../proofs/eddsaRdfc2022.js';
import type { Key } from '../keys/key.js';

/**
 * A presentation to sign: the credentials the holder shares (signed JSON credentials, or VC-JWT
 * strings), and optionally its `id`, `holder` (default: the key's controller) and `@context`.
 */
export interface PresentationDraft {
  '@context'?: (string | Record<string, unknown>)[];
  id?: string;
  type?: string | string[];
  holder?: string;
  verifiableCredential?: unknown[] | unknown;
  [member: string]: unknown;
}

/** Options of {@link signPresentation}. */
export interface SignPresentationOptions {
  /** The holder's key; the presentation's `holder` must be its controller. */
  key: Key;
  /** The verifier's challenge (nonce) for this request: what shows the presentation is not a replay. */
  challenge: string;
  /** The verifier's domain, when it gave one (a VP-JWT's `aud`). */
  domain?: string;
  /** `'data-integrity'` (default): a DataIntegrityProof (eddsa-rdfc-2022, proofPurpose authentication); `'jwt'`: a VP-JWT. */
  format?: 'data-integrity' | 'jwt';
  /** A loader to reuse across calls (one is made if absent). */
  loader?: DocumentLoader;
  /** The clock: the proof's `created` (a VP-JWT's `iat`). */
  now?: Date;
}

/**
 * Signs a Verifiable Presentation as its holder and returns a new object (the draft is never
 * changed): with a DataIntegrityProof (eddsa-rdfc-2022, proofPurpose `authentication`, the
 * `challenge` and `domain` in the proof), or with `format: 'jwt'` as a VP-JWT (the presentation in
 * its `vp` claim, `iss` the holder, `nonce` the challenge, `aud` the domain). The type
 * VerifiablePresentation, the VC 2.0 context and the holder are filled in when missing.
 *
 * Throws a {@link MicrocredError}: `ERR_HOLDER_MISMATCH` when `holder` is not the key's controller,
 * `ERR_FIELD_REQUIRED` without a challenge, `ERR_KEY_PROOF_UNSUPPORTED` when the key cannot make the
 * proof asked for (a P-256 or RSA key signs VP-JWTs only).
 *
 * @example
 * const vp = await signPresentation({ verifiableCredential: [badge1, badge2] }, { key, challenge: nonce, domain: 'verifier.example.org' });
 * const report = await verifyPresentation(vp, { challenge: nonce, domain: 'verifier.example.org' });
 */
export async function signPresentation(
  draft: PresentationDraft,
  options: SignPresentationOptions & { format: 'jwt' },
): Promise<string>;
export async function signPresentation(
  draft: PresentationDraft,
  options: SignPresentationOptions & { format?: 'data-integrity' },
): Promise<Record<string, unknown>>;
export async function signPresentation(
  draft: PresentationDraft,
  options: SignPresentationOptions,
): Promise<Record<string, unknown> | string> {
  const { key, challenge, domain } = options;
  if (typeof challenge !== 'string' || challenge === '')
    throw new MicrocredError(
      ErrorCode.FIELD_REQUIRED,
      "signPresentation needs the verifier's challenge (options.challenge): a presentation without one can be replayed.",
      { path: 'challenge' },
    );
  key.assertCanMake(options.format === 'jwt' ? 'jwt' : 'eddsa-rdfc-2022');
  const vp = presentationOf(draft, key);
  const now = options.now ?? new Date();
  if (options.format === 'jwt') return signJwt(vp, key, challenge, domain, now);
  const loader = options.loader ?? new DocumentLoader();
  try {
    return await vc.signPresentation({
      presentation: vp,
      suite: eddsaRdfc2022Signing(key.signer(), toDateTimeZ(now)),
      challenge,
      ...(domain === undefined ? {} : { domain }),
      documentLoader: loader.load,
    });
  } catch (error) {
    if (error instanceof MicrocredError) throw error;
    throw (
      translateJsonLdError(error, vp) ??
      new MicrocredError(
        ErrorCode.INTERNAL,
        `Signing the presentation failed: ${(error as Error).message}`,
        {},
        { cause: error },
      )
    );
  }
}

function presentationOf(draft: PresentationDraft, key: Key): Record<string, unknown> {
  if (!isJsonObject(draft))
    throw new MicrocredError(
      ErrorCode.INPUT_NOT_OBJECT,
      'A presentation to sign is a JSON object, e.g. { verifiableCredential: [badge] }.',
    );
  const vp = copyAsPlainJson(draft) as Record<string, unknown>;
  const holder = vp.holder ?? key.controller;
  if (holder !== key.controller)
    throw new MicrocredError(
      ErrorCode.HOLDER_MISMATCH,
      `The presentation's holder is ${JSON.stringify(holder)}, but the key belongs to ${key.controller}: a holder signs with a key of their own.`,
      { path: 'holder' },
    );
  const types = [vp.type ?? []].flat();
  return {
    '@context': vp['@context'] ?? [CONTEXT.VC_V2],
    ...vp,
    type: types.includes('VerifiablePresentation') ? types : ['VerifiablePresentation', ...types],
    holder,
  };
}

// VC-JWT 1.1 §6.3.1 and OpenID4VP: the presentation in `vp`, the holder in `iss`, the challenge in `nonce`, the domain in `aud`.
async function signJwt(
  vp: Record<string, unknown>,
  key: Key,
  nonce: string,
  aud: string | undefined,
  now: Date,
): Promise<string> {
  const header = { alg: key.jwtAlgorithm, typ: 'JWT', ...(key.id ? { kid: key.id } : { jwk: key.publicJwk }) };
  const payload = {
    iss: vp.holder,
    ...(typeof vp.id === 'string' ? { jti: vp.id } : {}),
    ...(aud === undefined ? {} : { aud }),
    nonce,
    iat: Math.floor(now.getTime() / 1000),
    vp,
  };
  const encode = (value: unknown) => toBase64Url(utf8(JSON.stringify(value)));
  const signingInput = `${encode(header)}.${encode(payload)}`;
  return `${signingInput}.${toBase64Url(await key.sign(utf8(signingInput)))}`;
}
