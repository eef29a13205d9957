/**
 * The issuer's id as the credential states it (`issuer` as a string, or `issuer.id`), or undefined
 * when it states none. The one place the signature check reads it, so that it can later be pointed
 * at the credential's signed graph.
 */
export function issuerIdOf(credential: unknown): string | undefined {
  if (typeof credential !== 'object' || credential === null) return undefined;
  const issuer = (credential as { issuer?: unknown }).issuer;
  const id = typeof issuer === 'string' ? issuer : typeof issuer === 'object' && issuer !== null ? (issuer as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Who controls a verification method that signed: its stated controller, else the DID (or URL) before its fragment. */
export function ownerOf(signer: { id: string; controller?: string }): string {
  return signer.controller ?? (signer.id.split('#')[0] as string);
}
