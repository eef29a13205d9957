import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isListName, type StatusListSource } from './statusLists.js';

const LIST_TYPES = ['BitstringStatusListCredential', 'StatusList2021Credential'];

/**
 * The status list credentials in a folder written by `microcred status publish --out DIR`, read at
 * each request so that a new publish is served at once. Only files that are status list
 * credentials are served (the folder's own record of the last publish, or any other file, is not),
 * and a name can only reach a file directly in the folder.
 *
 * @example
 * createVerifierHandler({ statusLists: statusListDirectory('status-lists') })
 */
export function statusListDirectory(dir: string): StatusListSource {
  return {
    async find(name) {
      if (!isListName(name)) return undefined;
      let text: string;
      try {
        text = await readFile(join(dir, name), 'utf8');
      } catch {
        return undefined;
      }
      return isStatusListCredential(text) ? text : undefined;
    },
  };
}

function isStatusListCredential(text: string): boolean {
  try {
    const type = (JSON.parse(text) as { type?: unknown }).type;
    return Array.isArray(type) && type.some((t) => LIST_TYPES.includes(t as string));
  } catch {
    return false;
  }
}
