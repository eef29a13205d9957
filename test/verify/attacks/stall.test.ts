// Verification that nothing can stall: every attack here is an input (or options) a verifier site
// could be handed, and each must end within the documented deadline plus a margin, with a report
// that names what was not done and why.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  DocumentLoader,
  generateKey,
  issueCredential,
  verifyCredential,
  type VerificationReport,
} from '../../../src/index.js';
import { NOW, check, clone, unsignedCredential, type CredentialDraft } from '../../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../../helpers/digitalBazaar.js';

// What a deadline may be overrun by on a loaded 2-core machine: the checks' own work after it.
const MARGIN_MS = 1500;
const EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
const SCHEMA = (n: number) => `https://schemas.example.org/attack-${n}.json`;
// No DNS is asked for a host name when private addresses are allowed; the fetch stubs answer instead.
const OPEN_NETWORK = { allowPrivateAddresses: true };

type Pair = Awaited<ReturnType<typeof digitalBazaarKeyPair>>;
let pair: Pair;
let draft: CredentialDraft;

beforeAll(async () => {
  pair = await digitalBazaarKeyPair();
  draft = { ...unsignedCredential(await generateKey()), id: 'urn:uuid:5f1d2a4e-8b7c-4c1e-9d3a-2e6b7f8a9c01' };
  draft.issuer = { id: pair.controller, type: ['Profile'], name: 'Example District PD' };
});

/** `change(draft)` genuinely signed by its issuer with the plain Digital Bazaar stack. */
async function signed(
  change: (c: Record<string, unknown>) => void = () => {},
  by?: Pair,
): Promise<Record<string, unknown>> {
  const doc = clone(draft) as unknown as Record<string, unknown>;
  change(doc);
  return signWithDigitalBazaar(doc, by ?? pair);
}

const naming = (count: number) => (doc: Record<string, unknown>) => {
  doc['@context'] = [...(doc['@context'] as string[]), EXTENSIONS];
  doc.credentialSchema = Array.from({ length: count }, (_, i) => ({
    id: SCHEMA(i),
    type: '1EdTechJsonSchemaValidator2019',
  }));
};

/** A fetch that counts its calls and never answers. */
function stalledFetch(): { fetch: typeof globalThis.fetch; calls: string[] } {
  const calls: string[] = [];
  const fetch = ((url: string) => {
    calls.push(String(url));
    return new Promise<Response>(() => undefined);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

async function timed(run: () => Promise<VerificationReport>): Promise<{ report: VerificationReport; ms: number }> {
  const start = performance.now();
  const report = await run();
  return { report, ms: performance.now() - start };
}

describe('nothing is fetched or compiled for a credential before its proof holds', () => {
  it("an unsigned credential naming schemas causes no load of them, through fetch or the caller's loader", async () => {
    const { fetch, calls } = stalledFetch();
    const asked: string[] = [];
    const loader = {
      load: async (url: string) => {
        asked.push(url);
        throw new Error(`not held: ${url}`);
      },
    };
    const unsigned = clone(draft) as unknown as Record<string, unknown>;
    naming(3)(unsigned);
    const report = await verifyCredential(unsigned, { now: NOW, fetch, network: OPEN_NETWORK, loader });
    expect(check(report, 'proof').outcome).toBe('failed');
    expect(check(report, 'schema').outcome).toBe('skipped');
    expect(calls).toEqual([]);
    expect(asked.filter((url) => url.startsWith('https://schemas.example.org/'))).toEqual([]);
  });

  it('a forged signature: the schemas it names are not loaded', async () => {
    const { fetch, calls } = stalledFetch();
    const forged = await signed(naming(2));
    forged.name = 'Changed after signing';
    const report = await verifyCredential(forged, { now: NOW, fetch, network: OPEN_NETWORK });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
    expect(check(report, 'schema').outcome).toBe('skipped');
    expect(calls).toEqual([]);
  });

  it('a genuine signature by someone other than the issuer: the schema check runs, its named schemas are not loaded', async () => {
    const { fetch, calls } = stalledFetch();
    const stranger = await digitalBazaarKeyPair();
    const report = await verifyCredential(await signed(naming(2), stranger), {
      now: NOW,
      fetch,
      network: OPEN_NETWORK,
    });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'issuer').problem?.code).toBe('ERR_ISSUER_MISMATCH');
    const schema = check(report, 'schema');
    expect(schema.outcome).toBe('could-not-check');
    expect(schema.problems?.map((p) => [p.code, p.path])).toEqual([
      ['ERR_SCHEMA_NOT_LOADED', 'credentialSchema[0]'],
      ['ERR_SCHEMA_NOT_LOADED', 'credentialSchema[1]'],
    ]);
    expect(calls).toEqual([]);
  });

  it('the same credential signed by its issuer does load them', async () => {
    const { fetch, calls } = stalledFetch();
    await verifyCredential(await signed(naming(2)), { now: NOW, fetch, network: OPEN_NETWORK, timeoutMs: 300 });
    expect(calls.sort()).toEqual([SCHEMA(0), SCHEMA(1)]);
  });
});

describe('one deadline for the whole verification (timeoutMs)', () => {
  it('schema URLs that never answer: all are waited for at once, and only until the deadline', async () => {
    const { fetch, calls } = stalledFetch();
    const credential = await signed(naming(DEFAULT_LIMITS.maxSchemas));
    const { report, ms } = await timed(() =>
      verifyCredential(credential, { now: NOW, fetch, network: OPEN_NETWORK, timeoutMs: 800 }),
    );
    expect(ms).toBeLessThan(800 + MARGIN_MS);
    expect(calls).toHaveLength(DEFAULT_LIMITS.maxSchemas);
    const schema = check(report, 'schema');
    expect(schema.outcome).toBe('could-not-check');
    expect(schema.problems?.map((p) => p.code)).toEqual(Array(DEFAULT_LIMITS.maxSchemas).fill('ERR_VERIFY_TIMEOUT'));
    expect(schema.problem?.detail).toContain('timeoutMs');
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'could-not-check' });
  });

  it('a 127.0.0.1 server that accepts and never answers holds the signing key: signature could-not-check at the deadline', async () => {
    const server = await silentServer();
    try {
      const port = (server.address() as AddressInfo).port;
      const credential = await signed();
      (credential.proof as Record<string, unknown>).verificationMethod = `http://127.0.0.1:${port}/keys/1`;
      const { report, ms } = await timed(() =>
        verifyCredential(credential, {
          now: NOW,
          fetch: globalThis.fetch,
          network: { ...OPEN_NETWORK, httpsOnly: false },
          timeoutMs: 700,
        }),
      );
      expect(ms).toBeLessThan(700 + MARGIN_MS);
      expect(check(report, 'signature')).toMatchObject({
        outcome: 'could-not-check',
        problem: { code: 'ERR_VERIFY_TIMEOUT', path: 'proof.verificationMethod' },
      });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("a caller's own loader that never settles cannot hold the verification, and did:key still resolves after it", async () => {
    const asked: string[] = [];
    const loader = {
      load: (url: string) => {
        asked.push(url);
        return new Promise<never>(() => undefined);
      },
    };
    const key = await generateKey();
    const genuine = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const { report, ms } = await timed(() => verifyCredential(genuine, { now: NOW, loader, timeoutMs: 400 }));
    expect(asked.some((url) => url.startsWith('did:key:'))).toBe(true);
    expect(ms).toBeLessThan(400 + MARGIN_MS);
    expect(report.verified).toBe(true);
  });

  it("a caller's loader that never settles, for a document only it could give: ERR_VERIFY_TIMEOUT", async () => {
    const loader = { load: () => new Promise<never>(() => undefined) };
    const { report, ms } = await timed(async () =>
      verifyCredential(await signed(naming(1)), { now: NOW, loader, timeoutMs: 400 }),
    );
    expect(ms).toBeLessThan(400 + MARGIN_MS + 1000); // signing is inside the timed call here
    expect(check(report, 'schema').problems?.map((p) => p.code) ?? [check(report, 'schema').problem?.code]).toContain(
      'ERR_VERIFY_TIMEOUT',
    );
  });
});

describe('a catastrophic pattern in a named schema', () => {
  it('^(a+)+$ against a long string ends at once: fetched schemas run on a linear-time engine', async () => {
    const hostile = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { name: { type: 'string', pattern: '^(a+)+$' } },
    };
    const credential = await signed((doc) => {
      naming(1)(doc);
      doc.name = `${'a'.repeat(50_000)}!`;
    });
    const { report, ms } = await timed(() =>
      verifyCredential(credential, { now: NOW, documents: { [SCHEMA(0)]: hostile } }),
    );
    expect(ms).toBeLessThan(10_000 + MARGIN_MS);
    expect(check(report, 'schema')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_SCHEMA_INVALID', path: 'name' },
    });
  });

  it('a pattern only a backtracking engine runs (a backreference) makes the schema could-not-check, naming it', async () => {
    const backreference = { type: 'object', properties: { name: { type: 'string', pattern: '^(a+)\\1$' } } };
    const report = await verifyCredential(await signed(naming(1)), {
      now: NOW,
      documents: { [SCHEMA(0)]: backreference },
    });
    expect(check(report, 'schema')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_SCHEMA_PATTERN_UNSAFE', path: 'credentialSchema[0]' },
    });
    expect(check(report, 'schema').problem?.detail).toContain('^(a+)\\\\1$');
  });

  it('the bundled official schema keeps its own patterns and still passes a genuine credential', async () => {
    const report = await verifyCredential(await signed(), { now: NOW });
    expect(check(report, 'schema').outcome).toBe('passed');
  });
});

describe('bounded schemas', () => {
  it(`more than maxSchemas (${DEFAULT_LIMITS.maxSchemas}) named schemas: none is loaded, ERR_SCHEMA_TOO_MANY`, async () => {
    const { fetch, calls } = stalledFetch();
    const report = await verifyCredential(await signed(naming(DEFAULT_LIMITS.maxSchemas + 1)), {
      now: NOW,
      fetch,
      network: OPEN_NETWORK,
    });
    const schema = check(report, 'schema');
    expect(schema.outcome).toBe('could-not-check');
    expect(schema.problems?.map((p) => p.code) ?? [schema.problem?.code]).toContain('ERR_SCHEMA_TOO_MANY');
    expect(schema.parts?.map((p) => p.outcome)).toEqual(['passed', 'could-not-check']);
    expect(calls).toEqual([]);
  });

  it('a schema larger than maxSchemaBytes is not compiled: ERR_SCHEMA_TOO_LARGE', async () => {
    const properties = Object.fromEntries(
      Array.from({ length: 2_000 }, (_, i) => [`p${i}`, { type: 'string', description: 'x'.repeat(40) }]),
    );
    const large = { type: 'object', properties };
    const report = await verifyCredential(await signed(naming(1)), {
      now: NOW,
      documents: { [SCHEMA(0)]: large },
      limits: { maxSchemaBytes: 64 * 1024 },
    });
    expect(check(report, 'schema')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_SCHEMA_TOO_LARGE', path: 'credentialSchema[0]' },
    });
    expect(check(report, 'schema').problem?.detail).toContain('limits.maxSchemaBytes');
  });
});

describe('a mass of contexts', () => {
  it('~4,900 repeated context URLs are refused in the parse step, before any JSON-LD work', async () => {
    const unsigned = clone(draft) as unknown as Record<string, unknown>;
    const contexts = unsigned['@context'] as string[];
    unsigned['@context'] = [contexts[0], ...Array(4_900).fill(contexts[1])];
    const { report, ms } = await timed(() => verifyCredential(unsigned, { now: NOW }));
    expect(ms).toBeLessThan(MARGIN_MS);
    expect(check(report, 'parse')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_INPUT_TOO_MANY_CONTEXTS', path: '@context' },
    });
    expect(check(report, 'parse').problem?.detail).toContain('limits.maxContexts');
    expect(check(report, 'jsonld').outcome).toBe('skipped');
  });

  it('contexts count wherever they are, repeats included: nested ones too', async () => {
    const unsigned = clone(draft) as unknown as Record<string, unknown>;
    const subject = unsigned.credentialSubject as Record<string, unknown>;
    subject['@context'] = Array(DEFAULT_LIMITS.maxContexts).fill({ '@vocab': 'https://example.org/' });
    const report = await verifyCredential(unsigned, { now: NOW });
    expect(check(report, 'parse').problem?.code).toBe('ERR_INPUT_TOO_MANY_CONTEXTS');
  });

  it(`at the limit (${DEFAULT_LIMITS.maxContexts} contexts) an unsigned credential is worked through within about a second`, async () => {
    const unsigned = clone(draft) as unknown as Record<string, unknown>;
    const contexts = unsigned['@context'] as string[];
    unsigned['@context'] = [contexts[0], ...Array(DEFAULT_LIMITS.maxContexts - 1).fill(contexts[1])];
    await verifyCredential(await signed(), { now: NOW }); // warm: the first verification loads the stack
    const { report, ms } = await timed(() => verifyCredential(unsigned, { now: NOW }));
    expect(check(report, 'parse').outcome).toBe('passed');
    expect(ms).toBeLessThan(1_000 + MARGIN_MS);
  });
});

describe('whatever the options hold, a report comes back', () => {
  const everyTrap = new Proxy(
    {},
    Object.fromEntries(
      [
        'get',
        'has',
        'ownKeys',
        'getOwnPropertyDescriptor',
        'getPrototypeOf',
        'defineProperty',
        'deleteProperty',
        'set',
        'apply',
        'construct',
        'isExtensible',
        'preventExtensions',
        'setPrototypeOf',
      ].map((trap) => [
        trap,
        () => {
          throw new Error(`trap ${trap}`);
        },
      ]),
    ),
  );
  const throwing = (...names: string[]) =>
    Object.defineProperties(
      {},
      Object.fromEntries(
        names.map((name) => [
          name,
          {
            enumerable: true,
            get: () => {
              throw new Error(`getter ${name}`);
            },
          },
        ]),
      ),
    );
  const cases: [string, () => unknown][] = [
    ['a Proxy that throws on every trap', () => everyTrap],
    [
      'throwing getters for every option',
      () =>
        throwing('loader', 'now', 'clockSkewSeconds', 'documents', 'fetch', 'network', 'trust', 'limits', 'timeoutMs'),
    ],
    ['a loader whose load getter throws', () => ({ loader: throwing('load') })],
    ['a loader that is a throwing Proxy', () => ({ loader: everyTrap })],
    [
      'limits, network and documents as throwing Proxies',
      () => ({ limits: everyTrap, network: everyTrap, documents: everyTrap, now: everyTrap }),
    ],
    ['documents whose entries throw', () => ({ documents: throwing('https://pd.example.org/x') })],
    [
      'frozen options with a frozen Map of documents',
      () =>
        Object.freeze({
          documents: Object.freeze(new Map([['https://pd.example.org/x', {}]])),
          limits: Object.freeze({}),
        }),
    ],
    [
      'a revoked Proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
    ],
  ];

  it.each(cases)('%s: a genuine credential still verifies', async (_, options) => {
    const key = await generateKey();
    const genuine = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const report = await verifyCredential({ ...genuine }, options() as never);
    expect(report.checks.map((c) => c.id)).toContain('signature');
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(report.authentic).toBe(true);
  });

  it("the caller's options are read once: a getter that changes its answer is not asked again", async () => {
    const key = await generateKey();
    const genuine = await issueCredential(unsignedCredential(key), { key, now: NOW });
    let reads = 0;
    const options = {
      get limits() {
        reads++;
        return {};
      },
      now: NOW,
    };
    await verifyCredential(genuine, options);
    expect(reads).toBe(1);
  });

  it('a DocumentLoader still lends its documents, as before', async () => {
    const key = await generateKey();
    const genuine = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const report = await verifyCredential(genuine, { now: NOW, loader: new DocumentLoader() });
    expect(report.verified).toBe(true);
  });
});

function silentServer(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(() => undefined); // accepts, reads the request, never answers
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
