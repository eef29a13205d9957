import { MicrocredError, ErrorCode } from '../errors.js';

/**
 * Where a did:web DID document is published (did:web method spec §3.2, Read): the domain, with a
 * percent-encoded port decoded, then the colon-separated path, or `/.well-known` when there is none.
 *
 * @example
 * didWebUrl('did:web:example.com')               // 'https://example.com/.well-known/did.json'
 * didWebUrl('did:web:example.com:user:alice')    // 'https://example.com/user/alice/did.json'
 * didWebUrl('did:web:localhost%3A8443')          // 'https://localhost:8443/.well-known/did.json'
 */
export function didWebUrl(did: string): string {
  const bare = did.split('#')[0] as string;
  const [host = '', ...path] = bare.startsWith('did:web:') ? bare.slice('did:web:'.length).split(':') : [];
  let domain = '';
  try {
    domain = decodeURIComponent(host);
  } catch {
    // leaves domain empty: refused below
  }
  // A host with an optional port, and path segments of DID characters that cannot climb out of the path.
  const valid =
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i.test(domain) &&
    path.every((segment) => /^[A-Za-z0-9._~%-]+$/.test(segment) && !/^\.+$/.test(segment));
  if (!valid) {
    throw new MicrocredError(
      ErrorCode.KEY_UNRESOLVED,
      `${bare} is not a did:web DID microcred can resolve: it needs a domain name (with an optional %3A-encoded port) and an optional colon-separated path.`,
      { url: did },
    );
  }
  return `https://${domain.toLowerCase()}/${path.length ? path.join('/') : '.well-known'}/did.json`;
}
