// RSA keys in PKCS #1 DER (RFC 8017 Appendix A.1), as the rsa-pub and rsa-priv Multikey codecs carry
// them: a SEQUENCE of INTEGERs. Only that shape is read or written; anything else is refused.
import { fromBase64Url, toBase64Url } from '../encoding.js';

/** The members of an RSA JWK in PKCS #1 order: public `n`, `e`; private adds `d`, `p`, `q`, `dp`, `dq`, `qi`. */
export const RSA_PUBLIC_MEMBERS = ['n', 'e'] as const;
export const RSA_PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/** RSAPublicKey (`SEQUENCE { n, e }`) of a JWK's `n` and `e`. */
export function rsaPublicKeyDer(jwk: Record<string, string>): Uint8Array {
  return sequence(RSA_PUBLIC_MEMBERS.map((m) => integer(fromBase64Url(jwk[m] as string))));
}

/** RSAPrivateKey (`SEQUENCE { 0, n, e, d, p, q, dp, dq, qi }`) of a private JWK. */
export function rsaPrivateKeyDer(jwk: Record<string, string>): Uint8Array {
  const members = [...RSA_PUBLIC_MEMBERS, ...RSA_PRIVATE_MEMBERS].map((m) => integer(fromBase64Url(jwk[m] as string)));
  return sequence([integer(Uint8Array.of(0)), ...members]);
}

/** The JWK members of an RSAPublicKey, or undefined when `der` is not exactly one. */
export function jwkOfRsaPublicKeyDer(der: Uint8Array): Record<string, string> | undefined {
  const values = integersOf(der);
  if (values?.length !== 2) return undefined;
  return Object.fromEntries(RSA_PUBLIC_MEMBERS.map((m, i) => [m, toBase64Url(values[i] as Uint8Array)]));
}

/** The JWK members of a two-prime RSAPrivateKey (version 0), or undefined when `der` is not exactly one. */
export function jwkOfRsaPrivateKeyDer(der: Uint8Array): Record<string, string> | undefined {
  const values = integersOf(der);
  if (values?.length !== 9 || values[0]?.length !== 1 || values[0][0] !== 0) return undefined;
  const names = [...RSA_PUBLIC_MEMBERS, ...RSA_PRIVATE_MEMBERS];
  return Object.fromEntries(names.map((m, i) => [m, toBase64Url(values[i + 1] as Uint8Array)]));
}

function sequence(items: Uint8Array[]): Uint8Array {
  return tagged(0x30, concat(items));
}

// A DER INTEGER of an unsigned big-endian value: minimal, with a leading 0 when the top bit is set.
function integer(unsigned: Uint8Array): Uint8Array {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const value = unsigned.slice(start);
  return tagged(0x02, (value[0] as number) & 0x80 ? concat([Uint8Array.of(0), value]) : value);
}

function tagged(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const length =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return concat([Uint8Array.of(tag, ...length), content]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// The unsigned values of a SEQUENCE of non-negative INTEGERs spanning all of `der`; undefined otherwise.
function integersOf(der: Uint8Array): Uint8Array[] | undefined {
  const outer = read(der, 0);
  if (!outer || outer.tag !== 0x30 || outer.end !== der.length) return undefined;
  const values: Uint8Array[] = [];
  for (let at = outer.start; at < outer.end;) {
    const item = read(der, at);
    if (!item || item.tag !== 0x02 || item.end > outer.end || item.start === item.end) return undefined;
    const value = der.slice(item.start, item.end);
    if ((value[0] as number) & 0x80) return undefined;
    values.push(value.length > 1 && value[0] === 0 ? value.slice(1) : value);
    at = item.end;
  }
  return values;
}

function read(der: Uint8Array, at: number): { tag: number; start: number; end: number } | undefined {
  const tag = der[at];
  const first = der[at + 1];
  if (tag === undefined || first === undefined) return undefined;
  let length = first;
  let start = at + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 3) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = (length << 8) | (der[start + i] ?? 0);
    start += count;
  }
  const end = start + length;
  return end <= der.length ? { tag, start, end } : undefined;
}
