// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import fs from 'node:fs';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { layerBoundaries } from './scripts/eslint/layer-boundaries.js';
import { noImportCycles } from './scripts/eslint/no-import-cycles.js';
import globals from 'globals';

// The feature folders as they are on disk: a new feature is kept apart without editing a list here.
const features = fs
  .readdirSync(new URL('./src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const testFiles = ['src/**/*.test.{ts,tsx}', 'src/**/*test-helpers.{ts,tsx}', 'src/testing/**'];

// Dependency direction (DESIGN.md): gitlab/, ui/, config/ -> features/* -> app/.
const layerZones = [
  ...features.map((f) => ({
    target: `./src/features/${f}`,
    from: './src/features',
    except: [`./${f}`],
    message: 'A feature never imports another feature; compose them in src/app.',
  })),
  { target: ['./src/gitlab', './src/ui', './src/config'], from: ['./src/features', './src/app'], message: 'Shared layers do not import features or the app.' },
  { target: './src/features', from: './src/app', message: 'Features do not import the app layer.' },
];
const simZone = { target: './src', from: './gitlab-sim', message: 'The app never imports the simulator.' };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { local: { rules: { 'layer-boundaries': layerBoundaries, 'no-import-cycles': noImportCycles } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs['flat/recommended'][0]?.rules,
      // Every value a queryFn reads is in its key; what must not be (a progress callback, what a
      // host lacks) reaches the queryFn through the cache or the QueryClient instead.
      '@tanstack/query/exhaustive-deps': 'error',
      'local/no-import-cycles': 'error',
      'local/layer-boundaries': ['error', { zones: [simZone, ...layerZones] }],
    },
  },
  {
    // Tests drive the app's code against the simulator in-process; the app itself never imports it.
    files: testFiles,
    rules: { 'local/layer-boundaries': ['error', { zones: layerZones }] },
  },
  {
    files: ['gitlab-sim/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
