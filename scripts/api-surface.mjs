// Counts what each entry point of the built package exports: the values a program can import at run
// time (from dist/<entry>.js) and the types its declarations add (dist/<entry>.d.ts). Run after a
// build, to see how large the public API is and to notice a declaration that names a value the
// JavaScript does not export (or the other way round).
//
//   npm run build && node scripts/api-surface.mjs [--list]
import ts from 'typescript';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const ENTRIES = ['index', 'node', 'postgres', 'http'];

/** The names a declaration file exports, split into values and type-only names, as TypeScript reads them. */
export function declaredExports(file) {
  const program = ts.createProgram([file], {
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file));
  const values = new Set();
  const types = new Set();
  for (const symbol of module ? checker.getExportsOfModule(module) : []) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    // `export type { X }` of a value is a type to its importers: only a value export is a value.
    const typeOnly = symbol.declarations?.some(
      (d) =>
        ts.isTypeOnlyImportOrExportDeclaration?.(d) ||
        (ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly)),
    );
    (target.flags & ts.SymbolFlags.Value && !typeOnly ? values : types).add(symbol.name);
  }
  return { values, types };
}

async function surface(entry) {
  const declared = declaredExports(`${DIST}${entry}.d.ts`);
  const runtime = new Set(Object.keys(await import(pathToFileURL(`${DIST}${entry}.js`).href)));
  return {
    entry,
    values: runtime.size,
    types: [...declared.types].filter((name) => !runtime.has(name)).length,
    // A value the declarations promise but the JavaScript lacks fails at run time; one the
    // JavaScript has but the declarations omit is invisible to TypeScript users.
    declaredNotExported: [...declared.values].filter((name) => !runtime.has(name)),
    exportedNotDeclared: [...runtime].filter((name) => !declared.values.has(name)),
    names: { values: [...runtime].sort(), types: [...declared.types].filter((n) => !runtime.has(n)).sort() },
  };
}

const list = process.argv.includes('--list');
for (const entry of ENTRIES) {
  const s = await surface(entry);
  console.log(`${entry === 'index' ? 'microcred' : `microcred/${entry}`}: ${s.values} values, ${s.types} types`);
  if (s.declaredNotExported.length)
    console.log(`  declared but not exported at run time: ${s.declaredNotExported.join(', ')}`);
  if (s.exportedNotDeclared.length)
    console.log(`  exported at run time but not declared: ${s.exportedNotDeclared.join(', ')}`);
  if (list) {
    console.log(`  values: ${s.names.values.join(', ')}`);
    console.log(`  types: ${s.names.types.join(', ')}`);
  }
}
