// Compile-time guarantees of the report and extract types, checked by `npx tsc --noEmit` (tsconfig
// includes test/): each `@ts-expect-error` line fails the type check if it ever compiles. The runtime
// assertions check that real reports and extracted images are what the types say.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  bakeCredential,
  extractCredential,
  verifyCredential,
  type CheckPart,
  type CheckResult,
  type ExtractedCredential,
  type Problem,
} from '../../src/index.js';
import { NOW, badgeSvg, signedCredential, signedJwt } from '../bake/helpers.js';

describe('CheckResult is discriminated on outcome', () => {
  it('a result that did not pass has a problem, without optional chaining', () => {
    const show = (result: CheckResult): string => (result.outcome === 'passed' ? 'ok' : result.problem.title);
    const failed: CheckResult = {
      id: 'signature',
      title: 'Signature is valid',
      outcome: 'failed',
      problem: { code: 'ERR_SIGNATURE_INVALID', title: 'The signature does not match', detail: 'x' },
    };
    expect(show(failed)).toBe('The signature does not match');
    expectTypeOf<(CheckResult & { outcome: 'failed' })['problem']>().toEqualTypeOf<Problem>();
    expectTypeOf<(CheckResult & { outcome: 'could-not-check' })['problem']>().toEqualTypeOf<Problem>();
    expectTypeOf<(CheckResult & { outcome: 'warning' })['problem']>().toEqualTypeOf<Problem>();
    expectTypeOf<(CheckResult & { outcome: 'skipped' })['problem']>().toEqualTypeOf<Problem>();
    expectTypeOf<(CheckResult & { outcome: 'passed' })['problem']>().toEqualTypeOf<undefined>();
  });

  it('a failed, could-not-check, warning or skipped result without a problem does not type-check', () => {
    // @ts-expect-error a failed check must say why
    const failed: CheckResult = { id: 'signature', title: 'Signature is valid', outcome: 'failed' };
    // @ts-expect-error could-not-check must say what stopped it
    const unchecked: CheckResult = { id: 'status', title: 'Not revoked', outcome: 'could-not-check' };
    // @ts-expect-error a warning must say what it warns of
    const warning: CheckResult = { id: 'validity', title: 'In its validity period', outcome: 'warning' };
    // @ts-expect-error a skipped check must say which check stopped the run
    const skipped: CheckResult = { id: 'schema', title: 'Schema', outcome: 'skipped' };
    expect([failed, unchecked, warning, skipped].map((r) => r.outcome)).toEqual([
      'failed',
      'could-not-check',
      'warning',
      'skipped',
    ]);
  });

  it('a passed result with a problem does not type-check', () => {
    const problem: Problem = { code: 'ERR_EXPIRED', title: 'Expired', detail: 'x' };
    // @ts-expect-error a passed check has no problem
    const passed: CheckResult = { id: 'validity', title: 'In its validity period', outcome: 'passed', problem };
    expect(passed.outcome).toBe('passed');
  });

  it('a CheckPart follows the same rule', () => {
    // @ts-expect-error a failed part must say why
    const part: CheckPart = { label: 'proof 1', outcome: 'failed' };
    const ok: CheckPart = { label: 'proof 1', outcome: 'passed' };
    expect([part.outcome, ok.outcome]).toEqual(['failed', 'passed']);
    expectTypeOf<(CheckPart & { outcome: 'failed' })['problem']>().toEqualTypeOf<Problem>();
  });

  it('every check of a real report keeps the rule: a problem exactly when it did not pass', async () => {
    const { signed } = await signedCredential();
    const tampered = { ...signed, name: 'Something else' };
    for (const report of [
      await verifyCredential(signed, { now: NOW }),
      await verifyCredential(tampered, { now: NOW }),
    ]) {
      for (const c of report.checks) expect(c.problem === undefined).toBe(c.outcome === 'passed');
    }
    const forged = await verifyCredential(tampered, { now: NOW });
    expect(forged.checks.some((c) => c.outcome === 'skipped')).toBe(true);
  });
});

describe('ExtractedCredential is discriminated on format', () => {
  it('json-ld holds the object, vc-jwt the compact JWS string', async () => {
    expectTypeOf<Extract<ExtractedCredential, { format: 'json-ld' }>['credential']>().toEqualTypeOf<
      Record<string, unknown>
    >();
    expectTypeOf<Extract<ExtractedCredential, { format: 'vc-jwt' }>['credential']>().toEqualTypeOf<string>();

    const { key, signed } = await signedCredential();
    const fromJson = extractCredential(bakeCredential(badgeSvg(), signed));
    const fromJwt = extractCredential(bakeCredential(badgeSvg(), await signedJwt(key)));
    if (fromJson.format !== 'json-ld') throw new Error('expected json-ld');
    expect(fromJson.credential.id).toBe(signed.id); // an object: no cast needed
    // @ts-expect-error a json-ld credential is not a string
    const asText: string = fromJson.credential;
    expect(typeof asText).toBe('object');
    if (fromJwt.format !== 'vc-jwt') throw new Error('expected vc-jwt');
    expect(fromJwt.credential.split('.')).toHaveLength(3); // a string: no cast needed
    // @ts-expect-error a VC-JWT is a string, not an object with members
    expect(fromJwt.credential.id).toBeUndefined();
  });

  it('an object labelled vc-jwt (or a string labelled json-ld) does not type-check', () => {
    // @ts-expect-error vc-jwt carries a string
    const wrong: ExtractedCredential = { kind: 'png', text: '{}', format: 'vc-jwt', credential: {} };
    // @ts-expect-error json-ld carries an object
    const alsoWrong: ExtractedCredential = { kind: 'svg', text: 'a.b.c', format: 'json-ld', credential: 'a.b.c' };
    expect([wrong.format, alsoWrong.format]).toEqual(['vc-jwt', 'json-ld']);
  });
});
