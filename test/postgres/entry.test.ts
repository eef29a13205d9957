import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every module specifier `file` imports (static, dynamic, type-only or re-exported). */
function specifiers(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** The source files `entry` reaches through relative imports, and the packages they name. */
function importGraph(entry: string): { files: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [join(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of specifiers(file)) {
      if (specifier.startsWith('.')) queue.push(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (!specifier.startsWith('#') && !specifier.endsWith('.json'))
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  }
  return { files: [...seen].map((f) => relative(root, f)), packages };
}

describe('microcred/postgres entry point', () => {
  it('keeps pg out of the main entry point, which never reaches src/postgres', () => {
    const main = importGraph('src/index.ts');
    expect(main.files.length).toBeGreaterThan(20);
    expect(main.files.filter((f) => f.startsWith('src/postgres/'))).toEqual([]);
    expect(main.packages).not.toContain('pg');
    // The walk does see pg where it is used.
    expect(importGraph('src/postgres/index.ts').packages).toContain('pg');
  });

  it('is published as microcred/postgres, with types for import and require, and pg as an optional peer', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['./postgres']).toEqual({
      import: { types: './dist/postgres.d.ts', default: './dist/postgres.js' },
      require: { types: './dist/postgres.d.cts', default: './dist/postgres.cjs' },
    });
    expect(pkg.peerDependencies.pg).toBeDefined();
    expect(pkg.peerDependenciesMeta.pg).toEqual({ optional: true });
    expect(pkg.dependencies.pg).toBeUndefined();
  });
});
