// Shared by the baking tests: the project's badge images, a signed credential and a VC-JWT of it,
// pixels as an independent PNG decoder (pngjs) sees them, and builders for crafted PNGs.
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { SignJWT, importJWK } from 'jose';
import {
  MicrocredError,
  exportKey,
  generateKey,
  issueCredential,
  type ErrorCode,
  type Key,
  type SignedCredential,
} from '../../src/index.js';
import { chunksOf, writeChunk } from '../../src/bake/png/chunks.js';
import { iTxtData } from '../../src/bake/png/textChunks.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';

export { NOW };

/** A file under examples/badge/. */
export function badgeFile(name: string): string {
  return fileURLToPath(new URL(`../../examples/badge/${name}`, import.meta.url));
}

/** The project's badge as PNG bytes (a plain Uint8Array, not a Buffer). */
export function badgePng(): Uint8Array {
  return new Uint8Array(readFileSync(badgeFile('microcred-badge.png')));
}

/** The project's badge as SVG text. */
export function badgeSvg(): string {
  return readFileSync(badgeFile('microcred-badge.svg'), 'utf8');
}

/** A credential signed with a fresh did:key, and that key. */
export async function signedCredential(
  overrides: Record<string, unknown> = {},
): Promise<{ key: Key<'ed25519'>; signed: SignedCredential }> {
  const key = await generateKey();
  const signed = await issueCredential(unsignedCredential(key, overrides), { key, now: NOW });
  return { key, signed };
}

/** A VC-JWT (EdDSA, Ed25519) of an unsigned credential by `key`, made with jose as another issuer would. */
export async function signedJwt(key: Key<'ed25519'>): Promise<string> {
  const jwk = (await exportKey(key, { format: 'jwk', includeSecret: true })) as Record<string, string>;
  const privateKey = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d }, 'EdDSA');
  const credential = { ...unsignedCredential(key), id: 'urn:uuid:2f1f7d2e-8a55-4b6b-9a39-3d1c2b0f9e11' };
  return new SignJWT(credential)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.id })
    .setIssuer(key.controller)
    .setJti(credential.id)
    .setSubject('did:example:teacher-42')
    .setNotBefore(Math.floor(Date.parse(credential.validFrom as string) / 1000))
    .sign(privateKey);
}

/** The RGBA pixels of a PNG, decoded by pngjs (which also checks every chunk's CRC). */
export function pixels(png: Uint8Array): { width: number; height: number; data: Buffer } {
  const { width, height, data } = PNG.sync.read(Buffer.from(png));
  return { width, height, data };
}

/** The chunk types of a PNG, in order. */
export function chunkTypes(png: Uint8Array): string[] {
  return [...chunksOf(png, Infinity)].map((c) => c.type);
}

/** The bytes of each chunk of a PNG, in order (for comparing what baking kept). */
export function chunkBytes(png: Uint8Array): Buffer[] {
  return [...chunksOf(png, Infinity)].map((c) => Buffer.from(png.subarray(c.start, c.end)));
}

/** `png` with `chunks` (already encoded) inserted just before IEND. */
export function insertBeforeIend(png: Uint8Array, ...chunks: Uint8Array[]): Uint8Array {
  const iend = [...chunksOf(png, Infinity)].at(-1)!.start;
  return Buffer.concat([png.subarray(0, iend), ...chunks, png.subarray(iend)]);
}

/** An iTXt chunk with `keyword` and `text`; `compressed` sets the compression flag (the text is left as is). */
export function iTxt(keyword: string, text: string, compressed = false): Uint8Array {
  const data = iTxtData(keyword, new TextEncoder().encode(text));
  if (compressed) data[keyword.length + 1] = 1;
  return writeChunk('iTXt', data);
}

/** A tEXt or zTXt chunk with `keyword` and raw `text` bytes. */
export function latinText(type: 'tEXt' | 'zTXt', keyword: string, text: string): Uint8Array {
  return writeChunk(
    type,
    Buffer.concat([Buffer.from(`${keyword}\0`, 'latin1'), Buffer.from(type === 'zTXt' ? `\0${text}` : text, 'latin1')]),
  );
}

/** The offset of the first chunk of `type` in `png`. */
export function chunkOffset(png: Uint8Array, type: string): number {
  const chunk = [...chunksOf(png, Infinity)].find((c) => c.type === type);
  if (!chunk) throw new Error(`no ${type} chunk`);
  return chunk.start;
}

/** The MicrocredError `fn` throws (fails the test when it returns or throws anything else or another code). */
export function thrown(fn: () => unknown, code: ErrorCode): MicrocredError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MicrocredError);
  expect((error as MicrocredError).code).toBe(code);
  return error as MicrocredError;
}
