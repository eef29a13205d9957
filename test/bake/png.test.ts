// Baking into PNG and taking the credential out again: one uncompressed iTXt "openbadgecredential"
// chunk before IEND, every other chunk and every pixel untouched, and a clear code for each kind of
// broken or hostile file.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ErrorCode, bakeCredential, extractCredential } from '../../src/index.js';
import { imageKindOf } from '../../src/bake/image.js';
import { fixturePath } from '../helpers/credential.js';
import {
  badgePng,
  chunkBytes,
  chunkOffset,
  chunkTypes,
  iTxt,
  insertBeforeIend,
  latinText,
  pixels,
  signedCredential,
  signedJwt,
  thrown,
} from './helpers.js';

describe('baking a PNG', async () => {
  const { key, signed } = await signedCredential();
  const jwt = await signedJwt(key);
  const png = badgePng();

  it('adds one iTXt chunk just before IEND and leaves every other chunk byte for byte', () => {
    const baked = bakeCredential(png, signed);
    expect(baked).toBeInstanceOf(Uint8Array);
    expect(chunkTypes(baked)).toEqual([...chunkTypes(png).slice(0, -1), 'iTXt', 'IEND']);
    const before = chunkBytes(png);
    const after = chunkBytes(baked);
    expect([...after.slice(0, -2), after.at(-1)]).toEqual(before);
    expect(imageKindOf(baked)).toBe('png');
  });

  it('keeps the picture: pngjs decodes the same RGBA pixels before and after', () => {
    const before = pixels(png);
    for (const credential of [signed, jwt]) {
      const after = pixels(bakeCredential(png, credential));
      expect([after.width, after.height]).toEqual([before.width, before.height]);
      expect(after.data.equals(before.data)).toBe(true);
    }
  });

  it('round-trips a JSON-LD credential given as an object', () => {
    const found = extractCredential(bakeCredential(png, signed));
    expect(found).toMatchObject({ kind: 'png', format: 'json-ld' });
    expect(found.credential).toEqual(signed);
  });

  it('round-trips a JSON credential given as text byte for byte, non-ASCII included', () => {
    const text = JSON.stringify({ ...signed, name: 'Évaluation formative — niveau 2 ✓' }, null, 2);
    const found = extractCredential(bakeCredential(png, text));
    expect(found.text).toBe(text);
    expect((found.credential as { name: string }).name).toBe('Évaluation formative — niveau 2 ✓');
  });

  it('round-trips a VC-JWT exactly, as the compact JWS', () => {
    const found = extractCredential(bakeCredential(png, jwt));
    expect(found).toEqual({ kind: 'png', format: 'vc-jwt', credential: jwt, text: jwt });
  });

  it('writes the chunk the spec describes: keyword, no compression, empty language tag and translated keyword', () => {
    const baked = bakeCredential(png, jwt);
    const start = chunkOffset(baked, 'iTXt');
    const data = Buffer.from(
      baked.subarray(start + 8, start + 8 + new DataView(baked.buffer, baked.byteOffset + start).getUint32(0)),
    );
    expect(data.toString('latin1')).toBe(`openbadgecredential\0\0\0\0\0${jwt}`);
  });

  it('replaces the earlier credential when baking again: one chunk, the new credential', () => {
    const other = { ...signed, id: 'urn:uuid:00000000-0000-4000-8000-000000000000' };
    const twice = bakeCredential(bakeCredential(png, signed), other);
    expect(chunkTypes(twice).filter((t) => t === 'iTXt')).toHaveLength(1);
    expect(extractCredential(twice).credential).toEqual(other);
    expect(Buffer.from(twice).equals(Buffer.from(bakeCredential(png, other)))).toBe(true);
  });

  it('replaces an Open Badges 2.0 assertion too, so the image never carries two badges', () => {
    const ob2 = insertBeforeIend(png, iTxt('openbadges', '{"type":"Assertion"}'));
    const baked = bakeCredential(ob2, jwt);
    expect(chunkTypes(baked).filter((t) => t === 'iTXt')).toHaveLength(1);
    expect(extractCredential(baked).credential).toBe(jwt);
  });

  it('takes a Node Buffer and an ArrayBuffer as well as a Uint8Array', () => {
    const buffer = Buffer.from(png);
    const arrayBuffer = png.slice().buffer;
    for (const image of [buffer, arrayBuffer])
      expect(extractCredential(bakeCredential(image, jwt)).credential).toBe(jwt);
  });

  it("keeps the ancillary chunks of another tool's PNG (gAMA, cHRM, bKGD, pHYs, tIME, tEXt) when re-baking it", () => {
    const theirs = new Uint8Array(readFileSync(fixturePath('1edtech-validator/ob30/simple-json.png')));
    const baked = bakeCredential(theirs, jwt);
    expect(chunkTypes(baked)).toEqual(chunkTypes(theirs));
    expect(pixels(baked).data.equals(pixels(theirs).data)).toBe(true);
    expect(extractCredential(baked).credential).toBe(jwt);
  });

  it('refuses to bake what is not a signed credential, before touching the image', () => {
    const { proof: _proof, ...unsigned } = signed;
    expect(thrown(() => bakeCredential(png, unsigned), ErrorCode.PROOF_MISSING).details.path).toBe('proof');
    thrown(() => bakeCredential(png, 'not a credential'), ErrorCode.INPUT_NOT_JSON);
    thrown(() => bakeCredential(png, '{"proof": '), ErrorCode.INPUT_NOT_JSON);
    thrown(() => bakeCredential(png, 'bm90IGpzb24.eyJhIjoxfQ.c2ln'), ErrorCode.JWT_MALFORMED);
    thrown(() => bakeCredential(png, [signed] as never), ErrorCode.INPUT_NOT_OBJECT);
  });

  it('refuses to bake into a broken PNG, with the same codes extraction gives', () => {
    thrown(() => bakeCredential(png.subarray(0, png.length - 20), signed), ErrorCode.IMAGE_TRUNCATED);
  });
});

describe('reading a broken or hostile PNG', async () => {
  const { key } = await signedCredential();
  const jwt = await signedJwt(key);
  const baked = bakeCredential(badgePng(), jwt);

  it('not a PNG: other bytes, and a signature whose line-ending bytes were converted', () => {
    expect(
      thrown(() => extractCredential(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), ErrorCode.IMAGE_INVALID)
        .message,
    ).toMatch(/neither a PNG nor an SVG/);
    const converted = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x1a, 0x0a]), baked.subarray(8)]);
    expect(thrown(() => extractCredential(converted), ErrorCode.IMAGE_INVALID).message).toMatch(/signature is damaged/);
  });

  it('truncated: cut inside a chunk, inside a chunk header, and before IEND', () => {
    const iTxtAt = chunkOffset(baked, 'iTXt');
    expect(thrown(() => extractCredential(baked.subarray(0, iTxtAt + 40)), ErrorCode.IMAGE_TRUNCATED).message).toMatch(
      /iTXt chunk at byte \d+ claims \d+ bytes but only \d+ follow/,
    );
    thrown(() => extractCredential(baked.subarray(0, iTxtAt + 5)), ErrorCode.IMAGE_TRUNCATED);
    expect(
      thrown(() => extractCredential(baked.subarray(0, chunkOffset(baked, 'IEND'))), ErrorCode.IMAGE_TRUNCATED).message,
    ).toMatch(/without an IEND chunk/);
  });

  it('a chunk whose CRC does not match: in the credential, and in the image data', () => {
    for (const type of ['iTXt', 'IDAT']) {
      const damaged = Buffer.from(baked);
      damaged[chunkOffset(baked, type) + 30]! ^= 0x01;
      expect(thrown(() => extractCredential(damaged), ErrorCode.IMAGE_CHECKSUM).details).toMatchObject({ chunk: type });
    }
  });

  it('a chunk claiming gigabytes (or more than the limit) is refused at once, without allocating it', () => {
    for (const claimed of [0xfffffff0, 0x7fffffff, 64 * 1024 * 1024]) {
      const crafted = Buffer.from(baked);
      crafted.writeUInt32BE(claimed, chunkOffset(baked, 'iTXt'));
      expect(thrown(() => extractCredential(crafted), ErrorCode.IMAGE_CHUNK_TOO_LARGE).details).toMatchObject({
        chunk: 'iTXt',
        length: claimed,
      });
    }
    // The caller's own, smaller limit applies to chunks as to the whole image.
    const image = baked;
    expect(thrown(() => extractCredential(image, { maxBytes: 100 }), ErrorCode.INPUT_TOO_LARGE).details).toMatchObject({
      limit: 100,
    });
  });

  it('a compressed iTXt chunk, or a zTXt one, is refused: the spec forbids compression and nothing is inflated', () => {
    const plain = badgePng();
    thrown(
      () => extractCredential(insertBeforeIend(plain, iTxt('openbadgecredential', 'eJzLSM3JyQcABiwCFQ==', true))),
      ErrorCode.IMAGE_COMPRESSED,
    );
    thrown(
      () => extractCredential(insertBeforeIend(plain, latinText('zTXt', 'openbadgecredential', 'x'))),
      ErrorCode.IMAGE_COMPRESSED,
    );
  });

  it('a credential in a tEXt chunk is refused: OB 3.0 requires iTXt', () => {
    expect(
      thrown(
        () => extractCredential(insertBeforeIend(badgePng(), latinText('tEXt', 'openbadgecredential', jwt))),
        ErrorCode.IMAGE_INVALID,
      ).message,
    ).toMatch(/requires an iTXt chunk/);
  });

  it('several credentials are ambiguous and refused, whichever comes first', () => {
    const two = insertBeforeIend(baked, iTxt('openbadgecredential', jwt));
    expect(thrown(() => extractCredential(two), ErrorCode.IMAGE_AMBIGUOUS).details.found).toHaveLength(2);
    thrown(() => extractCredential(insertBeforeIend(baked, iTxt('openbadges', '{}'))), ErrorCode.IMAGE_AMBIGUOUS);
  });

  it('no credential: the plain badge, and an empty credential chunk', () => {
    expect(thrown(() => extractCredential(badgePng()), ErrorCode.IMAGE_NO_CREDENTIAL).message).toMatch(
      /has no "openbadgecredential" text chunk/,
    );
    thrown(
      () => extractCredential(insertBeforeIend(badgePng(), iTxt('openbadgecredential', '  '))),
      ErrorCode.IMAGE_NO_CREDENTIAL,
    );
  });

  it('an Open Badges 2.0 badge is recognised as such, in an iTXt or a tEXt chunk', () => {
    for (const chunk of [
      iTxt('openbadges', '{"type":"Assertion"}'),
      latinText('tEXt', 'openbadges', 'https://example.org/assertion.json'),
    ]) {
      expect(
        thrown(() => extractCredential(insertBeforeIend(badgePng(), chunk)), ErrorCode.IMAGE_OPEN_BADGES_2).message,
      ).toMatch(/Open Badges 2\.0 badge.*Open Badges 3\.0 credentials only.*verifyCredential/);
    }
  });

  it('baked text that is neither JSON nor a VC-JWT is named as such', () => {
    thrown(
      () => extractCredential(insertBeforeIend(badgePng(), iTxt('openbadgecredential', 'hello'))),
      ErrorCode.INPUT_NOT_JSON,
    );
    thrown(
      () => extractCredential(insertBeforeIend(badgePng(), iTxt('openbadgecredential', '[1]'))),
      ErrorCode.INPUT_NOT_OBJECT,
    );
  });

  it('bytes after IEND are ignored, as PNG decoders ignore them', () => {
    const trailing = Buffer.concat([baked, Buffer.from('trailing junk')]);
    expect(extractCredential(trailing).credential).toBe(jwt);
  });
});
