// Typed details: a code that carries more than a path (a URL, a term, a limit) has them typed, so
// `error.details.url` is a string for ERR_CONTEXT_UNKNOWN. The @ts-expect-error lines are checked
// by tsc (tests are type-checked): they fail the build if the types stop refusing them.
import { describe, expect, it } from 'vitest';
import { DocumentLoader, ErrorCode, MicrocredError, isMicrocredError, type ErrorDetails } from '../../src/index.js';

describe('typed details', () => {
  it('a URL-carrying code requires and types its url; narrowing on the code types the details', async () => {
    const made = new MicrocredError(ErrorCode.CONTEXT_UNKNOWN, 'not bundled', { url: 'https://example.org/ctx' });
    const url: string = made.details.url;
    expect(url).toBe('https://example.org/ctx');
    // @ts-expect-error an ERR_CONTEXT_UNKNOWN error names its URL
    expect(new MicrocredError(ErrorCode.CONTEXT_UNKNOWN, 'not bundled', {}).details.url).toBeUndefined();
    // @ts-expect-error an ERR_TERM_UNDEFINED error names its term as a string
    expect(new MicrocredError(ErrorCode.TERM_UNDEFINED, 'undefined', { term: 7 }).code).toBe('ERR_TERM_UNDEFINED');

    const thrown = await new DocumentLoader().load('https://contexts.example.org/nowhere').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMicrocredError(thrown)).toBe(true);
    if (!isMicrocredError(thrown)) return;
    if (thrown.code === 'ERR_CONTEXT_UNKNOWN') {
      const where: string = thrown.details.url;
      expect(where).toBe('https://contexts.example.org/nowhere');
    } else {
      expect.unreachable(`expected ERR_CONTEXT_UNKNOWN, got ${thrown.code}`);
    }
  });

  it('a limit-carrying code has its limit as a number; other codes keep the common details', () => {
    const limit: ErrorDetails<'ERR_INPUT_TOO_LARGE'>['limit'] = 1024;
    const common: ErrorDetails<'ERR_FIELD_INVALID'> = { path: 'validFrom' };
    expect(new MicrocredError(ErrorCode.INPUT_TOO_LARGE, 'too large', { limit, size: 2048 }).details).toEqual({
      limit: 1024,
      size: 2048,
    });
    expect(new MicrocredError(ErrorCode.FIELD_INVALID, 'bad', common).details.path).toBe('validFrom');
    expect(new MicrocredError(ErrorCode.FIELD_INVALID, 'bad').details).toEqual({});
  });
});
