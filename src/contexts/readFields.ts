import jsonld from 'jsonld';
import { CONTEXT } from '../model/constants.js';
import type { LoadsDocuments } from './documentLoader.js';

// The top-level fields a verifier reads as JSON to reach its verdict: who issued, when the
// credential is valid, where its status and schema are. The signature covers statements, not JSON
// keys, so the same statement can also be written under the term's full IRI or an alias an added
// context defines; the JSON reader would then not see it (an expired credential would read as
// never expiring, a status entry as absent). Each such field must carry all of its statements.
const READ_FIELDS = ['issuer', 'validFrom', 'validUntil', 'credentialStatus', 'credentialSchema'];
// VC 1.1 also names the dates issuanceDate and expirationDate; VC 2.0 does not define them.
const READ_FIELDS_V1 = [...READ_FIELDS, 'issuanceDate', 'expirationDate'];

// VC 1.1 and 2.0 both name these properties in this namespace, and protect the terms: with the VC
// context first (the jsonld check requires it), no later context can map them elsewhere.
const CREDENTIALS = 'https://www.w3.org/2018/credentials#';

// Keywords a JSON value may carry and still give exactly one statement.
const SINGLE_VALUE_KEYWORDS = new Set(['@id', '@type', '@value', '@language', '@direction', '@context', '@index']);

/**
 * The read fields of `document` whose statements in `expanded` (its expansion) are not all given
 * under the field's own term, e.g. `["validUntil"]` when a validUntil statement is written under
 * `https://www.w3.org/2018/credentials#validUntil`. Empty when every statement is where it is read.
 */
export async function fieldsStatedElsewhere(document: Record<string, unknown>, expanded: unknown[], loader: LoadsDocuments): Promise<string[]> {
  const node = expanded.length === 1 ? (expanded[0] as Record<string, unknown[]>) : undefined;
  if (!node) return [];
  const context = document['@context'];
  const fields = Array.isArray(context) && context[0] === CONTEXT.VC_V1 ? READ_FIELDS_V1 : READ_FIELDS;
  // The common case costs nothing: each JSON value gives one statement, so equal counts mean
  // nothing was added under another name. Only values of unusual shape need the exact comparison.
  let unusual = false;
  const miscounted: string[] = [];
  for (const field of fields) {
    const count = statementCount(document[field]);
    if (count === undefined) unusual = true;
    else if ((node[`${CREDENTIALS}${field}`]?.length ?? 0) !== count) miscounted.push(field);
  }
  if (miscounted.length > 0 || !unusual) return miscounted;

  // Exactly: the read fields alone, under the same contexts and types (VC 2.0 defines them in a
  // type-scoped context), must give the same statements as the whole credential does.
  const alone: Record<string, unknown> = { '@context': document['@context'], type: document.type };
  for (const field of fields) if (document[field] !== undefined) alone[field] = document[field];
  const [read] = (await jsonld.expand(alone, { documentLoader: loader.load })) as Record<string, unknown[]>[];
  return fields.filter((field) => !sameValues(node[`${CREDENTIALS}${field}`] ?? [], read?.[`${CREDENTIALS}${field}`] ?? []));
}

// How many statements a JSON value gives under its term: one per non-null value, arrays flattened;
// undefined when its shape (a @set, @list, @graph, a null @value…) makes that uncertain.
function statementCount(value: unknown): number | undefined {
  if (value === undefined || value === null) return 0;
  if (Array.isArray(value)) {
    let total = 0;
    for (const item of value) {
      const count = statementCount(item);
      if (count === undefined) return undefined;
      total += count;
    }
    return total;
  }
  if (typeof value === 'object') {
    if (Object.keys(value).some((k) => k.startsWith('@') && !SINGLE_VALUE_KEYWORDS.has(k))) return undefined;
    if ((value as { '@value'?: unknown })['@value'] === null) return undefined;
  }
  return 1;
}

function sameValues(a: unknown[], b: unknown[]): boolean {
  const key = (values: unknown[]) => values.map((v) => JSON.stringify(v)).sort().join('\n');
  return key(a) === key(b);
}
