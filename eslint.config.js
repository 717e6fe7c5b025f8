// Lint rules, including the import direction the house style promises.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * One config block per zone. A later block's `no-restricted-imports` replaces an earlier one's for the files both
 * match, so a zone nested in another (demo-server/routes in demo-server) repeats the outer zone's bans.
 */
function importDirection(zones) {
  return zones.map(({ files, bans }) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns: bans }] } }));
}

const serverNotExtension = { group: ['**/extension/**'], message: 'The demo server is a site to try Keyfob against: it never imports the extension.' };

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
  ...importDirection([
    {
      files: ['src/shared/**'],
      bans: [{ group: ['**/extension/**', '**/demo-server/**', 'node:*', 'express*', 'preact*'], message: 'src/shared is pure: it imports nothing of ours and no Node- or UI-only module.' }],
    },
    {
      files: ['extension/content/**'],
      bans: [{ group: ['**/popup/**', '**/background/**', 'preact*', 'idb', 'zxing-wasm*', 'otplib*'], message: 'Content scripts ship to every page: no popup, vault or heavy modules.' }],
    },
    {
      files: ['extension/popup/**'],
      bans: [{ group: ['**/background/**'], message: 'The popup talks to the background through messages only.' }],
    },
    {
      files: ['extension/background/**'],
      bans: [{ group: ['**/popup/**', 'preact*'], message: 'The background owns the vault and imports no popup code; shared hand-offs live in extension/*.ts.' }],
    },
    {
      files: ['extension/import/**', 'extension/welcome/**'],
      bans: [{ group: ['**/background/**'], message: 'The import and welcome pages are tabs like the popup: they ask the background through messages only.' }],
    },
    // The demo server: routes → actions → db/security. web/ (session and page pieces) serves the routes; the files at
    // demo-server/ top level (config, context, session, form, public-url) are neutral ground every layer may use.
    {
      files: ['demo-server/**'],
      bans: [serverNotExtension],
    },
    {
      files: ['demo-server/routes/**'],
      bans: [serverNotExtension, { group: ['./*', '../routes/*', '**/demo-server/routes/*'], message: 'A route must not import another route: move the shared piece to an action or web/ module' }],
    },
    {
      files: ['demo-server/actions/**'],
      bans: [serverNotExtension, { group: ['**/routes/**', '**/web/**'], message: 'Actions know nothing of req/res: they take plain inputs and return a typed result (routes → actions → db/security).' }],
    },
    {
      files: ['demo-server/web/**'],
      bans: [serverNotExtension, { group: ['**/routes/**', '**/actions/**'], message: 'web/ serves the routes with session and page pieces; the route calls the action and hands web/ the result.' }],
    },
    {
      files: ['demo-server/security/**'],
      bans: [serverNotExtension, { group: ['**/routes/**', '**/actions/**', '**/web/**'], message: 'security/ is below actions and web (routes → actions → db/security): it imports neither.' }],
    },
    {
      files: ['demo-server/db/**'],
      bans: [serverNotExtension, { group: ['**/routes/**', '**/actions/**', '**/web/**'], message: 'db/ is below actions and web (routes → actions → db/security): it imports neither.' }],
    },
  ]),
);
