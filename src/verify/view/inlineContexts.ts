import { isJsonObject, joinPath } from '../../jsonPath.js';

/**
 * The JSON path of every inline context in `document`: an object given as (or in) an `@context`,
 * at the top or on any nested node, e.g. `@context[2]` or `credentialSubject.@context`. Context
 * URLs are not listed: they name published (bundled) contexts.
 */
export function inlineContextPaths(document: unknown): string[] {
  const found: string[] = [];
  const pending: [unknown, string][] = [[document, '']];
  while (pending.length > 0) {
    const [value, path] = pending.shift() as [unknown, string];
    if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push([item, joinPath(path, i)]));
      continue;
    }
    if (!isJsonObject(value)) continue;
    for (const [key, child] of Object.entries(value)) {
      const at = joinPath(path, key);
      if (key === '@context') {
        const entries = Array.isArray(child) ? child : [child];
        entries.forEach((entry, i) => {
          if (isJsonObject(entry)) found.push(Array.isArray(child) ? joinPath(at, i) : at);
        });
      } else {
        pending.push([child, at]);
      }
    }
  }
  return found;
}
