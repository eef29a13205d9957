// `isMicrocredError` and `instanceof MicrocredError` hold for an error of either build of the package
// (dist/index.js for import, dist/index.cjs for require) when both are loaded in one process: an
// application that imports microcred while one of its dependencies requires it gets two classes.
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ESM = join(root, 'dist/index.js');
const CJS = join(root, 'dist/index.cjs');

type Entry = typeof import('../../src/index.js');

let esm: Entry;
let cjs: Entry;

beforeAll(async () => {
  const source = statSync(join(root, 'src/errors.ts')).mtimeMs;
  // Build once when dist is missing or older than the error module (a stale build would test old code).
  if (!existsSync(ESM) || !existsSync(CJS) || statSync(CJS).mtimeMs < source)
    execFileSync('npx', ['tsup'], { cwd: root, stdio: 'ignore' });
  esm = (await import(pathToFileURL(ESM).href)) as Entry;
  cjs = createRequire(import.meta.url)(CJS) as Entry;
}, 180_000);

/** An error each build throws through its public API: a list of known issuers that is not a list. */
function thrownBy(entry: Entry): unknown {
  try {
    entry.parseTrustList('not a list');
  } catch (error) {
    return error;
  }
  throw new Error('parseTrustList did not throw');
}

describe('the MicrocredError brand across the ESM and CJS builds', () => {
  it('loads two distinct classes (the situation the brand is for)', () => {
    expect(esm.MicrocredError).not.toBe(cjs.MicrocredError);
    expect(esm.ErrorCode).toEqual(cjs.ErrorCode);
  });

  it('isMicrocredError of either build recognises an error thrown by the other, with its code', () => {
    const fromEsm = thrownBy(esm);
    const fromCjs = thrownBy(cjs);
    for (const error of [fromEsm, fromCjs]) {
      expect(esm.isMicrocredError(error)).toBe(true);
      expect(cjs.isMicrocredError(error)).toBe(true);
      expect(esm.isMicrocredError(error, 'ERR_TRUST_LIST_INVALID')).toBe(true);
      expect(cjs.isMicrocredError(error, 'ERR_TRUST_LIST_INVALID')).toBe(true);
      expect(cjs.isMicrocredError(error, 'ERR_SIGNATURE_INVALID')).toBe(false);
    }
  });

  it('instanceof holds across the builds too, and an error built by one class is branded for the other', () => {
    expect(thrownBy(esm)).toBeInstanceOf(cjs.MicrocredError);
    expect(thrownBy(cjs)).toBeInstanceOf(esm.MicrocredError);
    const made = new cjs.MicrocredError('ERR_CONTEXT_UNKNOWN', 'x is not bundled', { url: 'https://example.org/x' });
    expect(esm.isMicrocredError(made, 'ERR_CONTEXT_UNKNOWN') && made.details.url).toBe('https://example.org/x');
    expect(made).toBeInstanceOf(Error);
  });

  it('is not fooled by a look-alike: an Error with a code, or an object naming itself MicrocredError', () => {
    const lookAlike = Object.assign(new Error('forged'), {
      name: 'MicrocredError',
      code: 'ERR_SIGNATURE_INVALID',
      details: {},
    });
    const branded = Object.assign(new Error('own brand'), {
      [Symbol('microcred.error')]: true,
      code: 'ERR_SIGNATURE_INVALID',
    });
    for (const entry of [esm, cjs]) {
      expect(entry.isMicrocredError(lookAlike)).toBe(false);
      expect(entry.isMicrocredError(branded)).toBe(false);
      expect(lookAlike instanceof entry.MicrocredError).toBe(false);
      expect(entry.isMicrocredError(null)).toBe(false);
      expect(entry.isMicrocredError('ERR_SIGNATURE_INVALID')).toBe(false);
    }
  });
});
