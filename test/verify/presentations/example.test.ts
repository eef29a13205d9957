// examples/presentation: the steps the script runs, run here against the sources.
import { describe, expect, it } from 'vitest';
import * as microcred from '../../../src/index.js';
// @ts-expect-error the example is plain JavaScript, without types
import { present } from '../../../examples/presentation/steps.mjs';

describe('examples/presentation', () => {
  it('the presentation verifies, its replay does not, and the VP-JWT verifies', async () => {
    const lines: string[] = [];
    const result = (await present(microcred, (line: string) => lines.push(line))) as Record<string, boolean>;
    expect(result).toEqual({ verified: true, replayVerified: false, jwtVerified: true });
    const text = lines.join('\n');
    expect(text).toContain('✔ Verified presentation of 2 credentials');
    expect(text).toContain('The challenge does not match: possibly a replay');
  });
});
