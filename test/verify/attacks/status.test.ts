// Status lists that should not be believed, built from genuinely signed credentials and lists
// (microcred's and the plain Digital Bazaar stack's): attack and fix side by side.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import {
  DocumentLoader,
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
  type SignedCredential,
  type UnsignedCredential,
  type VerificationReport,
} from '../../../src/index.js';
import { signDocument } from '../../../src/proofs/sign.js';
import { NOW, check, unsignedCredential } from '../../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../../helpers/digitalBazaar.js';

const BASE = 'https://pd.example.org/status';
const LIST_A = `${BASE}/revocation-a.json`;
const LIST_B = `${BASE}/revocation-b.json`;
const LISTS_OF_LISTS = `${BASE}/lists-revocation.json`;

type Doc = Record<string, unknown>;

/** `u` + base64url of the GZIP-compressed bits of a list of `bytes` bytes with `set` bits set. */
function encodedList(set: number[] = [], bytes = 16_384): string {
  const bits = new Uint8Array(bytes);
  for (const index of set) bits[index >> 3] = (bits[index >> 3] as number) | (0x80 >> (index & 7));
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** An unsigned Bitstring list credential at `id`, issued by `issuer`. */
function listCredential(
  id: string,
  issuer: string,
  fields: { set?: number[]; purpose?: string; encoded?: string; extra?: Doc } = {},
): Doc {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: fields.purpose ?? 'revocation',
      encodedList: fields.encoded ?? encodedList(fields.set),
    },
    ...fields.extra,
  };
}

async function signList(key: Key<'ed25519'>, list: Doc): Promise<Doc> {
  return signDocument<Doc>(structuredClone(list), key, new DocumentLoader(), NOW);
}

function entry(url: string, index: number, purpose = 'revocation'): Doc {
  return {
    id: `${url}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: url,
  };
}

async function withStatus(key: Key<'ed25519'>, credentialStatus: unknown): Promise<SignedCredential> {
  return issueCredential({ ...unsignedCredential(key), credentialStatus } as UnsignedCredential, { key, now: NOW });
}

/** A loader serving `documents` by URL, and the URLs it was asked for. */
function countingLoader(documents: Record<string, unknown>): { loader: DocumentLoader; loads: string[] } {
  const inner = new DocumentLoader({ documents });
  const loads: string[] = [];
  const loader = Object.assign(Object.create(inner) as DocumentLoader, {
    load: (url: string) => (loads.push(url), inner.load(url)),
  });
  return { loader, loads };
}

function statusOf(report: VerificationReport) {
  return check(report, 'status');
}

describe("a list served at the entry's URL must be that list (its id is the URL)", () => {
  it("microcred: the issuer's other list, with the bit clear, served at the revoked entry's URL: ERR_STATUS_LIST_ID_MISMATCH naming both", async () => {
    const key = await generateKey();
    const revoked = await signList(key, listCredential(LIST_A, key.controller, { set: [5] }));
    const clear = await signList(key, listCredential(LIST_B, key.controller));
    const credential = await withStatus(key, entry(LIST_A, 5));

    const honest = await verifyCredential(credential, { now: NOW, documents: { [LIST_A]: revoked } });
    expect(statusOf(honest).problem?.code).toBe('ERR_REVOKED');

    const attack = await verifyCredential(credential, { now: NOW, documents: { [LIST_A]: clear } });
    expect(statusOf(attack)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_ID_MISMATCH', path: 'credentialStatus.statusListCredential' },
    });
    expect(statusOf(attack).problem?.detail).toContain(LIST_A);
    expect(statusOf(attack).problem?.detail).toContain(LIST_B);
    expect(attack).toMatchObject({ authentic: true, verified: false, summary: 'could-not-check' });
  });

  it("the registry's lists: a second registry of the same issuer publishes a clean list; served for the first, it is refused", async () => {
    const key = await generateKey();
    const { StatusRegistry, MemoryStatusStore } = await import('../../../src/index.js');
    const first = new StatusRegistry({
      store: new MemoryStatusStore(),
      key,
      listBaseUrl: `${BASE}/one`,
      purposes: ['revocation'],
      clock: () => NOW,
    });
    const second = new StatusRegistry({
      store: new MemoryStatusStore(),
      key,
      listBaseUrl: `${BASE}/two`,
      purposes: ['revocation'],
      clock: () => NOW,
    });
    await first.createLists();
    const [clean] = await second.createLists();
    const credential = await issueCredential(unsignedCredential(key), { key, now: NOW, status: first });
    const { listCredential: revoked } = await first.revoke(credential.id);

    expect(
      statusOf(await verifyCredential(credential, { now: NOW, documents: { [revoked.id]: revoked } })).problem?.code,
    ).toBe('ERR_REVOKED');
    const attack = await verifyCredential(credential, { now: NOW, documents: { [revoked.id]: clean } });
    expect(statusOf(attack).problem).toMatchObject({ code: 'ERR_STATUS_LIST_ID_MISMATCH' });
    expect(statusOf(attack).problem?.detail).toContain(clean?.id);
  });

  it("the plain Digital Bazaar stack: its list for another URL, signed by the same key, served at the entry's URL is refused", async () => {
    const pair = await digitalBazaarKeyPair();
    // The bits encoded and the list signed by the plain stack's own packages.
    const signedList = async (id: string, set: number[]) => {
      const bits = new BitstringStatusList({ length: 131_072 });
      for (const index of set) bits.setStatus(index, true);
      return signWithDigitalBazaar(listCredential(id, pair.controller, { encoded: await bits.encode() }), pair);
    };
    const revoked = await signedList(LIST_A, [5]);
    const clear = await signedList(LIST_B, []);
    const credential = await signWithDigitalBazaar(
      {
        ...unsignedCredential({ controller: pair.controller }),
        id: 'urn:uuid:6f1d4a52-7c1e-4f55-9a7c-0b4d2a1e9c11',
        credentialStatus: entry(LIST_A, 5),
      },
      pair,
    );

    expect(
      statusOf(await verifyCredential(credential, { now: NOW, documents: { [LIST_A]: revoked } })).problem?.code,
    ).toBe('ERR_REVOKED');
    const attack = await verifyCredential(credential, { now: NOW, documents: { [LIST_A]: clear } });
    expect(attack.authentic).toBe(true);
    expect(statusOf(attack).problem).toMatchObject({ code: 'ERR_STATUS_LIST_ID_MISMATCH' });
  });

  it('a list with no id at all is refused the same way', async () => {
    const key = await generateKey();
    const { id: _id, ...anonymous } = listCredential(LIST_A, key.controller);
    const report = await verifyCredential(await withStatus(key, entry(LIST_A, 5)), {
      now: NOW,
      documents: { [LIST_A]: await signList(key, anonymous) },
    });
    expect(statusOf(report).problem).toMatchObject({ code: 'ERR_STATUS_LIST_ID_MISMATCH' });
    expect(statusOf(report).problem?.detail).toContain('names no id');
  });
});

describe('a status list that is itself revoked, suspended or of unknown status is not used', () => {
  /** The credential (bit 5 of LIST_A clear) and LIST_A, whose own status is bit 3 of LISTS_OF_LISTS. */
  async function chain(purpose: 'revocation' | 'suspension') {
    const key = await generateKey();
    const list = await signList(
      key,
      listCredential(LIST_A, key.controller, { extra: { credentialStatus: entry(LISTS_OF_LISTS, 3, purpose) } }),
    );
    const credential = await withStatus(key, entry(LIST_A, 5));
    const listsOfLists = (set: number[]) =>
      signList(key, listCredential(LISTS_OF_LISTS, key.controller, { set, purpose }));
    return { key, list, credential, listsOfLists };
  }

  it.each([
    ['revocation', 'ERR_REVOKED'],
    ['suspension', 'ERR_SUSPENDED'],
  ] as const)(
    'a list whose own %s bit is set: ERR_STATUS_LIST_INVALID saying so (the same list in force: passed)',
    async (purpose, code) => {
      const { list, credential, listsOfLists } = await chain(purpose);
      const inForce = await verifyCredential(credential, {
        now: NOW,
        documents: { [LIST_A]: list, [LISTS_OF_LISTS]: await listsOfLists([]) },
      });
      expect(statusOf(inForce).outcome).toBe('passed');
      expect(inForce.verified).toBe(true);

      const withdrawn = await verifyCredential(credential, {
        now: NOW,
        documents: { [LIST_A]: list, [LISTS_OF_LISTS]: await listsOfLists([3]) },
      });
      expect(statusOf(withdrawn)).toMatchObject({
        outcome: 'could-not-check',
        problem: { code: 'ERR_STATUS_LIST_INVALID', path: 'credentialStatus.statusListCredential' },
      });
      expect(statusOf(withdrawn).problem?.detail).toContain('the list itself is no longer in force');
      expect(statusOf(withdrawn).problem?.detail).toContain(code === 'ERR_REVOKED' ? 'Revoked' : 'Suspended');
      expect(withdrawn).toMatchObject({ authentic: true, verified: false, summary: 'could-not-check' });
    },
  );

  it('a list whose own list cannot be read: could not check, never "not revoked"', async () => {
    const { list, credential } = await chain('revocation');
    const report = await verifyCredential(credential, { now: NOW, documents: { [LIST_A]: list } });
    expect(statusOf(report).problem).toMatchObject({ code: 'ERR_STATUS_LIST_INVALID' });
    expect(statusOf(report).problem?.detail).toContain('whether the list itself was revoked or suspended is unknown');
    expect(statusOf(report).problem?.detail).toContain(LISTS_OF_LISTS);
  });

  it("an expired list: ERR_STATUS_LIST_INVALID (its validity is read as a credential's)", async () => {
    const key = await generateKey();
    const list = await signList(
      key,
      listCredential(LIST_A, key.controller, { extra: { validUntil: '2026-03-01T00:00:00Z' } }),
    );
    const report = await verifyCredential(await withStatus(key, entry(LIST_A, 5)), {
      now: NOW,
      documents: { [LIST_A]: list },
    });
    expect(statusOf(report).problem).toMatchObject({ code: 'ERR_STATUS_LIST_INVALID' });
    expect(statusOf(report).problem?.detail).toContain('expired at 2026-03-01T00:00:00Z');
  });

  it("status is followed one level down, no further: the list's list is verified, its own status is not loaded", async () => {
    const key = await generateKey();
    const third = `${BASE}/third.json`;
    const list = await signList(
      key,
      listCredential(LIST_A, key.controller, { extra: { credentialStatus: entry(LISTS_OF_LISTS, 3) } }),
    );
    const listsOfLists = await signList(
      key,
      listCredential(LISTS_OF_LISTS, key.controller, { extra: { credentialStatus: entry(third, 1) } }),
    );
    const { loader, loads } = countingLoader({
      [LIST_A]: list,
      [LISTS_OF_LISTS]: listsOfLists,
      [third]: await signList(key, listCredential(third, key.controller, { set: [1] })),
    });
    const report = await verifyCredential(await withStatus(key, entry(LIST_A, 5)), { now: NOW, loader });
    expect(statusOf(report).outcome).toBe('passed');
    expect(loads.filter((url) => url.startsWith(BASE))).toEqual([LIST_A, LISTS_OF_LISTS]);
  });
});

describe('nothing is loaded for a credential whose proof does not bind it to its issuer', () => {
  async function setting() {
    const key = await generateKey();
    const documents = {
      [LIST_A]: await signList(key, listCredential(LIST_A, key.controller)),
      [LIST_B]: await signList(key, listCredential(LIST_B, key.controller)),
    };
    const status = [entry(LIST_A, 1), entry(LIST_B, 2)];
    let fetches = 0;
    const fetch = (async () => {
      fetches++;
      throw new Error('no network in this test');
    }) as typeof globalThis.fetch;
    return { key, documents, status, fetch, fetches: () => fetches };
  }

  it('the genuine credential loads both lists (the control)', async () => {
    const { key, documents, status, fetch } = await setting();
    const { loader, loads } = countingLoader(documents);
    const report = await verifyCredential(await withStatus(key, status), { now: NOW, loader, fetch });
    expect(report.verified).toBe(true);
    expect(loads.filter((url) => url.startsWith(BASE))).toEqual([LIST_A, LIST_B]);
  });

  it.each([
    [
      'unsigned',
      (c: Doc) => {
        const { proof: _proof, ...unsigned } = c;
        return unsigned;
      },
    ],
    ['forged (its name changed after signing)', (c: Doc) => ({ ...c, name: 'Forged' })],
  ])('%s: status skipped, zero list loads, zero fetches', async (_name, change) => {
    const { key, documents, status, fetch, fetches } = await setting();
    const { loader, loads } = countingLoader(documents);
    const report = await verifyCredential(change((await withStatus(key, status)) as unknown as Doc), {
      now: NOW,
      loader,
      fetch,
    });
    expect(report.authentic).toBe(false);
    expect(statusOf(report).outcome).toBe('skipped');
    expect(loads.filter((url) => url.startsWith(BASE))).toEqual([]);
    expect(fetches()).toBe(0);
  });

  it("signed by a stranger's key but naming the issuer (the signature holds, the issuer check fails): could not check, zero loads, zero fetches", async () => {
    const { key, documents, status, fetch, fetches } = await setting();
    const stranger = await digitalBazaarKeyPair();
    // The plain stack signs without checking that the key is the issuer's.
    const forged = await signWithDigitalBazaar(
      { ...unsignedCredential(key), id: 'urn:uuid:0b7c4d2e-1f6a-4c39-8e51-3d2a9f7b6c40', credentialStatus: status },
      stranger,
    );
    const { loader, loads } = countingLoader(documents);
    const report = await verifyCredential(forged, { now: NOW, loader, fetch });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'issuer').problem?.code).toBe('ERR_ISSUER_MISMATCH');
    expect(statusOf(report)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_UNCHECKED', path: 'credentialStatus' },
    });
    expect(statusOf(report).problem?.detail).toContain('no status list was loaded');
    expect(loads.filter((url) => url.startsWith(BASE))).toEqual([]);
    expect(fetches()).toBe(0);
  });
});

describe('bounded status work: entries, lists, and one decoded list at a time', () => {
  // 16 MiB of zeros: the most a list may inflate to, about 16 KB compressed.
  const BIG = encodedList([], 16 * 1024 * 1024);
  const urlOf = (i: number) => `${BASE}/big-${i}.json`;

  async function manyLists(count: number) {
    const key = await generateKey();
    const documents: Record<string, unknown> = {};
    for (let i = 0; i < count; i++)
      documents[urlOf(i)] = await signList(key, listCredential(urlOf(i), key.controller, { encoded: BIG }));
    const credential = await withStatus(
      key,
      Array.from({ length: count }, (_, i) => entry(urlOf(i), i)),
    );
    return { documents, credential };
  }

  it('120 entries on 120 distinct 16 MiB lists, default limits: 4 lists loaded, 8 entries answered, the rest named with their limits', async () => {
    const { documents, credential } = await manyLists(120);
    const { loader, loads } = countingLoader(documents);
    const report = await verifyCredential(credential, { now: NOW, loader });
    expect(loads.filter((url) => url.startsWith(BASE))).toEqual([0, 1, 2, 3].map(urlOf));
    const status = statusOf(report);
    expect(status.parts?.map((p) => p.outcome)).toEqual([
      ...Array(8).fill('passed', 0, 4).fill('could-not-check', 4),
      'could-not-check',
    ]);
    expect(status.parts?.[4]?.problem).toMatchObject({
      code: 'ERR_STATUS_TOO_MANY_LISTS',
      path: 'credentialStatus[4].statusListCredential',
    });
    expect(status.parts?.[4]?.problem?.detail).toContain('limits.maxStatusLists');
    expect(status.parts?.[8]?.problem).toMatchObject({
      code: 'ERR_STATUS_TOO_MANY_ENTRIES',
      path: 'credentialStatus[8]',
    });
    expect(status.parts?.[8]?.problem?.detail).toContain('limits.maxStatusEntries');
    expect(status.parts?.[8]?.problem?.detail).toContain('120 status entries');
    expect(status).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_STATUS_TOO_MANY_LISTS' } });
    expect(report).toMatchObject({ authentic: true, verified: false });
  }, 60_000);

  it('an entry beyond limits.maxStatusEntries is not read, even with its bit set; entries on one list count as one list', async () => {
    const key = await generateKey();
    const list = await signList(key, listCredential(LIST_A, key.controller, { set: [3] }));
    const { loader, loads } = countingLoader({ [LIST_A]: list });
    const credential = await withStatus(key, [entry(LIST_A, 1), entry(LIST_A, 2), entry(LIST_A, 3)]);
    const report = await verifyCredential(credential, {
      now: NOW,
      loader,
      limits: { maxStatusEntries: 2, maxStatusLists: 1 },
    });
    expect(statusOf(report).parts?.map((p) => p.outcome)).toEqual(['passed', 'passed', 'could-not-check']);
    expect(statusOf(report).problem).toMatchObject({
      code: 'ERR_STATUS_TOO_MANY_ENTRIES',
      path: 'credentialStatus[2]',
    });
    expect(loads.filter((url) => url === LIST_A)).toHaveLength(1);
    const all = await verifyCredential(credential, { now: NOW, loader, limits: { maxStatusLists: 1 } });
    expect(statusOf(all).problem?.code).toBe('ERR_REVOKED');
  });

  it('with the limits raised to 24 lists of 16 MiB, each list is dropped before the next is read (memory stays bounded)', async () => {
    const gc = exposeGc();
    const count = 24;
    const { documents, credential } = await manyLists(count);
    const inner = new DocumentLoader({ documents });
    const held: number[] = [];
    // When list i+1 is asked for, list i has been answered: after a collection, what is still held is what the verifier keeps.
    const loader = Object.assign(Object.create(inner) as DocumentLoader, {
      load: (url: string) => {
        if (url.startsWith(BASE)) {
          gc();
          held.push(process.memoryUsage().arrayBuffers);
        }
        return inner.load(url);
      },
    });
    const report = await verifyCredential(credential, {
      now: NOW,
      loader,
      limits: { maxStatusEntries: count, maxStatusLists: count },
      // What is measured is memory: on a loaded machine 24 inflations pass the default 10 s deadline.
      timeoutMs: 100_000,
    });
    expect(statusOf(report).parts?.map((p) => p.outcome)).toEqual(Array(count).fill('passed'));
    expect(held).toHaveLength(count);
    // Holding every list would grow by 16 MiB a list (368 MiB by the last). Read one at a time, what
    // is held stays about one list (streams release their buffers a little late: up to ~4 seen).
    const growth = Math.max(...held) - (held[0] as number);
    expect(growth).toBeLessThan(8 * 16 * 1024 * 1024);
  }, 120_000);
});

/** The V8 collector, callable from a test. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
