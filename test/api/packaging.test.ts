// What the published package promises, read from package.json and LICENSE: every subpath resolves
// under TypeScript's old `moduleResolution: node` too, and the metadata a registry shows is there.
// (The full check, run by `npm run pack:check`, is publint and are-the-types-wrong on the tarball.)
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  license: string;
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  exports: Record<string, { import?: { types: string } } | string>;
  typesVersions: Record<string, Record<string, string[]>>;
  scripts: Record<string, string>;
};

describe('package.json', () => {
  it('maps every subpath export in typesVersions to the same declarations (node10 has no "exports")', () => {
    const subpaths = Object.entries(pkg.exports).filter(([path, target]) => path !== '.' && typeof target === 'object');
    expect(subpaths.map(([path]) => path)).toEqual(['./node', './postgres', './http', './element', './verify']);
    for (const [path, target] of subpaths) {
      expect(pkg.typesVersions['*']?.[path.slice(2)]).toEqual([(target as { import: { types: string } }).import.types]);
    }
  });

  it('names the repository, home page and issue tracker', () => {
    expect(pkg.repository.url).toBe('git+https://github.com/microcred/microcred.git');
    expect(pkg.homepage).toMatch(/^https:\/\/github\.com\/microcred\/microcred/);
    expect(pkg.bugs.url).toBe('https://github.com/microcred/microcred/issues');
  });

  it('checks the tarball in every resolution mode, not only node16', () => {
    expect(pkg.scripts['pack:check']).toContain('attw --pack .');
    expect(pkg.scripts['pack:check']).not.toContain('--profile');
  });
});

describe('LICENSE', () => {
  it('is the MIT licence package.json declares, held by the microcred authors', () => {
    const license = read('LICENSE');
    expect(pkg.license).toBe('MIT');
    expect(license).toMatch(/^MIT License\n/);
    expect(license).toContain('Copyright (c) 2026 the microcred authors');
  });
});
