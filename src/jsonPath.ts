// JSON paths in the dotted form people read in messages: `credentialSubject.result[0].achievedLevel`.

/** Appends a key or index to a path. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/** The path of the first property named `key` in `value` (depth-first), or undefined. */
export function pathOfKey(value: unknown, key: string, base = ''): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfKey(value[i], key, joinPath(base, i));
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === key) return joinPath(base, k);
      const found = pathOfKey(v, key, joinPath(base, k));
      if (found) return found;
    }
  }
  return undefined;
}

/** The path of the first `type` (or `@type`) property naming `name`, e.g. `proof[1].type`, or undefined. */
export function pathOfType(value: unknown, name: string, base = ''): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfType(value[i], name, joinPath(base, i));
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'type' || k === '@type') && (v === name || (Array.isArray(v) && v.includes(name)))) {
        return Array.isArray(v) ? joinPath(joinPath(base, k), v.indexOf(name)) : joinPath(base, k);
      }
      const found = pathOfType(v, name, joinPath(base, k));
      if (found) return found;
    }
  }
  return undefined;
}
