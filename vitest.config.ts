import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { aliasedDependents, bundleAliases } from './scripts/bundle-aliases.ts';

export default defineConfig({
  plugins: [react()],
  // As in the build (vite.config.ts): what the tests check is what ships.
  resolve: { alias: bundleAliases },
  test: {
    server: { deps: { inline: aliasedDependents } },
    // Suites walk thousands of simulated jobs on a 2-core machine shared with the build.
    testTimeout: 30_000,
    // Building a seeded simulator in a beforeAll can take over 10 s there too.
    hookTimeout: 30_000,
    // One test file per core. Vitest's default leaves a core to its own process (one worker on
    // CI's 2 cores), which mostly waits while the worker runs. Each file still gets its own
    // process, fresh modules and its own environment.
    maxWorkers: '100%',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['gitlab-sim/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['src/test-setup-dom.ts'],
        },
      },
    ],
  },
});
