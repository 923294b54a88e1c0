// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { layerBoundaries } from './scripts/eslint/layer-boundaries.js';
import globals from 'globals';

const features = ['jobs', 'job-details', 'pipeline-graph', 'job-log', 'job-actions', 'artifacts', 'wall', 'settings'];
const testFiles = ['src/**/*.test.{ts,tsx}', 'src/**/test-helpers.ts', 'src/testing/**'];

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
    plugins: { local: { rules: { 'layer-boundaries': layerBoundaries } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
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
