// Telling an Open Badges 2.0 (or 1.x) assertion from an Open Badges 3.0 credential, before either is
// parsed. An OB 2.0 assertion is plain JSON (JSON-LD under https://w3id.org/openbadges/v2), or the
// compact JWS of one (a signed assertion), or, in a baked image, the URL of a hosted one.
import { fromBase64Url } from '../encoding.js';
import { isJsonObject } from '../jsonPath.js';
import { withoutByteOrderMark } from '../jsonText.js';

/** The JSON-LD context of Open Badges 2.0. */
export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';

/** An Open Badges 2.0 assertion as it was given, not yet read. */
export type Ob2Input =
  { kind: 'json'; value: unknown } | { kind: 'jws'; compact: string } | { kind: 'url'; url: string };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const HTTP_URL = /^https?:\/\/\S+$/i;

/**
 * The assertion `source` holds when it is an Open Badges 2.0 (or 1.x) one: an object or JSON text
 * naming the OB 2.0 context or typed `Assertion` (and not a verifiable credential), a compact JWS
 * whose payload is one, or an http(s) URL alone (a hosted assertion's, read later through the
 * caller's fetch). `baked`: the text came out of an image's OB 2.0 chunk or element, where anything
 * is OB 2.0. Never throws; undefined otherwise.
 */
export function recogniseOpenBadges2(source: unknown, baked = false, maxBytes = Infinity): Ob2Input | undefined {
  try {
    if (typeof source !== 'string') return isOb2Object(source) ? { kind: 'json', value: source } : undefined;
    if (source.length > maxBytes) return baked ? { kind: 'json', value: source } : undefined;
    const text = withoutByteOrderMark(source).trim();
    if (COMPACT_JWS.test(text))
      return baked || isOb2Object(payloadOf(text)) ? { kind: 'jws', compact: text } : undefined;
    // A hosted assertion is also handed over as its URL (OB 2.0 displayers take one as input).
    if (HTTP_URL.test(text)) return { kind: 'url', url: text };
    if (baked) return { kind: 'json', value: source };
    // A cheap look first: most inputs are OB 3.0 credentials, which never name these.
    if (
      !text.startsWith('{') ||
      !(text.includes(OB2_CONTEXT) || text.includes('"Assertion"') || text.includes('"verify"'))
    )
      return undefined;
    return isOb2Object(JSON.parse(text)) ? { kind: 'json', value: source } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True for an object that is an Open Badges 2.0 assertion (it names the OB 2.0 context, or is typed
 * `Assertion`) or a 1.x one (a `verify` object beside `recipient` and `badge`), and is not a
 * verifiable credential.
 */
export function isOb2Object(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  const types = [value.type].flat();
  if (types.includes('VerifiableCredential') || types.includes('VerifiablePresentation')) return false;
  const contexts = [value['@context']].flat();
  if (contexts.includes(OB2_CONTEXT) || contexts.includes(`${OB2_CONTEXT}/`)) return true;
  if (types.includes('Assertion') && ('recipient' in value || 'badge' in value)) return true;
  return isJsonObject(value.verify) && 'recipient' in value && 'badge' in value;
}

function payloadOf(compact: string): unknown {
  const payload = compact.split('.')[1] ?? '';
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(payload)));
}
