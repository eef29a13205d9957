// The verify-only entry (microcred/verify) as a verifier site bundles it for browsers: what loads up
// front stays within its budget, and none of what a verifier never runs (the YAML parser, issuing,
// the competency model, status-list writing, CLR bundling) is bundled at all, up front or on demand.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without declarations
import { VERIFY_BUDGET_BYTES, measure } from '../../scripts/bundle-size.mjs';

interface Size {
  entry: number;
  total: number;
  inputs: Map<string, number>;
  bundled: string[];
}

// The budget of the up-front download, gzipped: 120 KB (scripts/bundle-size.mjs prints it after
// each build). Every export of the entry counts, as `import * as microcred` would bundle them.
const BUDGET_BYTES = VERIFY_BUDGET_BYTES as number;

describe('microcred/verify bundled for browsers', () => {
  let size: Size;

  it('loads at most the budget up front, gzipped, and less than the whole package', async () => {
    size = (await measure('src/verifyEntry.ts')) as Size;
    const whole = (await measure('src/index.ts')) as Size;
    expect(size.entry).toBeLessThan(BUDGET_BYTES);
    expect(size.entry).toBeLessThan(whole.entry / 2);
  }, 120_000);

  it('bundles no YAML parser, issuing, competency model or CLR bundling', () => {
    const never = size.bundled.filter(
      (input) =>
        /node_modules\/yaml\//.test(input) ||
        /^src\/(issue|competency|review|stack)\//.test(input) ||
        input === 'src/records/bundleClr.ts',
    );
    expect(never).toEqual([]);
  });

  // The status registry (status-list writing) is loaded only when a caller passes one as `status`.
  it('loads the rare suites, the JSON Schemas, ajv, jose and status lists only on demand, not up front', () => {
    const upFront = [...size.inputs.keys()];
    const late = [
      /@digitalbazaar\/bbs-2023-cryptosuite\//,
      /@noble\/curves\//,
      /@digitalbazaar\/ecdsa-sd-2023-cryptosuite\//,
      /node_modules\/ajv\//,
      /node_modules\/re2js\//,
      /^src\/schemas\/compiled\//,
      /node_modules\/jose\//,
      /node_modules\/pako\//,
      /^src\/status\/registry\.ts$/,
      /^src\/proofs\/sign\.ts$/,
    ];
    for (const pattern of late)
      expect(
        upFront.filter((input) => pattern.test(input)),
        String(pattern),
      ).toEqual([]);
    // …and they are still bundled, as chunks loaded when a credential needs them.
    expect(size.bundled.some((input) => /^src\/schemas\/compiled\//.test(input))).toBe(true);
    expect(size.bundled.some((input) => /bbs-2023-cryptosuite/.test(input))).toBe(true);
  });
});
