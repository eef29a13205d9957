// Bulk status changes (one re-sign per list), publishing only what changed, and adopting lists of a
// store written before lists recorded their issuer.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { MemoryStatusStore, StatusRegistry, generateKey, issueCredential, verifyCredential } from '../../src/index.js';
import { FileStatusStore } from '../../src/node.js';
import { NOW, check, unsignedCredential } from '../helpers/credential.js';
import { rejection } from '../helpers/errors.js';
import { tempDir } from '../cli/helpers.js';
import { LIST_BASE, published } from './helpers.js';

const folder = tempDir();
afterAll(async () => (await folder).cleanup());

describe('revokeMany, publishChanges, adoptLists', () => {
  it('revokeMany over 40 credentials on two lists signs two lists, not 40; each credential then verifies as revoked', async () => {
    const key = await generateKey();
    let signatures = 0;
    // The clock is read once per list signed: counting its calls counts the signatures.
    const registry = new StatusRegistry({
      store: new MemoryStatusStore(),
      key,
      listBaseUrl: LIST_BASE,
      listLength: 32,
      allowSmallLists: true,
      purposes: ['revocation'],
      clock: () => (signatures++, NOW),
    });
    const ids: string[] = [];
    const credentials = [];
    for (let i = 0; i < 40; i++) {
      const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
      credentials.push(signed);
      ids.push(signed.id);
    }
    signatures = 0;
    const result = await registry.revokeMany([...ids, ids[0] as string]);
    expect(signatures).toBe(2);
    expect(result.listCredentials).toHaveLength(2);
    expect(result.changes).toHaveLength(41);
    expect(result.changes.slice(0, 40).every((c) => c.changed && c.set)).toBe(true);
    const loader = published(...result.listCredentials);
    for (const signed of [credentials[0], credentials[39]])
      expect(check(await verifyCredential(signed!, { now: NOW, loader }), 'status').problem?.code).toBe('ERR_REVOKED');
    expect((await registry.revokeMany([ids[1] as string])).changes[0]?.changed).toBe(false);
    await rejection(registry.revokeMany(['urn:uuid:unknown']), 'ERR_STATUS_CREDENTIAL_UNKNOWN');
  });

  it('publishChanges gives the new and changed lists only, and a version to ask from next time', async () => {
    const key = await generateKey();
    const registry = new StatusRegistry({
      store: new MemoryStatusStore(),
      key,
      listBaseUrl: LIST_BASE,
      clock: () => NOW,
    });
    await registry.createLists();
    const first = await registry.publishChanges();
    expect(first.lists.map((l) => l.credentialSubject.statusPurpose)).toEqual(['revocation', 'suspension']);
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
    // Issuing hands out indexes but changes no bit: nothing to publish.
    const none = await registry.publishChanges({ since: first.version });
    expect(none.lists).toEqual([]);
    await registry.suspend(signed.id);
    const changed = await registry.publishChanges({ since: none.version });
    expect(changed.lists.map((l) => l.credentialSubject.statusPurpose)).toEqual(['suspension']);
    expect((await registry.publishChanges({ since: changed.version })).lists).toEqual([]);
    // An older version still sees the change.
    expect((await registry.publishChanges({ since: first.version })).lists).toHaveLength(1);
    await rejection(registry.publishChanges({ since: 'yesterday' }), 'ERR_FIELD_INVALID');
  });

  it('a store from before issuers were recorded: its lists are refused until their issuer adopts them with the published list', async () => {
    const path = join((await folder).dir, 'legacy.json');
    const key = await generateKey();
    const options = { key, listBaseUrl: LIST_BASE, clock: () => NOW };
    const registry = new StatusRegistry({ store: new FileStatusStore(path), ...options });
    const lists = await registry.createLists();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
    // Rewrite the file as the previous format wrote it: version 1, no issuers (and no journal).
    await new FileStatusStore(path).compact();
    const json = JSON.parse(await readFile(path, 'utf8'));
    json.version = 1;
    for (const list of json.lists) delete list.issuer;
    await writeFile(path, JSON.stringify(json));

    const reopened = new StatusRegistry({ store: new FileStatusStore(path), ...options });
    await rejection(reopened.revoke(signed.id), 'ERR_STATUS_LIST_UNCLAIMED');
    expect(await reopened.publish()).toEqual([]);
    // Another issuer cannot adopt them with their published credentials.
    const stranger = new StatusRegistry({ store: new FileStatusStore(path), ...options, key: await generateKey() });
    await rejection(stranger.adoptLists(lists), 'ERR_STATUS_LIST_OTHER_ISSUER');
    expect(await reopened.adoptLists(lists)).toEqual(lists.map((l) => l.id));
    expect(await reopened.adoptLists(lists)).toEqual([]);
    const { listCredential } = await reopened.revoke(signed.id);
    expect(
      check(await verifyCredential(signed, { now: NOW, loader: published(listCredential) }), 'status').problem?.code,
    ).toBe('ERR_REVOKED');
    expect(JSON.parse(await readFile(path, 'utf8')).version).toBe(3);
    await rejection(stranger.adoptLists(lists), 'ERR_STATUS_LIST_OTHER_ISSUER');
  });
});
