// examples/badge: the PNG is the SVG as scripts/render-badge.mjs draws it, and the awarded images
// verify offline.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { extractCredential, verifyCredential } from '../../src/index.js';
import { tempDir } from '../cli/helpers.js';
import { badgeFile, pixels } from './helpers.js';

describe('examples/badge', () => {
  it('microcred-badge.png is what scripts/render-badge.mjs draws from microcred-badge.svg', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const script = fileURLToPath(new URL('../../scripts/render-badge.mjs', import.meta.url));
      await promisify(execFile)(process.execPath, [script, '256', join(dir, 'rendered.png')]);
      const rendered = pixels(await readFile(join(dir, 'rendered.png')));
      const committed = pixels(await readFile(badgeFile('microcred-badge.png')));
      expect([committed.width, committed.height]).toEqual([256, 256]);
      expect(rendered.data.equals(committed.data)).toBe(true);
    } finally {
      await cleanup();
    }
  });

  it.each(['awarded.png', 'awarded.svg'])("%s verifies offline and shows the badge's own picture", async (file) => {
    const image = await readFile(badgeFile(file));
    const report = await verifyCredential(image);
    expect(report).toMatchObject({
      verified: true,
      image: file.slice(-3),
      format: 'json-ld',
      credential: { name: 'Formative Assessment in Mathematics' },
    });
    expect(extractCredential(image).format).toBe('json-ld');
    if (file.endsWith('.png'))
      expect(pixels(image).data.equals(pixels(await readFile(badgeFile('microcred-badge.png'))).data)).toBe(true);
  });
});
