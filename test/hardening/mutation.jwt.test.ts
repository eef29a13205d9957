// Mutation suite, VC-JWT (EdDSA, ES256, RS256; a kid to a did:key or a did:web DID document, or a
// jwk in the header): every change to the header, payload or signature bytes, to a claim, the
// algorithm or the key is rejected (jwtMutations.ts); only whitespace around the token may verify.
import { DocumentLoader, didWebDocument, generateKey, issueCredential, type Key } from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';
import { decodePart, partsOf, signByHand, testKey } from '../jwt/helpers.js';
import { richCredential } from './corpus.js';
import { jwtMutationsOf } from './jwtMutations.js';
import { defineMutationSuite, type MutationCase } from './mutationRunner.js';

const DOMAIN = 'pd.example.org';
const NAMES = [
  'EdDSA, did:key',
  'EdDSA, did:key, rich credential',
  'ES256, did:key',
  'RS256, kid in a did:web document',
  'RS256, jwk in the header, listed by the issuer',
];

defineMutationSuite('vc-jwt', NAMES, async () => {
  const [ed25519, p256, rsa, bare] = await Promise.all([
    generateKey(),
    generateKey({ type: 'p256' }),
    generateKey({ type: 'rsa' }),
    generateKey({ type: 'rsa' }),
  ]);
  const did = `did:web:${DOMAIN}`;
  const web = rsa.withController(did);
  const loader = () => new DocumentLoader({ documents: { [did]: didWebDocument(DOMAIN, [web, bare]) } });
  const issue = (key: Key, rich = false) => {
    const issuer = { controller: key.controller ?? did };
    return issueCredential(
      (rich ? richCredential(issuer) : unsignedCredential(issuer, { validUntil: '2030-01-15T09:00:00Z' })) as never,
      { key, format: 'jwt', now: NOW },
    );
  };
  const tokens = [
    await issue(ed25519),
    await issue(ed25519, true),
    await issue(p256),
    await issue(web),
    await issue(bare),
  ];
  const outsider = await testKey('ES256');
  const cases: MutationCase[] = [];
  for (const [i, jwt] of tokens.entries()) {
    const [header, payload] = partsOf(jwt).slice(0, 2).map(decodePart) as [
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    const forgeries = [
      {
        change: 're-signed by an outsider, its public key in a jwk header',
        jwt: await signByHand({ alg: 'ES256', typ: 'JWT', jwk: outsider.publicJwk }, payload, outsider),
      },
      {
        change: "re-signed by an outsider under the issuer's kid",
        jwt: await signByHand({ ...header, alg: 'ES256' }, payload, outsider),
      },
    ];
    const sources = { otherJwt: tokens[(i + 2) % tokens.length] as string, forgeries };
    cases.push({
      name: NAMES[i] as string,
      input: jwt,
      loader: loader(),
      mutations: () => jwtMutationsOf(jwt, sources),
    });
  }
  return cases;
});
