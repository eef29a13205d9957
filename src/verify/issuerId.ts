import type { VerifyContext } from './check.js';

/**
 * The issuer's id as the credential's signed graph states it (the view), or undefined when it states
 * none. The one place checks read it.
 */
export function issuerIdOf(ctx: Pick<VerifyContext, 'view'>): string | undefined {
  return ctx.view?.issuer?.id;
}

/** Who controls a verification method that signed: its stated controller, else the DID (or URL) before its fragment. */
export function ownerOf(signer: { id: string; controller?: string }): string {
  return signer.controller ?? (signer.id.split('#')[0] as string);
}
