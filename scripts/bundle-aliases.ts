import { fileURLToPath } from 'node:url';

/**
 * Packages the app's bundle (vite.config.ts) and the unit tests (vitest.config.ts) resolve to a
 * module of ours. `entities`: ansi-to-html uses only its encodeXML (decision 0026).
 */
export const bundleAliases = [{ find: /^entities$/, replacement: fileURLToPath(new URL('../src/features/job-log/model/encode-xml.ts', import.meta.url)) }];

/** Dependencies the unit tests run through Vite, so that the aliases above apply inside them. */
export const aliasedDependents = ['ansi-to-html'];
