/**
 * A Vite plugin that makes one build serve any base path (docs/decisions/0001). In the built
 * index.html, the script, style and icon tags that Vite wrote (relative: `./assets/…`) are taken
 * out and listed in a JSON block; the inlined loader (./loader.js) finds the folder that holds
 * the build, sets `<base href>` to it, then adds those tags. The dev server always serves at `/`
 * and keeps index.html's `<base href="/">`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin, ResolvedConfig } from 'vite';
import { buildWallEntry, type WallEntryOptions } from './wall-entry.ts';

const LOADER_SOURCE = readFileSync(new URL('./loader.js', import.meta.url), 'utf8');

/** The inline script's text: the loader's functions, then a call. */
export function loaderScript(): string {
  // Without the file's leading comment lines and `export`: the functions, as written.
  const body = LOADER_SOURCE.replace(/^(\/\/.*\n)+\n?/, '').replace(/^export /gm, '');
  return `(function () {\n${body}\nvoid runtimeBaseLoader(window);\n})();`;
}

/** The CSP source that allows the inline loader (`script-src 'sha256-…'`). */
export function loaderScriptHash(): string {
  return `'sha256-${createHash('sha256').update(loaderScript()).digest('base64')}'`;
}

/**
 * The build's Content-Security-Policy (a meta element: the page may be served by any static
 * host). Scripts: this build's files and the inline loader (by hash), nothing else. The GitLab
 * host is chosen at run time (config.json, Settings, `?host=`) and may be any address, so
 * `connect-src` cannot name it here: `*` (any http(s) host). A site that serves the dashboard for
 * one GitLab can send a stricter policy as an HTTP header (README, "Deploying"); both then apply.
 * `frame-ancestors` is ignored in a meta element: it must be that header too.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${loaderScriptHash()}`,
    // Components set style attributes; a rendered artifact's srcdoc frame inherits this policy.
    "style-src 'self' 'unsafe-inline'",
    // Avatars come from GitLab or Gravatar; previews of image artifacts are blob: URLs.
    "img-src 'self' data: blob: https: http:",
    'connect-src *',
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The files one entry starts with (the loader adds them, relative to the base it found). */
export interface EntryFiles {
  entry: string;
  styles: string[];
  preloads: string[];
}

export interface BuiltAssets extends EntryFiles {
  icon?: string;
  /** The wall's own entry (./wall-entry.ts), which the loader starts for `…/wall`. */
  wall?: EntryFiles;
}

/**
 * Moves Vite's asset tags out of the HTML into the loader's list, with the wall's entry beside
 * the app's when there is one. Throws when the page has no entry script.
 */
export function rewriteIndexHtml(html: string, wall?: EntryFiles): { html: string; assets: BuiltAssets } {
  const assets: BuiltAssets = { entry: '', styles: [], preloads: [] };
  let out = html.replace(/\s*(<!--(?:(?!-->)[\s\S])*-->\s*)?<base href="[^"]*"\s*\/?>/, '');
  out = out.replace(/\s*<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>/g, (_m, src: string) => {
    assets.entry = src.replace(/^\.\//, '');
    return '';
  });
  out = out.replace(/\s*<link rel="(stylesheet|modulepreload|icon)"[^>]*\shref="([^"]+)"[^>]*>/g, (_m, rel: string, href: string) => {
    const path = href.replace(/^\.\//, '');
    if (rel === 'stylesheet') assets.styles.push(path);
    else if (rel === 'modulepreload') assets.preloads.push(path);
    else assets.icon = path;
    return '';
  });
  if (!assets.entry) throw new Error('runtime-base: the built index.html has no module script to load');
  if (wall) assets.wall = wall;
  // "<" never appears raw inside the JSON block, so no file name can end the element.
  // The policy first, so it covers every request the page makes.
  out = out.replace(/(<meta charset="[^"]*"\s*\/?>)/i, `$1\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />`);
  const json = JSON.stringify(assets).replace(/</g, '\\u003c');
  const tags = `\n    <script type="application/json" id="ci-dashboard-assets">${json}</script>\n    <script>${loaderScript()}</script>\n  </head>`;
  out = out.replace(/\s*<\/head>/, tags);
  return { html: out, assets };
}

/**
 * @param options.wall the wall's own entry, built beside the app (./wall-entry.ts); without it
 * every page starts the app.
 */
export function runtimeBase(options: { wall?: WallEntryOptions } = {}): Plugin {
  let config: ResolvedConfig | null = null;
  let wall: EntryFiles | undefined;
  return {
    name: 'ci-dashboard-runtime-base',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async buildStart() {
      if (!options.wall || !config) return;
      const built = await buildWallEntry(config, options.wall);
      for (const file of built.files) this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
      wall = built.entry;
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html) => rewriteIndexHtml(html, wall).html,
    },
  };
}
