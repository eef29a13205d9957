// Reading a list of known issuers (a trust list) from JSON, refusing anything that is not one with an
// error naming the field.
import { ErrorCode, MicrocredError } from '../errors.js';
import { isUri } from '../identifiers.js';
import { isJsonObject } from '../jsonPath.js';
import type { TrustedIssuer } from './types.js';

const FIELDS = new Set(['id', 'name', 'url', 'logo']);

/**
 * Reads a trust list: a JSON array of `{ id, name, url?, logo? }`, or an object keyed by issuer id
 * whose values are `{ name, url?, logo? }`. Accepts the JSON text or the parsed value. Throws a
 * {@link MicrocredError} `ERR_TRUST_LIST_INVALID` whose `details.path` names the field at fault
 * (`[2].name`, `did:web:pd.example.org.url`).
 *
 * @example
 * const trust = parseTrustList(await readFile('trusted-issuers.json', 'utf8'));
 * const report = await verifyCredential(vc, { trust });
 * report.issuerTrust?.name; // "Example District PD" when the issuer is on the list
 */
export function parseTrustList(input: unknown): TrustedIssuer[] {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw invalid('', `The trust list is not JSON: ${(error as Error).message}.`);
    }
  }
  if (!Array.isArray(value) && !isJsonObject(value)) {
    throw invalid(
      '',
      'A trust list is a JSON array of issuers ({ "id", "name", "url", "logo" }) or an object keyed by issuer id.',
    );
  }
  // [where, entry, the key it is listed under (object form only)]
  const entries: [string, unknown, string | undefined][] = Array.isArray(value)
    ? value.map((entry, i) => [`[${i}]`, entry, undefined])
    : Object.entries(value).map(([id, entry]) => [id, entry, id]);
  const seen = new Map<string, string>();
  return entries.map(([at, entry, key]) => {
    if (!isJsonObject(entry))
      throw invalid(at, `${at} must be an object with the issuer's "name" (and its "id", "url", "logo").`);
    for (const field of Object.keys(entry)) {
      if (!FIELDS.has(field))
        throw invalid(
          `${at}.${field}`,
          `${at}.${field} is not a trust list field; an issuer has "id", "name", "url" and "logo".`,
        );
    }
    const id = entry.id ?? key;
    if (!isUri(id))
      throw invalid(
        `${at}.id`,
        `${at}.id must be the issuer's DID or URL, as it appears in a credential's issuer.id; it is ${JSON.stringify(id)}.`,
      );
    if (key !== undefined && entry.id !== undefined && entry.id !== key)
      throw invalid(
        `${at}.id`,
        `${at}.id is ${JSON.stringify(entry.id)}, but the entry is keyed by ${JSON.stringify(key)}.`,
      );
    if (typeof entry.name !== 'string' || entry.name.trim() === '')
      throw invalid(`${at}.name`, `${at}.name must be the name to show for the issuer (a non-empty string).`);
    if (entry.url !== undefined && !isWebUrl(entry.url))
      throw invalid(`${at}.url`, `${at}.url must be an http(s) URL; it is ${JSON.stringify(entry.url)}.`);
    if (entry.logo !== undefined && !isWebUrl(entry.logo) && !isImageData(entry.logo))
      throw invalid(`${at}.logo`, `${at}.logo must be an http(s) URL or a data:image/… URL.`);
    const earlier = seen.get(id);
    if (earlier !== undefined) throw invalid(`${at}.id`, `${at}.id repeats the issuer of ${earlier} (${id}).`);
    seen.set(id, at);
    return {
      id,
      name: entry.name,
      ...(entry.url !== undefined ? { url: entry.url as string } : {}),
      ...(entry.logo !== undefined ? { logo: entry.logo as string } : {}),
    };
  });
}

function invalid(path: string, message: string): MicrocredError {
  return new MicrocredError(ErrorCode.TRUST_LIST_INVALID, message, { path });
}

function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function isImageData(value: unknown): boolean {
  return typeof value === 'string' && /^data:image\/[a-z0-9.+-]+[;,]/i.test(value);
}
