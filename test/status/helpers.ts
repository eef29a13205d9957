// Shared by the status tests: a loader that serves the public status lists of the fixtures at the
// URLs the credentials name (the fixtures README's mapping), and a registry on a fresh key.
import {
  DocumentLoader,
  MemoryStatusStore,
  StatusRegistry,
  generateKey,
  type Key,
  type StatusListCredential,
  type StatusRegistryOptions,
} from '../../src/index.js';
import { NOW, fixture } from '../helpers/credential.js';

const DCC_PAGES = 'https://digitalcredentials.github.io/vc-test-fixtures/';
const DCC_LISTS = 'dcc/vc-test-fixtures/statusLists/didkey-ed25519Signature2020';
const ONE_EDTECH_ISSUER = 'https://1edtech.edu/issuers/565049';
const ONE_EDTECH_METHOD = `${ONE_EDTECH_ISSUER}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi`;

/** The URLs the fixture credentials name for their status lists, each mapped to its local copy. */
export const FIXTURE_LISTS: Record<string, string> = {
  'https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj': `${DCC_LISTS}/e5WK8CbZ1GjycuPombrj`,
  'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist':
    '1edtech-validator/ob30/bit-string-list/testlist',
  ...Object.fromEntries(
    ['e5WK8CbZ1GjycuPombrj', 'expired', 'missingBitStringType', 'notYetValid', 'tampered'].map((name) => [
      `${DCC_PAGES}statusLists/didkey-ed25519Signature2020/${name}`,
      `${DCC_LISTS}/${name}`,
    ]),
  ),
};

/**
 * A loader holding the fixtures' status lists and the 1EdTech test issuer's key document (its key
 * is named by an https URL, which microcred never fetches). `omit` leaves lists out.
 */
export function fixtureLoader(omit: string[] = []): DocumentLoader {
  const loader = new DocumentLoader();
  for (const [url, path] of Object.entries(FIXTURE_LISTS)) if (!omit.includes(url)) loader.add(url, fixture(path));
  loader.add(ONE_EDTECH_ISSUER, {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: ONE_EDTECH_ISSUER,
    verificationMethod: [
      {
        id: ONE_EDTECH_METHOD,
        type: 'Multikey',
        controller: ONE_EDTECH_ISSUER,
        publicKeyMultibase: ONE_EDTECH_METHOD.split('#')[1],
      },
    ],
    assertionMethod: [ONE_EDTECH_METHOD],
  });
  return loader;
}

/** Where the registries of these tests publish. */
export const LIST_BASE = 'https://pd.example.org/status';

/** A registry on a fresh key and a memory store, with the clock pinned to NOW. */
export async function newRegistry(
  options: Partial<StatusRegistryOptions> = {},
): Promise<{ key: Key; registry: StatusRegistry }> {
  const key = options.key ?? (await generateKey());
  const registry = new StatusRegistry({
    store: new MemoryStatusStore(),
    key,
    listBaseUrl: LIST_BASE,
    clock: () => NOW,
    ...options,
  });
  return { key, registry };
}

/** A loader serving the given list credentials at their ids (what publishing them amounts to). */
export function published(...lists: StatusListCredential[]): DocumentLoader {
  const loader = new DocumentLoader();
  for (const list of lists) loader.add(list.id, list);
  return loader;
}
