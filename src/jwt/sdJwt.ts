// SD-JWT VCs (IETF SD-JWT, RFC 9901, and SD-JWT-based Verifiable Credentials): an issuer-signed JWT
// followed by `~`-separated disclosures and, optionally, a key-binding JWT. microcred does not
// verify them yet; it recognises them, so that a report says what they are instead of "malformed".
import { fromBase64Url } from '../encoding.js';
import { isJsonObject } from '../jsonPath.js';
import { typOf } from './typ.js';

/** What was recognised of an SD-JWT: the issuer JWT's `typ` (when it decodes) and how many disclosures follow. */
export interface SdJwtSighting {
  typ: string | undefined;
  disclosures: number;
}

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The SD-JWT `text` is, or undefined when it is not one: the compact form `<JWT>~<disclosure>~…~`
 * (possibly ending in a key-binding JWT), or a lone JWT whose header says `typ` `vc+sd-jwt` or
 * `dc+sd-jwt` (an SD-JWT with no disclosures).
 */
export function recogniseSdJwt(text: string): SdJwtSighting | undefined {
  const compact = text.trim();
  const [issuerJwt, ...rest] = compact.split('~');
  if (issuerJwt === undefined || !JWS.test(issuerJwt)) return undefined;
  const typ = headerTyp(issuerJwt);
  if (rest.length === 0) return typ !== undefined && typ.endsWith('+sd-jwt') ? { typ, disclosures: 0 } : undefined;
  // Every part after the JWT but the last is a disclosure (base64url); the last is empty or a key-binding JWT.
  const last = rest[rest.length - 1] as string;
  const disclosures = rest.slice(0, -1);
  if (!disclosures.every((d) => /^[A-Za-z0-9_-]+$/.test(d))) return undefined;
  if (last !== '' && !JWS.test(last)) return undefined;
  return { typ, disclosures: disclosures.length };
}

function headerTyp(jwt: string): string | undefined {
  try {
    const header: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(jwt.split('.')[0] as string)));
    return isJsonObject(header) ? typOf(header) : undefined;
  } catch {
    return undefined;
  }
}
