// The shape of src/: no import cycle anywhere, and no module importing from a layer above its own
// (LAYERS in eslint.config.js, which also enforces it while editing). Imports are read with the
// TypeScript compiler's own pre-processor and resolved to files exactly, type-only imports included:
// a type that crosses a layer upwards is a dependency all the same.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

interface Exemption {
  from: string;
  to: string;
  reason: string;
}

let LAYERS: string[][];
let EXEMPTIONS: Exemption[];
/** An import of a src/ module; `typeOnly` when TypeScript erases it (nothing is loaded at run time). */
interface Import {
  to: string;
  typeOnly: boolean;
}

let graph: Map<string, Import[]>;

beforeAll(async () => {
  // A .js config, read at run time (its types are not part of the project).
  const config = (await import('../eslint.config.js' as string)) as {
    LAYERS: string[][];
    LAYER_EXEMPTIONS: Exemption[];
  };
  ({ LAYERS, LAYER_EXEMPTIONS: EXEMPTIONS } = config);
  graph = importGraph();
});

/** Every .ts module of src/ (src/-relative, with forward slashes) and the src/ modules it imports. */
function importGraph(): Map<string, Import[]> {
  const files = listTs(SRC).filter((f) => !f.endsWith('.d.ts'));
  return new Map(files.map((file) => [file, importsOf(file)]));
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path).split(sep).join('/')] : [];
  });
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(join(SRC, file), 'utf8'), ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteral(specifier))
      for (const to of resolve(file, specifier.text)) found.push({ to, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      // Erased at run time: `import type …`, or only `type` specifiers and no default import.
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolve(from: string, specifier: string): string[] {
  // package.json "imports": the runtime is chosen by condition; both are src/runtime/.
  if (specifier === '#runtime') return ['runtime/node.ts', 'runtime/browser.ts'];
  if (!specifier.startsWith('.')) return [];
  const target = join(dirname(from), specifier).split(sep).join('/');
  if (target.endsWith('.json')) return [];
  const ts = target.replace(/\.js$/, '.ts');
  if (!existsSync(join(SRC, ts))) throw new Error(`${from} imports ${specifier}, which is not a module of src/`);
  return [ts];
}

/** The folder or top-level module a file belongs to: `verify/checks/parse.ts` → `verify`, `errors.ts` → `errors`. */
function unitOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : file.replace(/\.ts$/, '');
}

function layerOf(file: string): number {
  return LAYERS.findIndex((names) => names.includes(unitOf(file)));
}

function exempt(from: string, to: string): boolean {
  return EXEMPTIONS.some((e) => e.from === from && unitOf(to) === e.to);
}

/** Each import cycle once, as the files around it (strongly connected components, Tarjan). */
function cycles(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the architecture of src/', () => {
  it('reads a real graph: hundreds of modules, the verifier importing its checks', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('verify/pipeline.ts')).toContainEqual({ to: 'verify/checks/parse.ts', typeOnly: false });
    expect(graph.get('verify/check.ts')).toContainEqual({ to: 'jwt/decode.ts', typeOnly: true });
  });

  it('every folder and top-level module of src/ has a layer', () => {
    const units = [...new Set([...graph.keys()].map(unitOf))];
    expect(units.filter((unit) => LAYERS.every((names) => !names.includes(unit)))).toEqual([]);
  });

  it('no module imports from a layer above its own', () => {
    const upward: string[] = [];
    for (const [from, imports] of graph) {
      for (const { to } of imports) {
        if (layerOf(to) > layerOf(from) && !exempt(from, to)) upward.push(`${from} → ${to}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycle at run time (the exempted imports left out)', () => {
    const loaded = new Map(
      [...graph].map(([from, imports]) => [
        from,
        imports.filter((i) => !i.typeOnly && !exempt(from, i.to)).map((i) => i.to),
      ]),
    );
    expect(cycles(loaded)).toEqual([]);
  });

  it('every exemption is still needed: remove it from eslint.config.js once its import is gone', () => {
    for (const { from, to } of EXEMPTIONS) {
      expect(
        graph.get(from)?.some((i) => unitOf(i.to) === to),
        `${from} no longer imports ${to}/`,
      ).toBe(true);
    }
  });

  it('finds a cycle when there is one (the detector itself)', () => {
    const made = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(made)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  describe('the ESLint rule says the same while editing', () => {
    const lint = async (filePath: string, code: string) => {
      const [result] = await new ESLint().lintText(code, { filePath: join(SRC, filePath) });
      return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
    };

    it.each([
      ['jwt/decode.ts', "import type { VerifyContext } from '../verify/check.js';\n"],
      ['errors.ts', "import { verifyCredential } from './index.js';\n"],
      ['bake/svg/svg.ts', "import { issueCredential } from '../../issue/issueCredential.js';\n"],
      ['status/entry.ts', "import { verifyCredential } from '../verify/verifyCredential.js';\n"],
    ])('an upward import in %s is an error', async (file, code) => {
      expect(await lint(file, code)).toBe(1);
    });

    it.each([
      ['verify/checks/parse.ts', "import { decodeJwt } from '../../jwt/decode.js';\n"],
      ['jwt/decode.ts', "import { typOf } from './header.js';\n"],
    ])('a downward, same-folder or exempted import in %s is not', async (file, code) => {
      expect(await lint(file, code)).toBe(0);
    });
  });
});
