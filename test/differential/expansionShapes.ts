// Shapes beyond the generated credentials' for the compiled expansion's differential test: JSON-LD
// constructs written out (value objects, keyword members, @json, @list, blank nodes, null and empty
// values, the catch-all vocabulary) that the compiled path must expand exactly as jsonld does, and
// constructs it must leave to jsonld (undefined terms, relative IRIs, @direction, @nest, @reverse,
// @included, a top-level @graph, a protected term redefined, an inline context).
import fc from 'fast-check';
import { usualCredential, type Generated } from './credentials.js';

type Json = Record<string, unknown>;

/** What the compiled path must do with a shape: take it, or leave it to jsonld. */
export type Expected = 'compiled' | 'fallback';

/** A generated credential after one change, with what the compiled path must do with it. */
export interface Shaped {
  document: Json;
  change: string;
  expected: Expected;
}

const UNDEFINED_TERMS = 'https://www.w3.org/ns/credentials/undefined-terms/v2';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }));
const language = fc.constantFrom('en', 'fr-CA', 'ZH-hant', 'de-DE-1996', 'x-private');
const json: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

function subjectOf(doc: Json): Json {
  return [doc.credentialSubject].flat()[0] as Json;
}

function achievementOf(doc: Json): Json {
  return subjectOf(doc).achievement as Json;
}

function isV2(doc: Json): boolean {
  return (doc['@context'] as string[])[0] === VC_V2;
}

type Change = [string, Expected, (doc: Json) => void];

// Each change is a function of generated values, applied to a copy of a usual credential.
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.tuple(text, language).map(([value, lang]): Change => [
    'language-tagged name',
    'compiled',
    (doc) => {
      doc.name = { '@value': value, '@language': lang };
    },
  ]),
  fc.tuple(text, language).map(([value, lang]): Change => [
    'language-tagged values in a list',
    'compiled',
    (doc) => {
      achievementOf(doc).description = [{ '@value': value, '@language': lang }, value, { '@value': value }];
    },
  ]),
  fc.constantFrom('en_US', '1234567890', '').map((lang): Change => [
    'a language tag jsonld refuses in safe mode',
    'fallback',
    (doc) => {
      doc.name = { '@value': 'x', '@language': lang };
    },
  ]),
  fc.constant<Change>([
    'a base direction',
    'fallback',
    (doc) => {
      doc.name = { '@value': 'שלום', '@language': 'he', '@direction': 'rtl' };
    },
  ]),
  fc
    .constantFrom('xsd:dateTime', 'http://www.w3.org/2001/XMLSchema#string', 'https://example.org/custom')
    .map((type): Change => [
      'a typed value object',
      'compiled',
      (doc) => {
        doc.description = { '@value': '2026-01-15T09:00:00Z', '@type': type };
      },
    ]),
  fc.tuple(json, fc.boolean()).map(([value, withRef]): Change => [
    'a JSON literal (@json) in a JsonSchema',
    'compiled',
    (doc) => {
      if (!isV2(doc)) return;
      doc.credentialSchema = [
        {
          id: 'https://pd.example.org/schema.json',
          type: 'JsonSchema',
          ...(withRef ? { jsonSchema: value } : { jsonSchema: { $schema: 'x', n: [1, -0, 2.5e300], s: 'é' } }),
        },
      ];
    },
  ]),
  fc
    .array(fc.oneof(text, fc.integer(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true })), {
      maxLength: 4,
    })
    .map((values): Change => [
      'an @list container (allowedValue) with mixed values',
      'compiled',
      (doc) => {
        achievementOf(doc).resultDescription = [
          { type: 'ResultDescription', name: 'r', resultType: 'Status', allowedValue: values },
        ];
      },
    ]),
  fc.constant<Change>([
    'nested arrays in an @list container (lists of lists)',
    'compiled',
    (doc) => {
      achievementOf(doc).resultDescription = [
        { type: 'ResultDescription', name: 'r', resultType: 'Status', allowedValue: [['a', ['b']], 'c', [], null] },
      ];
    },
  ]),
  fc.constant<Change>([
    'keywords written out (@id, @type)',
    'compiled',
    (doc) => {
      const subject = subjectOf(doc);
      const { type, id, ...rest } = subject;
      for (const k of Object.keys(subject)) delete subject[k];
      Object.assign(subject, { '@type': type, ...(id === undefined ? {} : { '@id': id }), ...rest });
    },
  ]),
  fc.constant<Change>([
    'blank node identifiers',
    'compiled',
    (doc) => {
      doc.evidence = [
        { id: '_:b0', type: 'Evidence', name: 'one' },
        { id: '_:b1', type: ['Evidence'], narrative: 'two' },
      ];
    },
  ]),
  fc.constant<Change>([
    'null members and empty arrays',
    'compiled',
    (doc) => {
      doc.description = null;
      achievementOf(doc).tag = [];
      achievementOf(doc).alignment = [];
    },
  ]),
  fc.constant<Change>([
    'nested arrays',
    'compiled',
    (doc) => {
      achievementOf(doc).tag = [['a', ['b']], 'c', []];
    },
  ]),
  fc.constant<Change>([
    'booleans and numbers',
    'compiled',
    (doc) => {
      subjectOf(doc).creditsEarned = 0.5;
      subjectOf(doc).identifier = {
        type: 'IdentityObject',
        identityHash: 'h',
        identityType: 'emailAddress',
        hashed: false,
      };
    },
  ]),
  fc.constant<Change>([
    'a type written as an IRI (no type-scoped context)',
    'compiled',
    (doc) => {
      doc.evidence = { type: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Evidence', name: 'x' };
    },
  ]),
  fc.constant<Change>([
    'the undefined-terms vocabulary and a term it catches',
    'compiled',
    (doc) => {
      if (!isV2(doc)) return;
      doc['@context'] = [...(doc['@context'] as string[]), UNDEFINED_TERMS];
      subjectOf(doc).favouriteColour = 'teal';
    },
  ]),
  fc.constantFrom('favouriteColour', 'Name', 'credentialsubject').map((term): Change => [
    'an undefined term',
    'fallback',
    (doc) => {
      subjectOf(doc)[term] = 'x';
    },
  ]),
  fc.constantFrom('relative/path', '#fragment', '', 'has space:x y').map((id): Change => [
    'a relative or odd @id',
    'fallback',
    (doc) => {
      subjectOf(doc).id = id;
    },
  ]),
  fc.constantFrom('Unknowntype', 'relative').map((type): Change => [
    'an undefined type',
    'fallback',
    (doc) => {
      doc.evidence = { type, name: 'x' };
    },
  ]),
  fc.constantFrom('@nest', '@reverse', '@included', '@index').map((keyword): Change => [
    `the keyword ${keyword}`,
    'fallback',
    (doc) => {
      subjectOf(doc)[keyword] = keyword === '@index' ? 'i' : { name: 'x' };
    },
  ]),
  fc.constant<Change>([
    'a top-level @graph',
    'fallback',
    (doc) => {
      doc['@graph'] = [{ id: 'https://pd.example.org/n', name: 'n' }];
    },
  ]),
  fc.constant<Change>([
    'an inline context redefining a protected term',
    'fallback',
    (doc) => {
      subjectOf(doc)['@context'] = { name: 'https://example.org/other#name' };
    },
  ]),
  fc.constant<Change>([
    'an empty node where it cannot stand alone (a proof with only an id)',
    'fallback',
    (doc) => {
      doc.proof = { id: 'urn:uuid:1' };
    },
  ]),
  fc.constant<Change>([
    'a free-floating value in a graph',
    'fallback',
    (doc) => {
      doc.proof = 'just text';
    },
  ]),
  fc.constant<Change>([
    'a type that is not a string',
    'fallback',
    (doc) => {
      doc.evidence = { type: ['Evidence', 5], name: 'x' };
    },
  ]),
);

/** A usual credential changed by one shape, mostly ones the compiled path must take. */
export const shapedCredential: fc.Arbitrary<Shaped> = fc
  .tuple(usualCredential, change)
  .map(([{ document }, [name, expected, apply]]: [Generated, Change]) => {
    const copy = structuredClone(document);
    apply(copy);
    return { document: copy, change: name, expected };
  });
