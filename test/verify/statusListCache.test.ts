// A verifier holding a DocumentLoader checks many credentials against one status list without
// loading and verifying the list each time: verified lists are kept per loader, for a time-to-live
// (default 5 minutes) and never past the list's validUntil, bounded in entries and bytes; a list
// that failed is not kept. Each test counts the list fetches through a fetch function it owns.
import { describe, expect, it } from 'vitest';
import {
  DocumentLoader,
  issueCredential,
  verifyCredential,
  type Key,
  type SignedCredential,
  type StatusListCacheOptions,
  type StatusListCredential,
  type VerificationReport,
} from '../../src/index.js';
import { signDocument } from '../../src/proofs/sign.js';
import { NOW, check, unsignedCredential } from '../helpers/credential.js';
import { newRegistry } from '../status/helpers.js';

const MINUTE = 60_000;

/** A clock the test moves by hand. */
function manualClock(): { clock: () => Date; advance: (ms: number) => void } {
  let time = NOW.getTime();
  return { clock: () => new Date(time), advance: (ms) => (time += ms) };
}

/** A loader whose fetch serves `lists` (changeable) and counts the requests per URL. */
function servingLoader(
  lists: Map<string, unknown>,
  cache?: StatusListCacheOptions | false,
): { loader: DocumentLoader; fetches: Map<string, number>; total: () => number } {
  const fetches = new Map<string, number>();
  const fetch = async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    fetches.set(url, (fetches.get(url) ?? 0) + 1);
    const list = lists.get(url);
    return list === undefined
      ? new Response('not found', { status: 404 })
      : new Response(JSON.stringify(list), { headers: { 'content-type': 'application/json' } });
  };
  const loader = new DocumentLoader({
    fetch: fetch as typeof globalThis.fetch,
    // The fetcher's own cache off: every load of the list is a request, so requests count loads.
    network: { allowPrivateAddresses: true, cacheTtlMs: 0 },
    ...(cache === undefined ? {} : { statusListCache: cache }),
  });
  return { loader, fetches, total: () => [...fetches.values()].reduce((a, b) => a + b, 0) };
}

/** A registry with the given purposes, `count` credentials issued on its lists, and its lists as published. */
async function issued(purposes: ('revocation' | 'suspension')[], count = 2) {
  const { key, registry } = await newRegistry({ purposes });
  const lists = new Map<string, unknown>((await registry.createLists()).map((l) => [l.id, l]));
  const credentials: SignedCredential[] = [];
  for (let i = 0; i < count; i++)
    credentials.push(await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry }));
  return { key, registry, lists, credentials };
}

function statusOf(report: VerificationReport) {
  return check(report, 'status');
}

describe('verified status lists kept by the DocumentLoader', () => {
  it('a second credential on the same list: the list is not fetched (nor verified) again', async () => {
    const { lists, credentials } = await issued(['revocation'], 3);
    const { loader, total } = servingLoader(lists);
    for (const credential of credentials) {
      const report = await verifyCredential(credential, { loader, now: NOW });
      expect(report.verified).toBe(true);
      expect(statusOf(report).outcome).toBe('passed');
    }
    expect(total()).toBe(1);
  });

  it('without a cache (statusListCache: false) every verification fetches the list', async () => {
    const { lists, credentials } = await issued(['revocation'], 3);
    const { loader, total } = servingLoader(lists, false);
    for (const credential of credentials)
      expect((await verifyCredential(credential, { loader, now: NOW })).verified).toBe(true);
    expect(total()).toBe(3);
  });

  it('after the time-to-live the list is fetched and verified again, and a revocation published since shows', async () => {
    const { registry, lists, credentials } = await issued(['revocation']);
    const { clock, advance } = manualClock();
    const { loader, total } = servingLoader(lists, { ttlMs: 2 * MINUTE, clock });
    const [first] = credentials as [SignedCredential];
    expect(statusOf(await verifyCredential(first, { loader, now: NOW })).outcome).toBe('passed');

    const { listCredential } = await registry.revoke(first.id);
    lists.set(listCredential.id, listCredential);
    advance(MINUTE);
    // Within the time-to-live the list verified a minute ago is still the answer (that is the trade).
    expect(statusOf(await verifyCredential(first, { loader, now: NOW })).outcome).toBe('passed');
    expect(total()).toBe(1);

    advance(MINUTE + 1);
    const report = await verifyCredential(first, { loader, now: NOW });
    expect(total()).toBe(2);
    expect(statusOf(report)).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_REVOKED' } });
  });

  it('the default time-to-live is 5 minutes', async () => {
    const { lists, credentials } = await issued(['revocation'], 1);
    const { clock, advance } = manualClock();
    const { loader, total } = servingLoader(lists, { clock });
    const [credential] = credentials as [SignedCredential];
    await verifyCredential(credential, { loader, now: NOW });
    advance(5 * MINUTE - 1);
    await verifyCredential(credential, { loader, now: NOW });
    expect(total()).toBe(1);
    advance(1);
    await verifyCredential(credential, { loader, now: NOW });
    expect(total()).toBe(2);
  });

  it('a list is never kept past its own validUntil, whatever the time-to-live', async () => {
    const { key, lists, credentials } = await issued(['revocation'], 1);
    const [url, list] = [...lists][0] as [string, StatusListCredential];
    const { proof: _proof, ...unsigned } = list;
    const validUntil = new Date(NOW.getTime() + 2 * MINUTE).toISOString().replace(/\.\d+Z$/, 'Z');
    const shortLived = await signDocument<StatusListCredential>(
      { ...structuredClone(unsigned), validUntil },
      key as Key<'ed25519'>,
      new DocumentLoader(),
      NOW,
    );
    lists.set(url, shortLived);
    const { clock, advance } = manualClock();
    const { loader, total } = servingLoader(lists, { ttlMs: 60 * MINUTE, clock });
    const [credential] = credentials as [SignedCredential];
    expect(statusOf(await verifyCredential(credential, { loader, now: NOW })).outcome).toBe('passed');
    advance(MINUTE);
    await verifyCredential(credential, { loader, now: NOW });
    expect(total()).toBe(1);
    advance(MINUTE);
    await verifyCredential(credential, { loader, now: NOW });
    expect(total()).toBe(2);
  });

  it("a verification at a moment past the kept list's validUntil does not use it (the list is verified at that moment)", async () => {
    const { key, lists, credentials } = await issued(['revocation'], 1);
    const [url, list] = [...lists][0] as [string, StatusListCredential];
    const { proof: _proof, ...unsigned } = list;
    const validUntil = new Date(NOW.getTime() + 10 * MINUTE).toISOString().replace(/\.\d+Z$/, 'Z');
    lists.set(
      url,
      await signDocument(
        { ...structuredClone(unsigned), validUntil },
        key as Key<'ed25519'>,
        new DocumentLoader(),
        NOW,
      ),
    );
    const { loader, total } = servingLoader(lists);
    const [credential] = credentials as [SignedCredential];
    expect(statusOf(await verifyCredential(credential, { loader, now: NOW })).outcome).toBe('passed');
    const later = await verifyCredential(credential, { loader, now: new Date(NOW.getTime() + 60 * MINUTE) });
    expect(total()).toBe(2);
    expect(statusOf(later)).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_STATUS_LIST_INVALID' } });
  });

  it('bounded in entries: with room for one list, two lists per credential evict each other', async () => {
    const { lists, credentials } = await issued(['revocation', 'suspension'], 2);
    expect(lists.size).toBe(2);
    const roomy = servingLoader(lists);
    const tight = servingLoader(lists, { maxEntries: 1 });
    for (const credential of credentials) {
      expect((await verifyCredential(credential, { loader: roomy.loader, now: NOW })).verified).toBe(true);
      expect((await verifyCredential(credential, { loader: tight.loader, now: NOW })).verified).toBe(true);
    }
    expect(roomy.total()).toBe(2);
    expect(tight.total()).toBe(4);
  });

  it('bounded in bytes: a list larger than maxBytes is not kept', async () => {
    const { lists, credentials } = await issued(['revocation'], 2);
    const small = servingLoader(lists, { maxBytes: 1024 });
    for (const credential of credentials)
      expect((await verifyCredential(credential, { loader: small.loader, now: NOW })).verified).toBe(true);
    // Bitstring Status Lists hold at least 131,072 bits (16 KiB).
    expect(small.total()).toBe(2);
  });

  it('a list that failed verification is not kept: the next verification fetches it again', async () => {
    const { registry, lists, credentials } = await issued(['revocation'], 1);
    const [url, list] = [...lists][0] as [string, StatusListCredential];
    const [credential] = credentials as [SignedCredential];
    const { listCredential: revoked } = await registry.revoke(credential.id);
    // A tampered list: the revoked bit cleared after signing.
    lists.set(url, {
      ...structuredClone(revoked),
      credentialSubject: { ...revoked.credentialSubject, encodedList: list.credentialSubject.encodedList },
    });
    const { loader, total } = servingLoader(lists);
    const first = await verifyCredential(credential, { loader, now: NOW });
    expect(statusOf(first)).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_STATUS_LIST_INVALID' } });
    lists.set(url, revoked);
    const second = await verifyCredential(credential, { loader, now: NOW });
    expect(total()).toBe(2);
    expect(statusOf(second)).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_REVOKED' } });
  });

  it('a list held with DocumentLoader.add is forgotten when it is replaced', async () => {
    const { registry, lists, credentials } = await issued(['revocation'], 1);
    const [url, list] = [...lists][0] as [string, StatusListCredential];
    const [credential] = credentials as [SignedCredential];
    const loader = new DocumentLoader().add(url, list);
    expect(statusOf(await verifyCredential(credential, { loader, now: NOW })).outcome).toBe('passed');
    const { listCredential } = await registry.revoke(credential.id);
    loader.add(url, listCredential);
    expect(statusOf(await verifyCredential(credential, { loader, now: NOW })).problem?.code).toBe('ERR_REVOKED');
  });

  it("a list given in the call's documents is not taken from (or put in) the loader's cache", async () => {
    const { registry, lists, credentials } = await issued(['revocation'], 1);
    const [credential] = credentials as [SignedCredential];
    const { loader, total } = servingLoader(lists);
    expect(statusOf(await verifyCredential(credential, { loader, now: NOW })).outcome).toBe('passed');
    const { listCredential } = await registry.revoke(credential.id);
    const report = await verifyCredential(credential, {
      loader,
      now: NOW,
      documents: { [listCredential.id]: listCredential },
    });
    expect(statusOf(report).problem?.code).toBe('ERR_REVOKED');
    expect(total()).toBe(1);
  });

  it('a status registry given to the call is always asked: a revocation just made shows', async () => {
    const { registry, lists, credentials } = await issued(['revocation'], 1);
    const [credential] = credentials as [SignedCredential];
    const { loader } = servingLoader(lists);
    expect(statusOf(await verifyCredential(credential, { loader, now: NOW, status: registry })).outcome).toBe('passed');
    await registry.revoke(credential.id);
    const report = await verifyCredential(credential, { loader, now: NOW, status: registry });
    expect(statusOf(report).problem?.code).toBe('ERR_REVOKED');
  });
});
