import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, lowest first. A module may import from its own layer and the layers below
 * it, never from a layer above: the verifier sits on top of what it uses, and the base knows
 * nothing of credentials' checks. Each name is a folder (`src/<name>/`) or a top-level module
 * (`src/<name>.ts`). test/architecture.test.ts reads this list too, resolves every import exactly
 * and also fails on any import cycle.
 *
 *   base          errors, encoding, jsonPath, jsonText, dates, identifiers, model, runtime, types
 *   services      contexts, keys, network, schemas, trust, proofs (suites and signing), identity, bake
 *   domain        jwt (reading VC-JWTs), status, competency, review
 *   operations    issue, verify
 *   composition   stack (issues and verifies stacks of credentials)
 *   entry points  cli, index, node, postgres
 */
export const LAYERS = [
  ['errors', 'encoding', 'jsonPath', 'jsonText', 'dates', 'identifiers', 'model', 'runtime', 'types'],
  ['contexts', 'keys', 'network', 'schemas', 'trust', 'proofs', 'identity', 'bake'],
  ['jwt', 'status', 'competency', 'review'],
  ['issue', 'verify'],
  ['stack', 'records'],
  ['cli', 'index', 'node', 'postgres'],
];

/**
 * Imports that break the layering on purpose, until the move that ends them: `from` may import
 * `to` (both src/-relative). Each needs a reason and the change that removes it.
 */
export const LAYER_EXEMPTIONS = [];

/** The ESLint options forbidding imports of `upper` folders and modules (relative import specifiers). */
function forbidding(upper, layer) {
  return [
    'error',
    {
      patterns: [
        {
          regex: `^(?:\\.\\.?/)+(?:${upper.join('|')})(?:/|\\.js$)`,
          message: `A module of the "${layer}" layer may not import from a layer above it (${upper.join(', ')}); see LAYERS in eslint.config.js.`,
        },
      ],
    },
  ];
}

const LAYER_NAMES = ['base', 'services', 'domain', 'operations', 'composition', 'entry points'];

const layerRules = LAYERS.slice(0, -1).map((names, i) => {
  const upper = LAYERS.slice(i + 1).flat();
  return {
    files: names.flatMap((name) => [`src/${name}.ts`, `src/${name}/**/*.ts`]),
    rules: { 'no-restricted-imports': forbidding(upper, LAYER_NAMES[i]) },
  };
});

const exemptions = LAYER_EXEMPTIONS.map(({ from, to }) => {
  const layer = LAYERS.findIndex((names) => names.includes(from.split('/')[0]));
  const upper = LAYERS.slice(layer + 1)
    .flat()
    .filter((name) => name !== to);
  return { files: [`src/${from}`], rules: { 'no-restricted-imports': forbidding(upper, LAYER_NAMES[layer]) } };
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        btoa: 'readonly',
        atob: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['src/cli/**', 'examples/**', 'bench/**', 'scripts/**', 'test/**'], rules: { 'no-console': 'off' } },
  ...layerRules,
  ...exemptions,
);
