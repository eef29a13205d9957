// One catalogue: every ErrorCode has its one title beside it (ERROR_TITLES), and every problem a
// report shows, in any check, part or list of findings, carries exactly that title. A corpus of bad
// inputs, built from genuinely signed credentials, exercises the checks; no problem it produces
// names a command-line flag (the library names options; the CLI adds its own hints).
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_TITLES, ErrorCode, verifyCredential, type VerificationReport } from '../../src/index.js';
import { CLI_ERROR_TITLES, CliErrorCode } from '../../src/cli/errors.js';
import { NOW, clone, unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';

type Pair = Awaited<ReturnType<typeof digitalBazaarKeyPair>>;
type Doc = Record<string, unknown>;
type Options = Parameters<typeof verifyCredential>[1];

/** What a CLI says and a library message must not: a flag, a command line, the CLI itself. */
const CLI_WORDS =
  /(^|[\s("'`])--[a-z]|\bmicrocred (verify|issue|keys|bake|extract|status(?! store)|competency|decide)\b|\bCLI\b/;

/** Every problem of a report: each check's problem and problems, and each part's problem. */
function problemsIn(report: VerificationReport) {
  return report.checks
    .flatMap((c) => [c.problem, ...(c.problems ?? []), ...(c.parts ?? []).map((p) => p.problem)])
    .filter((p) => p !== undefined);
}

let pair: Pair;
let signed: Doc;

/** The credential signed with the plain Digital Bazaar stack after `change`, which checks no Open Badges rule. */
async function signedWith(change: (doc: Doc) => void): Promise<Doc> {
  const doc = clone(unsignedCredential({ controller: pair.controller } as never)) as Doc;
  doc.id = 'urn:uuid:0b4f9a7e-52c6-4d0b-9d0e-1f2a3b4c5d6e';
  doc.issuer = { id: pair.controller, type: ['Profile'], name: 'Example District PD' };
  change(doc);
  return signWithDigitalBazaar(doc, pair);
}

/** The signed credential without its proof, as a VC-JWT's payload. */
function unsigned(): Doc {
  const { proof: _proof, ...rest } = signed;
  return rest;
}

/** A compact JWS from a header and payload, with a signature that is only bytes. */
function jws(header: Doc, payload: Doc): string {
  const part = (value: Doc) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.${Buffer.from('not a signature').toString('base64url')}`;
}

// [what it is, the input, the options, the code it must produce somewhere in the report]
type Case = [string, () => unknown, Options, ErrorCode];
const cases: Case[] = [];
const add = (name: string, input: () => unknown, code: ErrorCode, options: Options = {}) =>
  cases.push([name, input, options, code]);

add('text that is not JSON', () => '{"name": ', ErrorCode.INPUT_NOT_JSON);
add('a JSON list', () => [], ErrorCode.INPUT_NOT_OBJECT);
add('a member named twice', () => '{"name": "a", "name": "b"}', ErrorCode.INPUT_DUPLICATE_KEY);
add('no proof', () => ({ ...signed, proof: undefined }), ErrorCode.PROOF_MISSING);
add('a signed value changed', () => ({ ...signed, name: 'Another name' }), ErrorCode.SIGNATURE_INVALID);
add('no @context', () => ({ ...signed, '@context': [] }), ErrorCode.CONTEXT_MISSING);
add(
  'the VC context not first',
  () => ({ ...signed, '@context': [...(signed['@context'] as string[])].reverse() }),
  ErrorCode.CONTEXT_ORDER,
);
add(
  'an unknown context',
  () => ({ ...signed, '@context': [...(signed['@context'] as string[]), 'https://contexts.example.org/unknown/v1'] }),
  ErrorCode.CONTEXT_UNKNOWN,
);
add('an undefined term', () => ({ ...signed, favouriteColour: 'blue' }), ErrorCode.TERM_UNDEFINED);
add(
  'an inline context, refused',
  () => ({ ...signed, '@context': [...(signed['@context'] as string[]), { '@vocab': 'https://example.org/vocab#' }] }),
  ErrorCode.CONTEXT_INLINE,
  { inlineContexts: 'refuse' },
);
add(
  'a key that is not a URL',
  () => ({ ...signed, proof: { ...(signed.proof as Doc), verificationMethod: 'my key' } }),
  ErrorCode.KEY_INVALID,
);
add(
  'a did:web key, offline',
  () => ({ ...signed, proof: { ...(signed.proof as Doc), verificationMethod: 'did:web:pd.example.org#key-1' } }),
  ErrorCode.NETWORK_DISABLED,
);
add(
  'a did method microcred does not resolve',
  () => ({ ...signed, proof: { ...(signed.proof as Doc), verificationMethod: 'did:example:issuer#key-1' } }),
  ErrorCode.KEY_UNRESOLVED,
);
add(
  'a proof of another suite',
  () => ({ ...signed, proof: { ...(signed.proof as Doc), cryptosuite: 'ecdsa-xi-2023' } }),
  ErrorCode.PROOF_UNSUPPORTED,
);
add('nested too deeply for the limit', () => signed, ErrorCode.INPUT_TOO_DEEP, { limits: { maxDepth: 3 } });
add('larger than the limit', () => JSON.stringify(signed), ErrorCode.INPUT_TOO_LARGE, {
  limits: { maxInputBytes: 200 },
});
add('more values than the limit', () => signed, ErrorCode.INPUT_TOO_MANY_VALUES, { limits: { maxValues: 10 } });
add('an issuer you do not know', () => signed, ErrorCode.ISSUER_UNKNOWN, {
  trust: [{ id: 'did:web:other.example.org', name: 'Someone else' }],
});
add('a JWT with alg none', () => jws({ alg: 'none' }, unsigned()), ErrorCode.JWT_ALG_NONE);
add('a JWT with a shared secret', () => jws({ alg: 'HS256' }, unsigned()), ErrorCode.JWT_ALG_SYMMETRIC);
add('a JWT that names no key', () => jws({ alg: 'EdDSA' }, unsigned()), ErrorCode.JWT_KEY_MISSING);
add('a JWT that is not a credential', () => 'eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.c2ln', ErrorCode.JWT_MALFORMED);
add(
  'an SVG without a credential',
  () => '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>',
  ErrorCode.IMAGE_NO_CREDENTIAL,
);

const signedCases: [string, (doc: Doc) => void, ErrorCode][] = [
  ['expired', (doc) => (doc.validUntil = '2026-02-01T00:00:00Z'), ErrorCode.EXPIRED],
  ['not yet valid', (doc) => (doc.validFrom = '2027-01-01T00:00:00Z'), ErrorCode.NOT_YET_VALID],
  ['not an Open Badge', (doc) => (doc.type = ['VerifiableCredential']), ErrorCode.NOT_OPEN_BADGE],
  ['no achievement', (doc) => delete (doc.credentialSubject as Doc).achievement, ErrorCode.FIELD_REQUIRED],
  [
    'not matching the JSON Schema',
    (doc) => delete ((doc.credentialSubject as Doc).achievement as Doc).criteria,
    ErrorCode.SCHEMA_INVALID,
  ],
  [
    'a status list that is not held',
    (doc) =>
      (doc.credentialStatus = {
        id: 'https://pd.example.org/status/1#5',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '5',
        statusListCredential: 'https://pd.example.org/status/1',
      }),
    ErrorCode.STATUS_LIST_UNAVAILABLE,
  ],
];
const signedInputs = new Map<string, Doc>();

beforeAll(async () => {
  pair = await digitalBazaarKeyPair();
  signed = await signedWith(() => {});
  for (const [name, change] of signedCases) signedInputs.set(name, await signedWith(change));
}, 60_000);

describe('the catalogue', () => {
  it('gives every ErrorCode a non-empty title, and no title to a code that is not one', () => {
    const codes = Object.values(ErrorCode);
    expect(codes.length).toBeGreaterThan(100);
    for (const code of codes) expect(ERROR_TITLES[code], code).toMatch(/^\S.*\S$/);
    expect(Object.keys(ERROR_TITLES).sort()).toEqual([...codes].sort());
  });

  it('has one title per code: no two codes share a title, so a title names its code', () => {
    const titles = Object.values(ERROR_TITLES);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("keeps the command line's codes out of the library's ErrorCode, each with its own title", () => {
    const library = new Set<string>(Object.values(ErrorCode));
    for (const code of Object.values(CliErrorCode)) {
      expect(library.has(code), code).toBe(false);
      expect(CLI_ERROR_TITLES[code]).toMatch(/^\S.*\S$/);
    }
  });

  it('no title names a command-line flag', () => {
    for (const title of Object.values(ERROR_TITLES)) expect(title).not.toMatch(CLI_WORDS);
  });
});

describe("every problem in a report carries the catalogue's title and names no CLI flag", () => {
  const seen = new Set<string>();

  it.each(cases)('%s', async (_name, input, options, code) => {
    const report = await verifyCredential(input(), { now: NOW, ...options });
    const problems = problemsIn(report);
    expect(problems.map((p) => p.code)).toContain(code);
    for (const problem of problems) {
      seen.add(problem.code);
      expect(problem.title, problem.code).toBe(ERROR_TITLES[problem.code]);
      expect(`${problem.title} ${problem.detail}`).not.toMatch(CLI_WORDS);
    }
  });

  it.each(signedCases.map(([name, , code]) => [name, code] as const))('signed, then %s', async (name, code) => {
    const report = await verifyCredential(signedInputs.get(name), { now: NOW });
    const problems = problemsIn(report);
    expect(problems.map((p) => p.code)).toContain(code);
    for (const problem of problems) {
      seen.add(problem.code);
      expect(problem.title, problem.code).toBe(ERROR_TITLES[problem.code]);
      expect(`${problem.title} ${problem.detail}`).not.toMatch(CLI_WORDS);
    }
  });

  it('the corpus reached many codes (it is not vacuous)', () => {
    expect(seen.size).toBeGreaterThanOrEqual(cases.length + signedCases.length);
  });
});
