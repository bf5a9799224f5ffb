// Layering rules (as VS Code enforces its own): only main/electron and preload may import Electron;
// the renderer may not import Node built-ins or main-process code other than the API contract and the
// translations' list (main/i18n/namespaces).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import custodia from './eslint/layers.js';

const nodeBuiltins = ['assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'process', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['main/**/*.ts'],
    plugins: { custodia },
    rules: { 'custodia/layers': 'error' },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Domain code never imports electron: only main/electron and preload do.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the backend through the API client only.' }, ...nodeBuiltins.flatMap((name) => [{ name }, { name: `node:${name}` }])],
          patterns: [
            {
              // main/i18n/namespaces imports the capabilities' translation files (JSON) and nothing else.
              group: ['**/main/*', '!**/main/api', '!**/main/i18n', '**/main/!(api)/**', '**/main/i18n/*', '!**/main/i18n/namespaces'],
              message: 'The renderer may import only main/api (the contract) and main/i18n/namespaces (the translations).',
            },
          ],
        },
      ],
    },
  },
);
