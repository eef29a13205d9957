// A trust list as a caller writes one (an array, or an object keyed by issuer id), and every way it
// can be wrong, each refused with ERR_TRUST_LIST_INVALID naming the field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findTrustedIssuer, isMicrocredError, parseTrustList } from '../../src/index.js';

const DISTRICT = {
  id: 'did:web:pd.example.org',
  name: 'Example District PD',
  url: 'https://pd.example.org',
  logo: 'https://pd.example.org/logo.png',
};

function refusal(input: unknown): { path: unknown; message: string } {
  try {
    parseTrustList(input);
  } catch (error) {
    expect(isMicrocredError(error, 'ERR_TRUST_LIST_INVALID')).toBe(true);
    return { path: (error as { details: { path?: unknown } }).details.path, message: (error as Error).message };
  }
  throw new Error('the trust list was accepted');
}

describe('parseTrustList', () => {
  it('reads an array of issuers, given as a value or as JSON text', () => {
    const list = [DISTRICT, { id: 'https://badges.example.edu/issuer', name: 'Example University' }];
    expect(parseTrustList(list)).toEqual(list);
    expect(parseTrustList(JSON.stringify(list))).toEqual(list);
  });

  it('reads an object keyed by issuer id', () => {
    expect(
      parseTrustList({ 'did:web:pd.example.org': { name: 'Example District PD', url: 'https://pd.example.org' } }),
    ).toEqual([{ id: 'did:web:pd.example.org', name: 'Example District PD', url: 'https://pd.example.org' }]);
    expect(
      parseTrustList({ 'did:web:pd.example.org': { id: 'did:web:pd.example.org', name: 'Example District PD' } }),
    ).toHaveLength(1);
  });

  it.each<[string, unknown, string]>([
    ['not JSON', '[{', ''],
    ['not a list or an object', 42, ''],
    ['an entry that is not an object', ['did:web:pd.example.org'], '[0]'],
    ['an entry without a name', [{ id: 'did:web:pd.example.org' }], '[0].name'],
    ['an empty name', [{ id: 'did:web:pd.example.org', name: '  ' }], '[0].name'],
    ['an id that is not a DID or URL', [DISTRICT, { id: 'Example District', name: 'X' }], '[1].id'],
    ['a url that is not http(s)', [{ ...DISTRICT, url: 'javascript:alert(1)' }], '[0].url'],
    ['a logo that is neither a URL nor image data', [{ ...DISTRICT, logo: 'data:text/html,<b>x</b>' }], '[0].logo'],
    ['a field no trust list has', [{ ...DISTRICT, trusted: true }], '[0].trusted'],
    ['the same issuer twice', [DISTRICT, { ...DISTRICT, name: 'Again' }], '[1].id'],
    [
      'an entry whose id is not its key',
      { 'did:web:pd.example.org': { id: 'did:web:other.example.org', name: 'X' } },
      'did:web:pd.example.org.id',
    ],
  ])('refuses %s, naming the field', (_what, input, path) => {
    const { path: named, message } = refusal(input);
    expect(named).toBe(path);
    if (path) expect(message).toContain(path);
  });

  it('reads the example trust list (examples/trusted-issuers.json)', () => {
    const text = readFileSync(new URL('../../examples/trusted-issuers.json', import.meta.url), 'utf8');
    expect(parseTrustList(text).map((i) => i.id)).toEqual([
      'did:web:pd.example.org',
      'https://badges.example.edu/issuers/teacher-education',
    ]);
  });

  it('accepts a logo given as image data', () => {
    expect(parseTrustList([{ ...DISTRICT, logo: 'data:image/png;base64,iVBORw0KGgo=' }])[0]?.logo).toBe(
      'data:image/png;base64,iVBORw0KGgo=',
    );
  });
});

describe('findTrustedIssuer', () => {
  const list = parseTrustList([DISTRICT, { id: 'https://badges.example.edu/issuer', name: 'Example University' }]);

  it('matches a DID exactly', () => {
    expect(findTrustedIssuer('did:web:pd.example.org', list)?.name).toBe('Example District PD');
    expect(findTrustedIssuer('did:web:pd.example.org:sub', list)).toBeUndefined();
    expect(findTrustedIssuer('did:web:PD.example.org', list)).toBeUndefined();
  });

  it('matches an https issuer with or without one trailing slash, nothing looser', () => {
    expect(findTrustedIssuer('https://badges.example.edu/issuer/', list)?.name).toBe('Example University');
    expect(findTrustedIssuer('https://badges.example.edu/issuer', list)?.name).toBe('Example University');
    expect(findTrustedIssuer('https://badges.example.edu/issuer/other', list)).toBeUndefined();
    expect(findTrustedIssuer('http://badges.example.edu/issuer', list)).toBeUndefined();
  });
});
