// @ts-check
/**
 * ESLint for the TypeScript in src/, test/, bench/, scripts/ and examples/ (npm run lint runs it
 * beside tsc --noEmit). typescript-eslint's recommended rules everywhere; the type-aware rules
 * that catch real bugs in async code (a promise nobody waits for, an await of a non-promise) on
 * every TypeScript file, through the project service (one program for the whole tsconfig).
 */
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // `const { a, ...rest } = x` drops `a` on purpose; `_`-names are placeholders.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // An interface that extends one mapped type names it (src/scan/settings.ts).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  // The product and its tests say things through return values and catalogues, not the console;
  // the bench, the scripts and the examples print their reports.
  { files: ['src/**/*.ts', 'test/**/*.ts'], rules: { 'no-console': 'error' } },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
