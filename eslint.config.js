// Lint rules, including the import direction the house style promises.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.d.ts', 'bench-results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/extension/**', '**/demo-server/**', 'node:*', 'express*', 'preact*'], message: 'src/shared is pure: it imports nothing of ours and no Node- or UI-only module.' },
      ] }],
    },
  },
  {
    files: ['extension/content/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/popup/**', '**/background/**', 'preact*', 'idb', 'zxing-wasm*', 'otplib*'], message: 'Content scripts ship to every page: no popup, vault or heavy modules.' },
      ] }],
    },
  },
  {
    files: ['extension/popup/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/background/**'], message: 'The popup talks to the background through messages only.' },
      ] }],
    },
  },
  {
    files: ['demo-server/routes/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['./*', '../routes/*', '**/demo-server/routes/*'], message: 'A route must not import another route: move the shared piece to an action or web/ module' },
      ] }],
    },
  },
  {
    files: ['extension/background/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/popup/**', 'preact*'], message: 'The background owns the vault and imports no popup code; shared hand-offs live in extension/*.ts.' },
      ] }],
    },
  },
);
