import { isJsonObject } from '../jsonPath.js';

/**
 * Adds to `into` every string under an "@context" key anywhere in `value`, and returns `into`.
 * Walked without recursion (a hostile document may nest deeply); over-collecting only means a URL
 * is never fetched, which is safe.
 */
export function collectContextUrls(value: unknown, into: Set<string>): Set<string> {
  const stack: [unknown, boolean][] = [[value, false]];
  while (stack.length) {
    const [node, inContext] = stack.pop() as [unknown, boolean];
    if (typeof node === 'string') {
      if (inContext) into.add(node);
    } else if (Array.isArray(node)) {
      for (const item of node) stack.push([item, inContext]);
    } else if (isJsonObject(node)) {
      for (const [key, item] of Object.entries(node)) stack.push([item, inContext || key === '@context']);
    }
  }
  return into;
}
