// Single changes to a VC-JWT. A JWS signs the exact bytes of its header and payload, so every change
// to them is rejected, JSON member order and whitespace included (unlike JSON-LD, where only the
// statements are signed); so is every change to the signature, the algorithm or the key.
import { createHmac } from 'node:crypto';
import { decodePart as decode, encodePart as encode, partsOf } from '../jwt/helpers.js';
import type { Mutation } from './allowList.js';
import { objectMutations, reverseMembers } from './jsonChanges.js';

type Doc = Record<string, unknown>;

/** Tokens made elsewhere for the swaps: another credential's JWT, and forgeries signed by an outsider. */
export interface JwtSources {
  /** A VC-JWT of another credential. */
  otherJwt: string;
  /** Forgeries of this token, each with what was done (e.g. re-signed by an outsider with its jwk in the header). */
  forgeries: { change: string; jwt: string }[];
}

/** Every single change to `jwt` this suite makes; only surrounding whitespace may verify. */
export function* jwtMutationsOf(jwt: string, sources: JwtSources): Generator<Mutation> {
  const [h, p, s] = partsOf(jwt);
  const header = decode(h);
  const payload = decode(p);
  const token = (change: string, path: string, input: string): Mutation => ({ path, change, input });

  for (const m of objectMutations(header)) yield token(m.change, `header.${m.path}`, `${encode(m.input)}.${p}.${s}`);
  for (const m of objectMutations(payload)) yield token(m.change, `payload.${m.path}`, `${h}.${encode(m.input)}.${s}`);
  for (const [name, part, value] of [
    ['header', 0, header],
    ['payload', 1, payload],
  ] as const) {
    const replace = (text: string) =>
      [h, p, s].map((x, i) => (i === part ? Buffer.from(text).toString('base64url') : x)).join('.');
    yield token(
      'the same JSON with its members in reverse order',
      name,
      replace(JSON.stringify(reverseMembers(value as never))),
    );
    yield token('the same JSON, indented', name, replace(JSON.stringify(value, null, 2)));
    yield token('the same JSON with a trailing space', name, replace(`${JSON.stringify(value)} `));
  }

  // The registered claims changed together with the credential property they repeat.
  const subject = payload.credentialSubject as Doc | undefined;
  if (typeof payload.sub === 'string' && subject)
    yield token(
      'sub and credentialSubject.id both changed',
      'payload.sub',
      `${h}.${encode({ ...payload, sub: 'did:example:mallory', credentialSubject: { ...subject, id: 'did:example:mallory' } })}.${s}`,
    );
  if (typeof payload.exp === 'number')
    yield token(
      'exp and validUntil both moved a year later',
      'payload.exp',
      `${h}.${encode({ ...payload, exp: payload.exp + 31_536_000, validUntil: '2099-01-01T00:00:00Z' })}.${s}`,
    );
  if (typeof payload.nbf === 'number')
    yield token(
      'nbf and validFrom both moved a year earlier',
      'payload.nbf',
      `${h}.${encode({ ...payload, nbf: payload.nbf - 31_536_000, validFrom: '2000-01-01T00:00:00Z' })}.${s}`,
    );

  const signature = Buffer.from(s, 'base64url');
  for (const [where, index] of [
    ['first', 0],
    ['middle', Math.floor(signature.length / 2)],
    ['last', signature.length - 1],
  ] as const) {
    for (const bit of [0x01, 0x80]) {
      const flipped = Buffer.from(signature);
      flipped[index] = (flipped[index] as number) ^ bit;
      yield token(
        `${where} signature byte, bit ${bit.toString(16)} flipped`,
        'signature',
        `${h}.${p}.${flipped.toString('base64url')}`,
      );
    }
  }
  yield token('last byte dropped', 'signature', `${h}.${p}.${signature.subarray(0, -1).toString('base64url')}`);
  yield token(
    'a zero byte appended',
    'signature',
    `${h}.${p}.${Buffer.concat([signature, Buffer.from([0])]).toString('base64url')}`,
  );
  yield token('empty', 'signature', `${h}.${p}.`);
  yield token("the signature of another credential's JWT", 'signature', `${h}.${p}.${sources.otherJwt.split('.')[2]}`);
  yield token('written in standard base64 with padding', 'signature', `${h}.${p}.${signature.toString('base64')}`);

  yield token("header of another credential's JWT", 'header', `${sources.otherJwt.split('.')[0]}.${p}.${s}`);
  yield token("payload of another credential's JWT", 'payload', `${h}.${sources.otherJwt.split('.')[1]}.${s}`);
  yield token('the signature part left out', '(token)', `${h}.${p}`);
  yield token('a fourth part added', '(token)', `${jwt}.${s}`);
  yield token('alg "none" and no signature', 'header.alg', `${encode({ ...header, alg: 'none' })}.${p}.`);
  // The classic confusion: a MAC keyed with the public key the verifier would fetch.
  const key = JSON.stringify(header.jwk ?? header.kid ?? '');
  const hs = `${encode({ ...header, alg: 'HS256' })}.${p}`;
  yield token(
    'alg HS256, a MAC keyed with the public key',
    'header.alg',
    `${hs}.${createHmac('sha256', key).update(hs).digest('base64url')}`,
  );
  for (const forgery of sources.forgeries) yield token(forgery.change, '(token)', forgery.jwt);

  for (const [change, text] of [
    ['a newline after it', `${jwt}\n`],
    ['spaces around it', `  ${jwt}  `],
  ] as const) {
    yield { ...token(change, '(token)', text), allowed: 'token-whitespace' };
  }
}
