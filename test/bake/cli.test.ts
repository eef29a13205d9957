// microcred bake, microcred extract, and microcred verify on images, through the in-process CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliSession, readJsonFile, writeUnsigned, type CliResult, type CliSession } from '../cli/helpers.js';
import { badgeFile, pixels } from './helpers.js';

let session: CliSession;
let dir: string;
const run = (...argv: string[]): Promise<CliResult> => session.run(...argv);

beforeAll(async () => {
  session = await cliSession();
  dir = session.dir;
  await writeUnsigned(dir, session.did);
  expect(
    (await run('issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json', '--out', 'signed.json')).status,
  ).toBe(0);
  await copyFile(badgeFile('microcred-badge.png'), join(dir, 'badge.png'));
  await copyFile(badgeFile('microcred-badge.svg'), join(dir, 'badge.svg'));
});

afterAll(() => session.close());

describe('microcred bake / extract / verify IMAGE', () => {
  it.each(['png', 'svg'])(
    'bakes a signed credential into a %s that verify accepts and extract gives back',
    async (ext) => {
      const baked = await run(
        'bake',
        '--credential',
        'signed.json',
        '--image',
        `badge.${ext}`,
        '--out',
        `awarded.${ext}`,
      );
      expect(baked).toMatchObject({ status: 0, stderr: '' });
      expect(baked.stdout).toBe(`Baked signed.json into awarded.${ext} (${ext.toUpperCase()}).\n`);

      const verified = await run('verify', `awarded.${ext}`);
      expect(verified.status).toBe(0);
      expect(verified.stdout).toMatch(/✔ Verified/);
      expect(verified.stdout).toContain('✔ A credential was taken out of the image');

      const json = await run('verify', `awarded.${ext}`, '--json');
      const [report] = JSON.parse(json.stdout);
      expect(report).toMatchObject({ file: `awarded.${ext}`, verified: true, image: ext });
      expect(report.checks[0]).toEqual({
        id: 'extract',
        title: 'A credential was taken out of the image',
        outcome: 'passed',
      });

      const extracted = await run('extract', `awarded.${ext}`);
      expect(extracted.status).toBe(0);
      expect(JSON.parse(extracted.stdout)).toEqual(await readJsonFile(join(dir, 'signed.json')));
    },
  );

  it('a VC-JWT from "issue --format jwt" bakes, verifies from the image and comes out as it went in', async () => {
    expect(
      (
        await run(
          'issue',
          '--key',
          'issuer.key.json',
          '--credential',
          'unsigned.json',
          '--format',
          'jwt',
          '--out',
          'signed.jwt',
        )
      ).status,
    ).toBe(0);
    expect((await run('bake', '--credential', 'signed.jwt', '--image', 'badge.png', '--out', 'jwt.png')).status).toBe(
      0,
    );
    const [report] = JSON.parse((await run('verify', 'jwt.png', '--json')).stdout);
    expect(report).toMatchObject({ verified: true, image: 'png', format: 'vc-jwt' });
    expect((await run('extract', 'jwt.png')).stdout).toBe(
      `${(await readFile(join(dir, 'signed.jwt'), 'utf8')).trim()}\n`,
    );
  });

  it('baking a PNG in place keeps its pixels', async () => {
    await copyFile(badgeFile('microcred-badge.png'), join(dir, 'inplace.png'));
    expect((await run('bake', '-c', 'signed.json', '-i', 'inplace.png', '-o', 'inplace.png')).status).toBe(0);
    const before = pixels(await readFile(badgeFile('microcred-badge.png')));
    expect(pixels(await readFile(join(dir, 'inplace.png'))).data.equals(before.data)).toBe(true);
  });

  it('extract prints a baked VC-JWT as it is', async () => {
    const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZTppc3N1ZXIifQ.c2lnbmF0dXJl';
    await writeFile(join(dir, 'credential.jwt'), `${jwt}\n`);
    expect(
      (await run('bake', '--credential', 'credential.jwt', '--image', 'badge.svg', '--out', 'jwt.svg')).status,
    ).toBe(0);
    expect(await run('extract', 'jwt.svg')).toMatchObject({ status: 0, stdout: `${jwt}\n` });
  });

  it('an image without a credential, an unsigned credential, a damaged PNG: exit 1 with the code', async () => {
    const plain = await run('extract', 'badge.png');
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/^error ERR_IMAGE_NO_CREDENTIAL: The PNG holds no baked credential/);

    const unsigned = await run('bake', '--credential', 'unsigned.json', '--image', 'badge.png', '--out', 'never.png');
    expect(unsigned.status).toBe(1);
    expect(unsigned.stderr).toMatch(/^error ERR_PROOF_MISSING: .*sign it first/);

    const awarded = await readFile(join(dir, 'awarded.png'));
    await writeFile(join(dir, 'cut.png'), awarded.subarray(0, awarded.length - 100));
    const cut = await run('verify', 'cut.png', '--json');
    expect(cut.status).toBe(1);
    expect(JSON.parse(cut.stdout)[0].checks[0]).toMatchObject({
      id: 'extract',
      outcome: 'failed',
      problem: { code: 'ERR_IMAGE_TRUNCATED' },
    });
  });

  it('usage errors: a missing option, no image, the credential file as --out', async () => {
    const missing = await run('bake', '--credential', 'signed.json', '--image', 'badge.png');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/bake needs --out/);
    expect((await run('extract')).status).toBe(2);
    expect((await run('bake', '-c', 'signed.json', '-i', 'badge.png', '-o', 'signed.json')).stderr).toMatch(
      /--out names the credential file/,
    );
  });

  it('help bake and help extract describe them', async () => {
    expect((await run('help', 'bake')).stdout).toMatch(
      /^Usage: microcred bake --credential FILE --image IMAGE --out FILE/,
    );
    expect((await run('extract', '--help')).stdout).toMatch(/^Usage: microcred extract IMAGE/);
    expect((await run('--help')).stdout).toContain('microcred extract IMAGE');
  });
});
