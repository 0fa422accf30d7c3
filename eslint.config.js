// Lint keeps the house rules: every promise is awaited or handed off on purpose (with a reason),
// type-only imports say so, and `any` does not leak out of parsed input in production code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tmp/', '.stryker-tmp/', 'reports/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `void promise` is not an excuse: a deliberate fire-and-forget carries an eslint-disable with its reason.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A leading underscore names a value that is dropped on purpose (rest siblings, interface parameters).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // An async method that satisfies a Promise-returning interface needs no await.
      '@typescript-eslint/require-await': 'off',
      // noUncheckedIndexedAccess is on: a `!` must carry its reason in an eslint-disable beside it.
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    // Tests read JSON they wrote themselves; typing every parsed body would bury the assertions.
    files: ['test/**'],
    rules: {
      // In a test a wrong `!` fails the test, which is what an assertion is for.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
