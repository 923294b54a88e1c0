import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One build serves any site under any base path: every URL the app makes is relative to
// the document, and the router reads its basename from <base href> at runtime.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
});
