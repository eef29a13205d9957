/** An issuer the caller knows, matched by the credential's issuer id (a DID or a URL). */
export interface TrustedIssuer {
  /** The issuer's DID or URL, as it appears in `issuer.id`. */
  id: string;
  /** The name to show for this issuer. */
  name: string;
  /** Where people can learn about the issuer. */
  url?: string;
  /** A logo to show next to the name. */
  logo?: string;
}
