import jsonld from 'jsonld';
import type { DocumentLoader } from './documentLoader.js';

// The top-level fields a verifier reads as JSON to reach its verdict: who issued, when the
// credential is valid, where its status and schema are. The signature covers statements, not JSON
// keys, so the same statement can also be written under the term's full IRI or an alias an added
// context defines; the JSON reader would then not see it (an expired credential would read as
// never expiring, a status entry as absent). Each such field must carry all of its statements.
const READ_FIELDS = ['issuer', 'validFrom', 'validUntil', 'issuanceDate', 'expirationDate', 'credentialStatus', 'credentialSchema'] as const;

const PROBE = 'urn:microcred:probe:';

/**
 * The read fields of `document` whose statements in `expanded` (its expansion) are not all given
 * under the field's own term, e.g. `["validUntil"]` when a validUntil statement is written under
 * `https://www.w3.org/2018/credentials#validUntil`. Empty when every statement is where it is read.
 */
export async function fieldsStatedElsewhere(document: Record<string, unknown>, expanded: unknown[], loader: DocumentLoader): Promise<string[]> {
  const node = expanded.length === 1 ? (expanded[0] as Record<string, unknown[]>) : undefined;
  if (!node) return [];
  // The read fields alone, as the JSON gives them (a probe value for the absent ones, to learn
  // their IRIs), under the same contexts and types (VC 2.0 defines them in a type-scoped context).
  const probe: Record<string, unknown> = { '@context': document['@context'], type: document.type };
  for (const field of READ_FIELDS) probe[field] = document[field] ?? `${PROBE}${field}`;
  const [read] = await jsonld.expand(probe, { documentLoader: loader.load });
  if (!read) return [];
  const hidden: string[] = [];
  for (const [iri, values] of Object.entries(read as Record<string, unknown[]>)) {
    if (iri.startsWith('@')) continue;
    // A field the JSON lacks must have no statement at all; a field it has, exactly its own.
    const expected = values.some((v) => isProbe(v)) ? [] : values;
    if (!sameValues(node[iri] ?? [], expected)) {
      const name = iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
      hidden.push((READ_FIELDS as readonly string[]).includes(name) ? name : iri);
    }
  }
  return hidden;
}

function isProbe(value: unknown): boolean {
  const v = value as { '@id'?: unknown; '@value'?: unknown };
  return [v['@id'], v['@value']].some((x) => typeof x === 'string' && x.startsWith(PROBE));
}

function sameValues(a: unknown[], b: unknown[]): boolean {
  const key = (values: unknown[]) => values.map((v) => JSON.stringify(v)).sort().join('\n');
  return key(a) === key(b);
}
