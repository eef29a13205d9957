import { describe, expect, it } from 'vitest';
import {
  DocumentLoader,
  MemoryStatusStore,
  StatusRegistry,
  generateKey,
  issueCredential,
  verifyCredential,
  type BitstringStatusListEntry,
  type SignedCredential,
  type StatusListCredential,
} from '../../src/index.js';
import { MIN_STATUS_LIST_LENGTH } from '../../src/status/registry.js';
import { decodeList } from '../../src/status/bitstring.js';
import { NOW, check, unsignedCredential } from '../helpers/credential.js';
import { rejection } from '../helpers/errors.js';
import { LIST_BASE, newRegistry, published } from './helpers.js';

function entriesOf(signed: SignedCredential): BitstringStatusListEntry[] {
  const status = (signed as unknown as { credentialStatus: BitstringStatusListEntry | BitstringStatusListEntry[] })
    .credentialStatus;
  return Array.isArray(status) ? status : [status];
}

describe('StatusRegistry: issue, revoke, publish, verify', () => {
  it('a credential issued through the registry verifies; once revoked and the list republished, it fails ERR_REVOKED', async () => {
    const { key, registry } = await newRegistry();
    const lists = await registry.createLists();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });

    const before = await verifyCredential(signed, { now: NOW, loader: published(...lists) });
    expect(check(before, 'status').outcome).toBe('passed');
    expect(check(before, 'status').parts?.map((p) => p.outcome)).toEqual(['passed', 'passed']);
    expect(before).toMatchObject({ verified: true, summary: 'verified' });

    const change = await registry.revoke(signed.id);
    expect(change).toMatchObject({ credentialId: signed.id, purpose: 'revocation', set: true, changed: true });
    const after = await verifyCredential(signed, { now: NOW, loader: published(...(await registry.publish())) });
    expect(check(after, 'status')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_REVOKED', path: 'credentialStatus[0]' },
    });
    expect(check(after, 'status').problem?.detail).toContain(change.listId);
    expect(after).toMatchObject({ authentic: true, verified: false, summary: 'invalid' });
    // The list handed back by revoke is the one to publish: it alone is enough to see the revocation.
    const withChangedList = await verifyCredential(signed, {
      now: NOW,
      loader: published(lists[1] as StatusListCredential, change.listCredential),
    });
    expect(check(withChangedList, 'status').problem?.code).toBe('ERR_REVOKED');
    // Revoking again changes nothing.
    expect(await registry.revoke(signed.id)).toMatchObject({ set: true, changed: false });
  });

  it('suspend and unsuspend: verified, then ERR_SUSPENDED, then verified again', async () => {
    const { key, registry } = await newRegistry();
    await registry.createLists();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
    const verify = async () => verifyCredential(signed, { now: NOW, loader: published(...(await registry.publish())) });

    expect((await verify()).verified).toBe(true);
    expect(await registry.suspend(signed.id)).toMatchObject({ purpose: 'suspension', set: true, changed: true });
    const suspended = await verify();
    expect(check(suspended, 'status')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_SUSPENDED', path: 'credentialStatus[1]' },
    });
    expect(check(suspended, 'status').parts?.map((p) => p.outcome)).toEqual(['passed', 'failed']);
    expect(await registry.unsuspend(signed.id)).toMatchObject({ set: false, changed: true });
    const reinstated = await verify();
    expect(check(reinstated, 'status').outcome).toBe('passed');
    expect(reinstated.verified).toBe(true);
    expect((await registry.statusOf(signed.id)).map((s) => [s.purpose, s.set])).toEqual([
      ['revocation', false],
      ['suspension', false],
    ]);
  });

  it("gives each credential one entry per purpose, in the spec's form, the same ones when asked again", async () => {
    const { registry } = await newRegistry();
    const entries = await registry.entriesFor('urn:uuid:0c1d0000-0000-4000-8000-000000000001');
    expect(entries).toHaveLength(2);
    for (const [entry, purpose] of entries.map((e, i) => [e, ['revocation', 'suspension'][i]] as const)) {
      expect(entry.type).toBe('BitstringStatusListEntry');
      expect(entry.statusPurpose).toBe(purpose);
      expect(entry.statusListIndex).toMatch(/^\d+$/);
      expect(entry.statusListCredential).toMatch(new RegExp(`^${LIST_BASE}/${purpose}-[0-9a-f]{12}\\.json$`));
      expect(entry.id).toBe(`${entry.statusListCredential}#${entry.statusListIndex}`);
    }
    expect(await registry.entriesFor('urn:uuid:0c1d0000-0000-4000-8000-000000000001')).toEqual(entries);
    const revocationOnly = (await newRegistry({ purposes: ['revocation'] })).registry;
    expect(
      (await revocationOnly.entriesFor('urn:uuid:0c1d0000-0000-4000-8000-000000000002')).map((e) => e.statusPurpose),
    ).toEqual(['revocation']);
  });

  it('a credential with one purpose gets credentialStatus as one object', async () => {
    const { key, registry } = await newRegistry({ purposes: ['revocation'] });
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
    expect((signed as unknown as { credentialStatus: unknown }).credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
  });

  it("signs each list as a VC 2.0 BitstringStatusListCredential of the spec's minimum size, by the issuer", async () => {
    const { key, registry } = await newRegistry();
    const [revocation] = await registry.createLists();
    expect(revocation).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: key.controller,
      validFrom: '2026-06-01T12:00:00Z',
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
    });
    expect(revocation?.credentialSubject.id).toBe(`${revocation?.id}#list`);
    expect(revocation?.credentialSubject.encodedList).toMatch(/^u[A-Za-z0-9_-]+$/);
    const bits = await decodeList(revocation?.credentialSubject.encodedList, 'BitstringStatusList');
    expect(bits.length).toBe(MIN_STATUS_LIST_LENGTH);
    // The list is a credential in its own right: authentic and within its validity.
    const report = await verifyCredential(revocation, { now: NOW });
    expect(report.authentic).toBe(true);
    expect(check(report, 'validity').outcome).toBe('passed');
  });

  it('a full list rolls over: the next credential lands on a new list; indexes are not handed out in order', async () => {
    const { key, registry } = await newRegistry({ listLength: 16, allowSmallLists: true, purposes: ['revocation'] });
    const indexes: number[] = [];
    for (let i = 0; i < 16; i++)
      indexes.push(Number((await registry.entriesFor(`urn:example:credential:${i}`))[0]?.statusListIndex));
    expect(new Set(indexes).size).toBe(16);
    expect([...indexes].sort((a, b) => a - b)).toEqual([...Array(16).keys()]);
    // 16! orders are possible; issuance order would be exactly 0..15.
    expect(indexes).not.toEqual([...Array(16).keys()]);

    const firstList = (await registry.entriesFor('urn:example:credential:0'))[0]?.statusListCredential;
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
    const [entry] = entriesOf(signed);
    expect(entry?.statusListCredential).not.toBe(firstList);
    expect(Number(entry?.statusListIndex)).toBeLessThan(16);
    const lists = await registry.publish();
    expect(lists.map((l) => l.id)).toEqual([firstList, entry?.statusListCredential]);
    // The credential on the second list verifies against it and is revoked on it alone.
    expect((await verifyCredential(signed, { now: NOW, loader: published(...lists) })).verified).toBe(true);
    await registry.revoke(signed.id);
    const after = await registry.publish();
    const report = await verifyCredential(signed, { now: NOW, loader: published(...after) });
    expect(check(report, 'status').problem?.code).toBe('ERR_REVOKED');
    expect(
      (await decodeList(after[0]?.credentialSubject.encodedList, 'BitstringStatusList')).getStatus(
        Number(entry?.statusListIndex),
      ),
    ).toBe(false);
  });
});

describe('StatusRegistry: what it refuses', () => {
  it('lists below the minimum length, unless allowSmallLists is set; lengths that are not whole bytes', async () => {
    const key = await generateKey();
    const store = new MemoryStatusStore();
    const small = await rejection(
      (async () => new StatusRegistry({ store, key, listBaseUrl: LIST_BASE, listLength: 1024 }))(),
      'ERR_FIELD_INVALID',
    );
    expect(small.details.path).toBe('listLength');
    expect(small.message).toContain('131072');
    expect(
      new StatusRegistry({ store, key, listBaseUrl: LIST_BASE, listLength: 1024, allowSmallLists: true }),
    ).toBeInstanceOf(StatusRegistry);
    expect(
      (await rejection((async () => new StatusRegistry({ store, key, listLength: 131_073 }))(), 'ERR_FIELD_INVALID'))
        .details.path,
    ).toBe('listLength');
  });

  it('a key without its secret, a bad base URL, unknown purposes', async () => {
    const key = await generateKey();
    const store = new MemoryStatusStore();
    const { importKey } = await import('../../src/index.js');
    const publicOnly = await importKey({ publicKeyMultibase: key.publicKeyMultibase });
    await rejection(
      (async () => new StatusRegistry({ store, key: publicOnly, listBaseUrl: LIST_BASE }))(),
      'ERR_KEY_INVALID',
    );
    for (const listBaseUrl of ['pd.example.org/status', 'https://pd.example.org/status?x=1', 'ftp://pd.example.org']) {
      expect(
        (await rejection((async () => new StatusRegistry({ store, key, listBaseUrl }))(), 'ERR_FIELD_INVALID')).details
          .path,
      ).toBe('listBaseUrl');
    }
    const purposes = ['refresh'] as unknown as ['revocation'];
    expect(
      (await rejection((async () => new StatusRegistry({ store, key, purposes }))(), 'ERR_FIELD_INVALID')).details.path,
    ).toBe('purposes');
  });

  it('revoking or suspending a credential the store does not know: ERR_STATUS_CREDENTIAL_UNKNOWN', async () => {
    const { registry } = await newRegistry({ purposes: ['revocation'] });
    await registry.entriesFor('urn:example:known');
    await rejection(registry.revoke('urn:example:unknown'), 'ERR_STATUS_CREDENTIAL_UNKNOWN');
    const error = await rejection(registry.suspend('urn:example:known'), 'ERR_STATUS_CREDENTIAL_UNKNOWN');
    expect(error.message).toContain('no suspension entry');
  });

  it('opening a list without a listBaseUrl names the missing option', async () => {
    const { registry } = await newRegistry({ listBaseUrl: undefined });
    expect((await rejection(registry.entriesFor('urn:example:a'), 'ERR_FIELD_INVALID')).details.path).toBe(
      'listBaseUrl',
    );
  });

  it('issueCredential: a credential that already has credentialStatus, with options.status, is refused before any index is spent', async () => {
    const { key, registry } = await newRegistry();
    const draft = {
      ...unsignedCredential(key),
      credentialStatus: {
        id: 'https://x.example/1#1',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '1',
        statusListCredential: 'https://x.example/1',
      },
    };
    expect(
      (await rejection(issueCredential(draft, { key, now: NOW, status: registry }), 'ERR_FIELD_INVALID')).details.path,
    ).toBe('credentialStatus');
    // An invalid credential is refused before allocation, too: the store stays empty.
    await rejection(
      issueCredential({ ...unsignedCredential(key), name: '' }, { key, now: NOW, status: registry }),
      'ERR_FIELD_REQUIRED',
    );
    expect(await registry.publish()).toEqual([]);
  });

  it('lists are signed with the loader given, and each publish re-signs every list', async () => {
    const loader = new DocumentLoader();
    const { registry } = await newRegistry({ loader });
    const first = await registry.createLists();
    const again = await registry.publish();
    expect(again.map((l) => l.id)).toEqual(first.map((l) => l.id));
    expect(again.map((l) => l.credentialSubject.encodedList)).toEqual(
      first.map((l) => l.credentialSubject.encodedList),
    );
  });
});
