// verifyCredential(credential, { status: registry }): the issuer's own registry serves its lists, signed
// now, to the status check, which verifies them like any published list.
import { describe, expect, it } from 'vitest';
import {
  MemoryStatusStore,
  StatusRegistry,
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
  type SignedCredential,
  type StatusAllocation,
  type StatusPurpose,
  type StatusStore,
  type StoredStatusList,
  type AllocateOptions,
} from '../../src/index.js';
import { NOW, check, unsignedCredential } from '../helpers/credential.js';
import { LIST_BASE, newRegistry, published } from './helpers.js';

/** A memory store whose getList can be made to fail or never answer, after issuing. */
class FaultyStore implements StatusStore {
  readonly inner = new MemoryStatusStore();
  fault: 'none' | 'throw' | 'hang' = 'none';
  allocate(id: string, purpose: StatusPurpose, options: AllocateOptions): Promise<StatusAllocation> {
    return this.inner.allocate(id, purpose, options);
  }
  openList(purpose: StatusPurpose, options: AllocateOptions): Promise<StoredStatusList> {
    return this.inner.openList(purpose, options);
  }
  setStatus(id: string, purpose: StatusPurpose, value: boolean): Promise<StatusAllocation | undefined> {
    return this.inner.setStatus(id, purpose, value);
  }
  allocations(id: string): Promise<StatusAllocation[]> {
    return this.inner.allocations(id);
  }
  getList(listId: string): Promise<StoredStatusList | undefined> {
    if (this.fault === 'throw') return Promise.reject(new Error('the database is down'));
    if (this.fault === 'hang') return new Promise(() => undefined);
    return this.inner.getList(listId);
  }
  listIds(): Promise<{ id: string; purpose: StatusPurpose }[]> {
    return this.inner.listIds();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

async function issued(key: Key, registry: StatusRegistry): Promise<SignedCredential> {
  return issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
}

describe('verifyCredential with { status: registry }', () => {
  it('a credential just issued through the registry: status passed for both entries, nothing published or looked up', async () => {
    const { key, registry } = await newRegistry();
    const signed = await issued(key, registry);

    const report = await verifyCredential(signed, { now: NOW, status: registry });
    expect(check(report, 'status')).toMatchObject({ outcome: 'passed' });
    expect(check(report, 'status').parts?.map((p) => p.outcome)).toEqual(['passed', 'passed']);
    expect(report).toMatchObject({ verified: true, summary: 'verified' });

    // Without the option the same credential's lists are nowhere to be found: the option is what served them.
    const without = await verifyCredential(signed, { now: NOW });
    expect(check(without, 'status')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_UNAVAILABLE' },
    });
  });

  it('revoked: ERR_REVOKED; suspended: ERR_SUSPENDED; unsuspended: passed again — each read from the registry as it is now', async () => {
    const { key, registry } = await newRegistry();
    const signed = await issued(key, registry);

    await registry.suspend(signed.id);
    const suspended = await verifyCredential(signed, { now: NOW, status: registry });
    expect(check(suspended, 'status')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SUSPENDED' } });

    await registry.unsuspend(signed.id);
    expect(check(await verifyCredential(signed, { now: NOW, status: registry }), 'status').outcome).toBe('passed');

    const { listId } = await registry.revoke(signed.id);
    const revoked = await verifyCredential(signed, { now: NOW, status: registry });
    expect(check(revoked, 'status')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_REVOKED', path: 'credentialStatus[0]' },
    });
    expect(check(revoked, 'status').problem?.detail).toContain(listId);
    expect(revoked).toMatchObject({ authentic: true, verified: false, summary: 'invalid' });
  });

  it('a list the registry does not have is read as without it: unavailable, or from documents/loader when they hold it', async () => {
    const other = await newRegistry({ listBaseUrl: 'https://other.example.org/status' });
    const signed = await issued(other.key, other.registry);
    const { registry: mine } = await newRegistry();
    await mine.createLists();

    const report = await verifyCredential(signed, { now: NOW, status: mine });
    expect(check(report, 'status')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_UNAVAILABLE' },
    });
    expect(check(report, 'status').problem?.detail).toContain('https://other.example.org/status/');

    const served = await verifyCredential(signed, {
      now: NOW,
      status: mine,
      loader: published(...(await other.registry.publish())),
    });
    expect(check(served, 'status').outcome).toBe('passed');
  });

  it('the served lists are verified, not trusted: a store that says another issuer owns the lists gives ERR_STATUS_LIST_ISSUER_MISMATCH', async () => {
    const store = new MemoryStatusStore();
    const key = await generateKey();
    const registry = new StatusRegistry({ store, key, listBaseUrl: LIST_BASE, clock: () => NOW });
    const signed = await issued(key, registry);
    await registry.revoke(signed.id);

    // A registry of another key never signs the issuer's lists: to the verifier they are unavailable.
    const stranger = await generateKey();
    const impostor = new StatusRegistry({ store, key: stranger, listBaseUrl: LIST_BASE, clock: () => NOW });
    await store.setStatus(signed.id, 'revocation', false);
    expect(check(await verifyCredential(signed, { now: NOW, status: impostor }), 'status').problem?.code).toBe(
      'ERR_STATUS_LIST_UNAVAILABLE',
    );
    // A store lying about the list's issuer makes it sign (the revoked bit cleared): the verifier must
    // still not say "not revoked".
    const lying: StatusStore = {
      allocate: (id, purpose, options) => store.allocate(id, purpose, options),
      setStatus: (id, purpose, value) => store.setStatus(id, purpose, value),
      allocations: (id) => store.allocations(id),
      getList: async (id) => {
        const list = await store.getList(id);
        return list && { ...list, issuer: stranger.controller };
      },
      listIds: () => store.listIds(),
      close: () => store.close(),
    };
    const fooled = new StatusRegistry({ store: lying, key: stranger, listBaseUrl: LIST_BASE, clock: () => NOW });
    const report = await verifyCredential(signed, { now: NOW, status: fooled });
    expect(check(report, 'status')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_ISSUER_MISMATCH' },
    });
    expect(report.verified).toBe(false);
  });

  it('only a StatusRegistry serves lists: a lookalike object with the same method is ignored', async () => {
    const { key, registry } = await newRegistry();
    const signed = await issued(key, registry);
    const lookalike = { findListCredential: (url: string) => registry.findListCredential(url) };
    const report = await verifyCredential(signed, { now: NOW, status: lookalike as unknown as StatusRegistry });
    expect(check(report, 'status')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_UNAVAILABLE' },
    });
  });

  it('a store that fails is could-not-check with its reason, never "not revoked"', async () => {
    const store = new FaultyStore();
    const key = await generateKey();
    const registry = new StatusRegistry({ store, key, listBaseUrl: LIST_BASE, clock: () => NOW });
    const signed = await issued(key, registry);
    store.fault = 'throw';
    const report = await verifyCredential(signed, { now: NOW, status: registry });
    expect(check(report, 'status')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_UNAVAILABLE' },
    });
    expect(check(report, 'status').problem?.detail).toContain('the database is down');
    expect(report.authentic).toBe(true);
  });

  it('a store that never answers cannot hold the verification past its deadline (ERR_VERIFY_TIMEOUT)', async () => {
    const store = new FaultyStore();
    const key = await generateKey();
    const registry = new StatusRegistry({ store, key, listBaseUrl: LIST_BASE, clock: () => NOW });
    const signed = await issued(key, registry);
    store.fault = 'hang';
    const started = Date.now();
    const report = await verifyCredential(signed, { now: NOW, status: registry, timeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(400 + 1500);
    expect(check(report, 'status')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_UNAVAILABLE' },
    });
    expect(check(report, 'status').problem?.detail).toMatch(/ran out of its 400 ms \(timeoutMs\)/);
  });
});
