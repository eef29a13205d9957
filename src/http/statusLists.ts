import type { StatusListCredential } from '../status/listCredential.js';

/**
 * Where `GET /status/{name}` finds a status list credential: `name` is the last segment of the
 * list's URL (what `microcred status publish --out DIR` names its files). Returns the credential
 * (as JSON text, or an object) or undefined when there is no such list.
 */
export interface StatusListSource {
  find(name: string): Promise<string | object | undefined>;
}

/** Names a list can have: the characters `status publish` keeps in a file name, and never a leading dot. */
export function isListName(name: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) && name.length <= 200;
}

/** What {@link registryStatusLists} needs of a `StatusRegistry` (typed by its shape, so that one made with `microcred` fits). */
export interface SignsStatusLists {
  findListCredential(listId: string): Promise<StatusListCredential | undefined>;
}

/**
 * The lists an issuer's `StatusRegistry` keeps, signed at each request: `baseUrl` is the
 * registry's `listBaseUrl` (a list `https://pd.example.org/status/revocation-1.json` is served at
 * `/status/revocation-1.json`).
 *
 * @example
 * createVerifierHandler({ statusLists: registryStatusLists(registry, 'https://pd.example.org/status') })
 */
export function registryStatusLists(registry: SignsStatusLists, baseUrl: string): StatusListSource {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    find: (name) => (isListName(name) ? registry.findListCredential(`${base}/${name}`) : Promise.resolve(undefined)),
  };
}
