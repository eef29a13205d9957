// Issuing adds `credentialStatus` after the preflight has expanded the credential (a status index is
// spent only on a credential that may be signed). Expanding the whole credential again for one member
// is what the one pass avoids: a member of the top node is expanded under the node's context alone
// (its @context, then the contexts scoped to its types), so a probe holding that @context, those
// types and the new member expands it exactly as it would be expanded in place.
import jsonld from 'jsonld';
import { isJsonObject } from '../../jsonPath.js';
import type { LoadsDocuments } from '../../contexts/documentLoader.js';
import type { Expansion } from './documentGraph.js';
import { expandCompiled } from './compiled/compiledExpansion.js';

/**
 * The expansion of `document` (which is `expansion.document` with the one member `name` added), or
 * undefined when it cannot be had that way: the caller then leaves the document to the library.
 */
export async function withAddedMember(
  expansion: Expansion,
  document: Record<string, unknown>,
  name: string,
  loader: LoadsDocuments,
): Promise<Expansion | undefined> {
  const before = expansion.document;
  const keys = Object.keys(document);
  // Exactly one member more, every other one the very value that was expanded.
  if (name in before || !(name in document) || keys.length !== Object.keys(before).length + 1) return undefined;
  if (!keys.every((k) => k === name || (Object.hasOwn(before, k) && before[k] === document[k]))) return undefined;
  const [top] = expansion.expanded;
  if (expansion.expanded.length !== 1 || !isJsonObject(top)) return undefined;
  const probe: Record<string, unknown> = { '@context': document['@context'], [name]: document[name] };
  for (const type of ['type', '@type']) if (type in document) probe[type] = document[type];
  let expanded: unknown[];
  try {
    const compiled = await expandCompiled(probe, loader);
    expanded =
      'expanded' in compiled
        ? compiled.expanded
        : await jsonld.expand(probe, { documentLoader: loader.load, safe: true });
  } catch {
    return undefined;
  }
  const [node] = expanded;
  if (expanded.length !== 1 || !isJsonObject(node)) return undefined;
  // The probe's node must be the same node (same types) with one new property, absent before.
  const added = Object.keys(node).filter((k) => k !== '@type');
  const [iri] = added;
  if (iri === undefined || added.length !== 1 || iri.startsWith('@') || iri in top) return undefined;
  if (JSON.stringify(node['@type']) !== JSON.stringify(top['@type'])) return undefined;
  return { document: { ...document }, expanded: [{ ...top, [iri]: node[iri] }] };
}
