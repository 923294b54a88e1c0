/**
 * The wall's own entry (docs/decisions/0031), built inside the app's `vite build`: a second,
 * separate bundle of `src/wall-main.tsx` (React, TanStack Query, zod/mini, the config, the
 * GitLab client and the wall, without React Router, the shell or the sign-in code), whose files
 * go into the app's `assets/` beside the app's own. Separate, not a second input of the app's
 * bundle: the libraries both use would then leave the app's initial chunk for a shared one, and
 * every page of the app would pay for the cut (more files, the exports between them). The cost
 * is that a browser that opens both the wall and the app downloads React twice.
 */
import path from 'node:path';
import { build, type PluginOption, type ResolvedConfig, type Rollup, type UserConfig } from 'vite';
import type { EntryFiles } from './plugin.ts';

export interface WallEntryOptions {
  /** The wall's entry module, relative to the project's root. */
  input: string;
  /** The plugins and aliases of the app's own build (not this plugin: no build inside the build inside…). */
  plugins: () => PluginOption[];
  alias?: NonNullable<UserConfig['resolve']>['alias'];
}

export interface BuiltWall {
  /** Every file of the wall's bundle (scripts, their source maps, styles), named under assets/. */
  files: { fileName: string; source: string | Uint8Array }[];
  entry: EntryFiles;
}

/** The static imports of `fileName`, all the way down (what must load before the entry runs). */
function staticImports(chunks: Map<string, Rollup.OutputChunk>, fileName: string, seen = new Set<string>()): Set<string> {
  for (const dep of chunks.get(fileName)?.imports ?? []) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    staticImports(chunks, dep, seen);
  }
  return seen;
}

/** Builds the wall's entry in memory with the app's settings, ready to be emitted into the app's bundle. */
export async function buildWallEntry(app: ResolvedConfig, options: WallEntryOptions): Promise<BuiltWall> {
  const result = await build({
    configFile: false,
    root: app.root,
    mode: app.mode,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    plugins: options.plugins(),
    resolve: { alias: options.alias ?? [] },
    build: {
      write: false,
      target: app.build.target,
      minify: app.build.minify,
      sourcemap: app.build.sourcemap,
      copyPublicDir: false,
      rolldownOptions: {
        input: { wall: path.resolve(app.root, options.input) },
        // `wall-` on every file: no name can meet one of the app's.
        output: { entryFileNames: 'assets/[name]-[hash].js', chunkFileNames: 'assets/wall-[name]-[hash].js', assetFileNames: 'assets/wall-[name]-[hash][extname]' },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RolldownOutput[];
  const bundle = outputs.flatMap((o) => o.output);
  const chunks = new Map(bundle.filter((f): f is Rollup.OutputChunk => f.type === 'chunk').map((c) => [c.fileName, c]));
  const entry = [...chunks.values()].find((c) => c.isEntry);
  if (!entry) throw new Error(`runtime-base: the wall's build of ${options.input} has no entry chunk`);

  const files: BuiltWall['files'] = [];
  const names = new Set(bundle.map((f) => f.fileName));
  for (const file of bundle) {
    files.push({ fileName: file.fileName, source: file.type === 'chunk' ? file.code : file.source });
    // A bundler that keeps a chunk's map on the chunk rather than as a file of its own.
    if (file.type === 'chunk' && file.map && !names.has(`${file.fileName}.map`)) files.push({ fileName: `${file.fileName}.map`, source: file.map.toString() });
  }
  const preloads = [...staticImports(chunks, entry.fileName)];
  const styles = [entry.fileName, ...preloads].flatMap((name) => [...(chunks.get(name)?.viteMetadata?.importedCss ?? [])]);
  return { files, entry: { entry: entry.fileName, styles: [...new Set(styles)], preloads } };
}
