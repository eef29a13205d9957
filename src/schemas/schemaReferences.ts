// The generated validators name the schema (and its subschemas) they were compiled from, for the
// `schema` and `parentSchema` of their errors. ajv writes each as a JSON literal: a second copy of
// the bundled schema in every compiled file. This rewrites each literal that is a part of the
// bundled schema into a reference to that part of the one copy (src/schemas/bundled.ts).

/** `source` with every `const schemaN = {…};` that equals a part of `root` read from `root` by JSON pointer. */
export function referToBundledSchema(source: string, root: unknown, rootExpression: string): string {
  const byText = new Map<string, string>();
  walk(root, '', (value, pointer) => {
    const text = JSON.stringify(value);
    if (!byText.has(text)) byText.set(text, pointer);
  });
  let out = '';
  let from = 0;
  const declaration = /const (schema\d+) = \{/g;
  for (let match = declaration.exec(source); match; match = declaration.exec(source)) {
    const open = match.index + match[0].length - 1;
    const close = endOfJsonObject(source, open);
    if (close === undefined || source[close + 1] !== ';') continue;
    const pointer = byText.get(source.slice(open, close + 1));
    if (pointer === undefined) continue;
    out += `${source.slice(from, match.index)}const ${match[1]} = ${expressionFor(rootExpression, pointer)}`;
    from = close + 1;
    declaration.lastIndex = close + 1;
  }
  return out + source.slice(from);
}

function walk(value: unknown, pointer: string, visit: (value: object, pointer: string) => void): void {
  if (typeof value !== 'object' || value === null) return;
  visit(value, pointer);
  for (const [key, child] of Object.entries(value)) walk(child, `${pointer}/${key}`, visit);
}

// A property path (`root["$defs"]["Profile"]`) rather than a lookup at run time: plain property reads.
function expressionFor(root: string, pointer: string): string {
  return root + pointer.split('/').slice(1).map((key) => `[${JSON.stringify(key)}]`).join('');
}

// The index of the `}` closing the JSON object that opens at `open`, strings skipped.
function endOfJsonObject(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return undefined;
}
