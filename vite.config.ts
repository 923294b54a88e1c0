import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { bundleAliases } from './scripts/bundle-aliases.ts';
import { runtimeBase } from './scripts/runtime-base/plugin.ts';

// One build serves any site under any base path: every URL the app makes is relative, and the
// built index.html finds the folder it was served from at run time (runtimeBase, decision 0001).
export default defineConfig({
  base: './',
  plugins: [react(), runtimeBase()],
  resolve: { alias: bundleAliases },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
});
