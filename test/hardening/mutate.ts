// Single changes to a signed JSON-LD credential, each labelled by construction with what the
// signature must make of it (./allowList.ts): the whole document, its contexts, the spelling of its
// terms, every value (./jsonChanges.ts), its proofs and its issuer. The runner
// (./mutationRunner.ts) verifies every one through verifyCredential.
import type { Mutation, MutationSources } from './allowList.js';
import {
  addedMembers,
  memberChanges,
  readAt,
  removeAt,
  render,
  reverseMembers,
  setAt,
  swap,
  type Doc,
  type Json,
  type Key,
} from './jsonChanges.js';

const OB_CONTEXTS = ['context.json', 'context-3.0.1.json', 'context-3.0.2.json', 'context-3.0.3.json'].map(
  (f) => `https://purl.imsglobal.org/spec/ob/v3p0/${f}`,
);
const VC_CONTEXTS = ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/v2'];
const EXTRA_CONTEXTS = [
  'https://w3id.org/security/data-integrity/v2',
  'https://w3id.org/security/suites/ed25519-2020/v1',
  'https://www.w3.org/ns/credentials/status/v1',
  'https://w3id.org/vc/status-list/2021/v1',
  'https://w3id.org/security/multikey/v1',
];

/** Every single change to `base` this suite makes, in a stable order. */
export function* mutationsOf(base: Doc, sources: MutationSources): Generator<Mutation> {
  yield* documentChanges(base);
  yield* addedMembers(base, []);
  yield* contextChanges(base);
  yield* respellings(base);
  for (const [key, value] of Object.entries(base)) {
    if (key === '@context' || key === 'proof') continue;
    yield* memberChanges(base, [key], value as Json);
  }
  yield* proofChanges(base, sources);
  yield* issuerSwaps(base, sources);
}

// --- whole document ---------------------------------------------------------------------------

function* documentChanges(base: Doc): Generator<Mutation> {
  yield {
    path: '(document)',
    change: "every object's members in reverse order",
    input: reverseMembers(base as Json),
    allowed: 'member-order',
  };
  yield {
    path: '(document)',
    change: 'JSON text indented with two spaces',
    input: JSON.stringify(base, null, 2),
    allowed: 'whitespace',
  };
  yield {
    path: '(document)',
    change: 'JSON text indented with tabs, CRLF line ends',
    input: JSON.stringify(base, null, '\t').replace(/\n/g, '\r\n'),
    allowed: 'whitespace',
  };
  // No JSON literal (true, false, null) contains an "o", so every "o" in the text is inside a string.
  yield {
    path: '(document)',
    change: 'every "o" in the JSON text written as \\u006f',
    input: JSON.stringify(base).replace(/o/g, '\\u006f'),
    allowed: 'escapes',
  };
}

// --- @context ---------------------------------------------------------------------------------

function* contextChanges(base: Doc): Generator<Mutation> {
  const context = base['@context'];
  if (!Array.isArray(context)) return;
  const at = (input: Doc, change: string, path = '@context'): Mutation => ({
    path,
    change,
    input,
    allowedIfSameStatements: true,
  });
  const withContext = (next: unknown) => ({ ...structuredClone(base), '@context': next });
  for (let i = 0; i < context.length; i++) {
    const url = context[i];
    const path = `@context[${i}]`;
    yield at(withContext(context.filter((_, j) => j !== i)), 'entry removed', path);
    for (const other of [...OB_CONTEXTS, ...VC_CONTEXTS]) {
      const family = OB_CONTEXTS.includes(url) ? OB_CONTEXTS : VC_CONTEXTS.includes(url) ? VC_CONTEXTS : [];
      if (other !== url && family.includes(other))
        yield at(withContext(context.map((c, j) => (j === i ? other : c))), `swapped for ${other}`, path);
    }
    yield at(
      withContext(context.map((c, j) => (j === i ? 'https://example.org/contexts/unknown/v1' : c))),
      'swapped for an unknown URL',
      path,
    );
    if (i + 1 < context.length) yield at(withContext(swap(context, i)), `entries ${i} and ${i + 1} swapped`, path);
    yield at(withContext([...context, url]), 'entry repeated at the end', path);
  }
  for (const extra of EXTRA_CONTEXTS) {
    if (!context.includes(extra)) yield at(withContext([...context, extra]), `${extra} added at the end`);
  }
  yield at(
    withContext([...context, { mutationAlias: 'https://schema.org/alternateName' }]),
    'an inline context defining an unused term added',
  );
  yield at(
    withContext([...context, { name: 'https://schema.org/alternateName' }]),
    'an inline context redefining "name" added',
  );
  yield at(withContext(context[0]), 'only its first entry, as a string');
  for (const value of [{}, 31337, null, []]) yield at(withContext(value), `type-changed to ${JSON.stringify(value)}`);
}

// --- keys written under another name -----------------------------------------------------------

const CRED = 'https://www.w3.org/2018/credentials#';
const DATE_TIME = 'http://www.w3.org/2001/XMLSchema#dateTime';
// IRIs of top-level terms in the VC contexts, and whether the term types its value as a date or an id.
const TERM_IRIS: Record<string, [string, 'date' | 'id' | 'plain']> = {
  validFrom: [`${CRED}validFrom`, 'date'],
  validUntil: [`${CRED}validUntil`, 'date'],
  issuanceDate: [`${CRED}issuanceDate`, 'date'],
  expirationDate: [`${CRED}expirationDate`, 'date'],
  issuer: [`${CRED}issuer`, 'id'],
  credentialStatus: [`${CRED}credentialStatus`, 'id'],
  credentialSubject: [`${CRED}credentialSubject`, 'id'],
  credentialSchema: [`${CRED}credentialSchema`, 'id'],
  name: ['https://schema.org/name', 'plain'],
  description: ['https://schema.org/description', 'plain'],
};

// Each top-level term written as its full IRI, and under an alias an added inline context defines,
// with its value in the explicit form the term's coercion implied.
function* respellings(base: Doc): Generator<Mutation> {
  const context = base['@context'];
  for (const [term, [iri, kind]] of Object.entries(TERM_IRIS)) {
    if (!(term in base) || !Array.isArray(context)) continue;
    const value = structuredClone(base[term]) as Json;
    const explicit = (v: Json): Json =>
      kind === 'date' && typeof v === 'string'
        ? { '@value': v, '@type': DATE_TIME }
        : kind === 'id' && typeof v === 'string'
          ? { '@id': v }
          : v;
    const spelled = Array.isArray(value) ? value.map(explicit) : explicit(value);
    const without = structuredClone(base);
    delete without[term];
    yield {
      path: term,
      change: 'key written as its full IRI',
      input: { ...without, [iri]: spelled },
      allowedIfSameStatements: true,
    };
    yield {
      path: term,
      change: 'key written as an alias an added context defines',
      input: { ...without, '@context': [...context, { mutationAlias: iri }], mutationAlias: spelled },
      allowedIfSameStatements: true,
    };
    yield {
      path: term,
      change: 'also stated under its full IRI',
      input: { ...structuredClone(base), [iri]: spelled },
      allowedIfSameStatements: true,
    };
  }
}

// --- proofs -----------------------------------------------------------------------------------

function* proofChanges(base: Doc, sources: MutationSources): Generator<Mutation> {
  const proof = base.proof as Json;
  const proofs = (Array.isArray(proof) ? proof : [proof]) as Doc[];
  const pathOf = (i: number): Key[] => (Array.isArray(proof) ? ['proof', i] : ['proof']);
  const withProofs = (next: Json): Doc => ({ ...structuredClone(base), proof: next });
  const forged = (p: Doc): Doc => ({ ...structuredClone(p), proofValue: flip(String(p.proofValue ?? ''), -1) });
  const donor = donorFor(base, sources);

  yield { path: 'proof', change: 'removed', input: removeAt(base, ['proof']) };
  if (donor)
    yield {
      path: 'proof',
      change: 'replaced by the proof of a credential of another issuer',
      input: withProofs(structuredClone(donor.proof as Json)),
    };
  yield {
    path: 'proof',
    change: 'a forged copy of the first proof added',
    input: withProofs([...(proofs as Json[]), forged(proofs[0] as Doc) as Json]),
  };
  if (!Array.isArray(proof)) {
    yield { path: 'proof', change: 'wrapped in a one-element array', input: withProofs([proof]), allowed: 'proof-set' };
    yield {
      path: 'proof',
      change: 'repeated in an array',
      input: withProofs([proof, structuredClone(proof)]),
      allowed: 'proof-set',
    };
  } else {
    for (let i = 0; i < proof.length; i++) {
      if (proof.length > 1)
        yield {
          path: `proof[${i}]`,
          change: 'removed from the proof set',
          input: withProofs(proof.filter((_, j) => j !== i)),
          allowed: 'proof-set',
        };
      yield {
        path: `proof[${i}]`,
        change: 'repeated at the end of the proof set',
        input: withProofs([...proof, structuredClone(proof[i] as Json)]),
        allowed: 'proof-set',
      };
      if (i + 1 < proof.length)
        yield {
          path: `proof[${i}]`,
          change: `proofs ${i} and ${i + 1} swapped`,
          input: withProofs(swap(proof, i)),
          allowed: 'proof-set',
        };
    }
  }
  for (let i = 0; i < proofs.length; i++) {
    const p = proofs[i] as Doc;
    const path = pathOf(i);
    const at = (change: string, next: Json): Mutation => ({
      path: render(path),
      change,
      input: setAt(base, path, next),
    });
    const changes: Mutation[] = [];
    for (const [k, v] of Object.entries(p)) changes.push(...memberChanges(base, [...path, k], v as Json));
    const value = String(p.proofValue ?? '');
    for (const [where, index] of [
      ['first', 1],
      ['middle', Math.floor(value.length / 2)],
      ['last', -1],
    ] as const) {
      changes.push(
        at(`proofValue: ${where} signature character changed`, { ...p, proofValue: flip(value, index) } as Json),
      );
    }
    changes.push(at('proofValue: last character dropped', { ...p, proofValue: value.slice(0, -1) } as Json));
    changes.push(at('proofValue: multibase prefix z changed to u', { ...p, proofValue: `u${value.slice(1)}` } as Json));
    changes.push(at('verificationMethod: another key', { ...p, verificationMethod: sources.otherKey.id } as Json));
    changes.push(
      at('verificationMethod: fragment changed', {
        ...p,
        verificationMethod: `${String(p.verificationMethod).split('#')[0]}#key-2`,
      } as Json),
    );
    changes.push(at('proofPurpose: authentication', { ...p, proofPurpose: 'authentication' } as Json));
    for (const cryptosuite of ['eddsa-jcs-2022', 'ecdsa-rdfc-2019', 'eddsa-2022'])
      changes.push(at(`cryptosuite: ${cryptosuite}`, { ...p, cryptosuite } as Json));
    for (const [field, fieldValue] of [
      ['domain', 'example.org'],
      ['challenge', 'mutation'],
      ['expires', '2099-01-01T00:00:00Z'],
      ['id', 'urn:uuid:6a1b1cf2-0ed6-4e3f-9f4a-4e0e3a8c1f00'],
      ['nonce', 'mutation'],
      ['previousProof', 'urn:uuid:6a1b1cf2-0ed6-4e3f-9f4a-4e0e3a8c1f01'],
    ] as const) {
      if (!(field in p)) changes.push(at(`${field} added`, { ...p, [field]: fieldValue } as Json));
    }
    // jsigs gives a proof without @context the credential's: the same proof options, so the same statements.
    changes.push({
      ...at("its own @context added (the credential's)", {
        '@context': structuredClone(base['@context']),
        ...p,
      } as Json),
      allowedIfSameStatements: true,
    });
    changes.push({
      ...at('its own @context added (VC 2.0 alone)', {
        '@context': 'https://www.w3.org/ns/credentials/v2',
        ...p,
      } as Json),
      allowedIfSameStatements: true,
    });
    if (proofs.length > 1)
      for (const value of [31337, null, {}, 'mutation'])
        changes.push(at(`replaced by ${JSON.stringify(value)}`, value));
    for (const change of changes) {
      // In a set, a proof turned into one microcred does not implement is not checked (see ALLOWED).
      if (proofs.length > 1 && !change.allowed && !checkable(readAt(change.input as Doc, path)))
        change.allowed = 'unchecked-proof';
      yield change;
    }
  }
}

// The proofs microcred verifies, decided here from the proof alone (not by asking microcred).
function checkable(proof: unknown): boolean {
  if (proof === null || typeof proof !== 'object' || Array.isArray(proof)) return false;
  const { type, cryptosuite } = proof as Doc;
  return (type === 'DataIntegrityProof' && cryptosuite === 'eddsa-rdfc-2022') || type === 'Ed25519Signature2020';
}

// A different base58btc character at `index` (negative counts from the end).
function flip(value: string, index: number): string {
  if (value.length < 2) return `${value}2`;
  const i = index < 0 ? value.length + index : index;
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const next = alphabet[(alphabet.indexOf(value[i] as string) + 1) % alphabet.length] as string;
  return value.slice(0, i) + next + value.slice(i + 1);
}

// --- issuer -----------------------------------------------------------------------------------

function* issuerSwaps(base: Doc, sources: MutationSources): Generator<Mutation> {
  const issuer = base.issuer as Json;
  const path: Key[] = typeof issuer === 'string' ? ['issuer'] : ['issuer', 'id'];
  yield {
    path: render(path),
    change: 'issuer swapped for another DID',
    input: setAt(base, path, sources.otherKey.controller),
  };
  const both = setAt(base, path, sources.otherKey.controller);
  const proofs = Array.isArray(both.proof) ? both.proof : [both.proof];
  for (const p of proofs as Doc[]) p.verificationMethod = sources.otherKey.id;
  yield {
    path: render(path),
    change: 'issuer and every verificationMethod swapped for another DID and its key',
    input: both,
  };
  const donor = donorFor(base, sources);
  if (donor)
    yield {
      path: 'issuer',
      change: 'replaced by the issuer of another credential',
      input: setAt(base, ['issuer'], structuredClone(donor.issuer as Json)),
    };
}

// A credential of another issuer: its statements differ from `base`'s at least in the issuer.
function donorFor(base: Doc, sources: MutationSources): Doc | undefined {
  const issuerId = (doc: Doc) => (typeof doc.issuer === 'string' ? doc.issuer : (doc.issuer as Doc | undefined)?.id);
  return sources.donors.find((d) => issuerId(d) !== issuerId(base));
}
