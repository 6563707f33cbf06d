// @ts-check
import js from '@eslint/js';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import web from './web/eslint.react.mjs';

/** The operation-name prefix of each web feature folder; a folder with operations must be listed. */
const FEATURE_PREFIXES = {
  components: 'Layout',
  delivery: 'Delivery',
  ehr: 'Ehr',
  intake: 'Intake',
  patientDetail: 'PatientDetail',
  patients: 'Patients',
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/__generated__/**', '**/dist/**'],
  },
  {
    // JavaScript and TypeScript only: the GraphQL documents lifted out of web/src have their own rules below.
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        // Each file is checked with the tsconfig.json nearest to it.
        projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The web app: the same type-checked rules, plus browser globals and React's hooks rules.
  ...web,
  // The web app's operations: the processor lifts each `graphql(...)` document out of the source as
  // a virtual `.graphql` file, linted against the supergraph the browser talks to. Codegen already
  // refuses an operation that does not validate; these rules add what it lets through (unused
  // variables and fragments, anonymous or misnamed operations, deprecated fields).
  {
    files: ['web/src/**/*.{ts,tsx}'],
    processor: graphqlPlugin.processor,
  },
  {
    files: ['web/src/**/*.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: 'supergraph.graphql', documents: 'web/src/**/*.{ts,tsx}' } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: graphqlPlugin.configs['flat/operations-recommended'].rules,
  },
  // web/README.md names operations `<Feature>…Query` / `…Mutation` after their folder (the
  // recommended set forbids those suffixes). Fragments are PascalCase, optionally `Component_prop`.
  ...Object.entries(FEATURE_PREFIXES).map(([folder, prefix]) => ({
    files: [`web/src/${folder}/**/*.graphql`],
    rules: {
      '@graphql-eslint/naming-convention': [
        'error',
        {
          VariableDefinition: 'camelCase',
          'OperationDefinition[operation=query]': { requiredPrefixes: [prefix], requiredSuffixes: ['Query'] },
          'OperationDefinition[operation=mutation]': { requiredPrefixes: [prefix], requiredSuffixes: ['Mutation'] },
          OperationDefinition: { style: 'PascalCase' },
          FragmentDefinition: {
            requiredPattern: /^[A-Z][A-Za-z0-9]*(_[a-z][A-Za-z0-9]*)?$/,
            forbiddenPrefixes: ['Fragment'],
            forbiddenSuffixes: ['Fragment'],
          },
        },
      ],
    },
  })),
  {
    // Tests read loosely typed JSON responses on purpose: the assertions are the type checks.
    files: ['**/test/**/*.{ts,tsx}', '**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
