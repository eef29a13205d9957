// Key rotation and two issuers on one store, as a scenario run on every store (file, PostgreSQL):
// every earlier credential must still verify, and revoke, correctly. `openStore` opens the same
// store again each time it is called (a new process, a new registry).
import { expect } from 'vitest';
import {
  DocumentLoader,
  StatusRegistry,
  didWebDocument,
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
  type SignedCredential,
  type StatusListCredential,
  type StatusStore,
} from '../../src/index.js';
import { NOW, check, unsignedCredential } from '../helpers/credential.js';
import { rejection } from '../helpers/errors.js';
import { LIST_BASE } from './helpers.js';

const DOMAIN = 'pd.example.org';

function registryOf(store: StatusStore, key: Key): StatusRegistry {
  return new StatusRegistry({
    store,
    key,
    listBaseUrl: LIST_BASE,
    listLength: 1024,
    allowSmallLists: true,
    clock: () => NOW,
  });
}

function listsOf(signed: SignedCredential): string[] {
  const status = (signed as unknown as { credentialStatus: { statusListCredential: string }[] }).credentialStatus;
  return status.map((s) => s.statusListCredential);
}

export async function rotationScenario(openStore: () => Promise<StatusStore>): Promise<void> {
  // District A: did:web with a first key; later a second key in the same DID document (rotation).
  const first = await generateKey();
  const second = await generateKey();
  const didDocument = didWebDocument(DOMAIN, [first, second]);
  const a1 = first.withController(didDocument.id);
  const a2 = second.withController(didDocument.id);
  // District B: another DID (a did:key) sharing the store.
  const b = await generateKey();

  const published = new Map<string, StatusListCredential>();
  const publish = (lists: StatusListCredential[]) => lists.forEach((l) => published.set(l.id, l));
  const verify = async (credential: SignedCredential) => {
    const loader = new DocumentLoader({ documents: { [didDocument.id]: didDocument } });
    for (const list of published.values()) loader.add(list.id, list);
    return check(await verifyCredential(credential, { now: NOW, loader }), 'status');
  };

  // 1. Issued with A's first key.
  let store = await openStore();
  const a1Registry = registryOf(store, a1);
  publish(await a1Registry.createLists());
  const c1 = await issueCredential(unsignedCredential(a1), { key: a1, now: NOW, status: a1Registry });
  const aLists = listsOf(c1);
  await store.close();

  // 2. Rotation within the DID: the second key keeps the same lists and re-signs them.
  store = await openStore();
  const a2Registry = registryOf(store, a2);
  const c2 = await issueCredential(unsignedCredential(a2), { key: a2, now: NOW, status: a2Registry });
  expect(listsOf(c2)).toEqual(aLists);
  const revokedC1 = await a2Registry.revoke(c1.id);
  expect(revokedC1.listCredential.proof.verificationMethod).toBe(a2.id);
  publish([revokedC1.listCredential]);
  expect((await verify(c1)).problem?.code).toBe('ERR_REVOKED');
  expect((await verify(c2)).outcome).toBe('passed');
  await store.close();

  // 3. Another DID on the same store: new lists; A's lists are never touched by it.
  store = await openStore();
  const bRegistry = registryOf(store, b);
  const bLists = await bRegistry.createLists();
  expect(bLists.map((l) => l.id).filter((id) => aLists.includes(id))).toEqual([]);
  expect(bLists.every((l) => l.issuer === b.controller)).toBe(true);
  publish(bLists);
  const c3 = await issueCredential(unsignedCredential(b), { key: b, now: NOW, status: bRegistry });
  expect(listsOf(c3).some((id) => aLists.includes(id))).toBe(false);
  const refused = await rejection(bRegistry.revoke(c2.id), 'ERR_STATUS_LIST_OTHER_ISSUER');
  expect(refused.message).toContain(didDocument.id);
  // A batch with one foreign id changes nothing, not even its own credentials.
  await rejection(bRegistry.revokeMany([c3.id, c2.id]), 'ERR_STATUS_LIST_OTHER_ISSUER');
  expect((await bRegistry.statusOf(c3.id)).map((s) => s.set)).toEqual([false, false]);
  expect(await bRegistry.findListCredential(aLists[0] as string)).toBeUndefined();
  expect((await bRegistry.publish()).map((l) => l.id).sort()).toEqual(bLists.map((l) => l.id).sort());
  await store.close();

  // 4. The old DID's lists stay re-signable with its key; every credential reads as it should.
  store = await openStore();
  const again = registryOf(store, a1);
  expect((await again.publish()).map((l) => l.id).sort()).toEqual([...aLists].sort());
  publish(await again.publish());
  publish((await registryOf(store, b).revokeMany([c3.id])).listCredentials);
  expect((await verify(c1)).problem?.code).toBe('ERR_REVOKED');
  expect((await verify(c2)).outcome).toBe('passed');
  expect((await verify(c3)).problem?.code).toBe('ERR_REVOKED');
  // Revoking c2 with the old key still works, after B's changes.
  publish([(await again.revoke(c2.id)).listCredential]);
  expect((await verify(c2)).problem?.code).toBe('ERR_REVOKED');
  await store.close();
}
