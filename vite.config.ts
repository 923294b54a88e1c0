import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { bundleAliases } from './scripts/bundle-aliases.ts';
import { runtimeBase } from './scripts/runtime-base/plugin.ts';

// One build serves any site under any base path: every URL the app makes is relative, and the
// built index.html finds the folder it was served from at run time (runtimeBase, decision 0001).
export default defineConfig({
  base: './',
  // `…/wall` starts an entry of its own (src/wall-main.tsx, decision 0031), built beside the app.
  plugins: [react(), runtimeBase({ wall: { input: 'src/wall-main.tsx', plugins: () => [react()], alias: bundleAliases } })],
  resolve: { alias: bundleAliases },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Everything the entry imports statically (React, React Router, TanStack Query, zod/mini, the
    // shell) in one chunk: left alone, the bundler cut it into four chunks by which lazy pages
    // share each module, though every page loads all four. One file compresses better (-4 KB
    // gzipped on every page, issue 18) and needs no preload list. Pages stay split as before.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] } } },
  },
  worker: { format: 'es' },
});
