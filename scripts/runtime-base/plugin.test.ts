import { describe, expect, it } from 'vitest';
import { SECRET_URL_PARAMS } from '../../src/config/url-params.ts';
import { baseCandidates, SECRET_PARAMS, startFiles, stripSecretParams } from './loader.js';
import { contentSecurityPolicy, loaderScript, loaderScriptHash, rewriteIndexHtml } from './plugin.ts';

describe('baseCandidates', () => {
  it('lists every folder from the page up to the root, deepest first', () => {
    expect(baseCandidates('/ci/acme/app/-/jobs/5')).toEqual(['/ci/acme/app/-/jobs/', '/ci/acme/app/-/', '/ci/acme/app/', '/ci/acme/', '/ci/', '/']);
    expect(baseCandidates('/portal/tools/ci/')).toEqual(['/portal/tools/ci/', '/portal/tools/', '/portal/', '/']);
    expect(baseCandidates('/')).toEqual(['/']);
    expect(baseCandidates('/index.html')).toEqual(['/']);
  });
});

describe('startFiles', () => {
  const wall = { entry: 'assets/wall-1.js', styles: ['assets/wall-wall-2.css'], preloads: [] };
  const assets = { entry: 'assets/index-abc.js', styles: ['assets/index-def.css'], preloads: [], wall };

  it('starts the wall’s own entry for the wall’s page under any base, as the router matches it', () => {
    for (const [pathname, base] of [
      ['/wall', '/'],
      ['/wall/', '/'],
      ['/ci/wall', '/ci/'],
      ['/portal/tools/ci/WALL', '/portal/tools/ci/'],
    ] as const) {
      expect(startFiles(assets, pathname, base), pathname).toBe(wall);
    }
  });

  it('starts the app for every other page, and always when the build has no wall entry', () => {
    for (const [pathname, base] of [
      ['/', '/'],
      ['/settings', '/'],
      ['/wallpaper', '/'],
      ['/wall/x', '/'],
      ['/acme/wall/-/jobs', '/'],
      ['/ci/', '/ci/'],
      // A site under /wall/ itself: its own root is the picker.
      ['/wall/', '/wall/'],
    ] as const) {
      expect(startFiles(assets, pathname, base), pathname).toBe(assets);
    }
    const { wall: _none, ...appOnly } = assets;
    expect(startFiles(appOnly, '/wall', '/')).toBe(appOnly);
  });
});

describe('rewriteIndexHtml', () => {
  const built = `<!doctype html>
<html lang="en">
  <head>
    <!-- dev only -->
    <base href="/" />
    <link rel="icon" type="image/svg+xml" href="./favicon.svg" />
    <title>CI Jobs</title>
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/vendor-1.js">
    <link rel="stylesheet" crossorigin href="./assets/index-def.css">
  </head>
  <body><div id="root"></div></body>
</html>`;

  it('moves the asset tags into the loader’s list and drops the fixed base', () => {
    const { html, assets } = rewriteIndexHtml(built);
    expect(assets).toEqual({ entry: 'assets/index-abc.js', styles: ['assets/index-def.css'], preloads: ['assets/vendor-1.js'], icon: 'favicon.svg' });
    expect(html).not.toMatch(/<base|dev only|src="\.\/assets|href="\.\/assets/);
    expect(html).toContain('<script type="application/json" id="ci-dashboard-assets">{"entry":"assets/index-abc.js"');
    expect(html).toContain(`<script>${loaderScript()}</script>`);
  });

  it('lists the wall’s own entry beside the app’s', () => {
    const wall = { entry: 'assets/wall-1.js', styles: ['assets/wall-wall-2.css'], preloads: ['assets/wall-dist-3.js'] };
    const { html, assets } = rewriteIndexHtml(built, wall);
    expect(assets.wall).toEqual(wall);
    expect(assets.entry).toBe('assets/index-abc.js');
    expect(html).toContain('"wall":{"entry":"assets/wall-1.js","styles":["assets/wall-wall-2.css"],"preloads":["assets/wall-dist-3.js"]}');
  });

  it('refuses a page without an entry script', () => {
    expect(() => rewriteIndexHtml('<html><head></head></html>')).toThrow(/no module script/);
  });

  it('puts the Content-Security-Policy first, allowing the inline loader by its hash', () => {
    const { html } = rewriteIndexHtml(built.replace('<head>', '<head>\n    <meta charset="UTF-8" />'));
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/.exec(html)?.[1] ?? '';
    expect(csp).toBe(contentSecurityPolicy());
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    expect(csp).toContain(`script-src 'self' ${loaderScriptHash()}`);
    expect(csp).not.toMatch(/unsafe-eval|frame-ancestors/);
    expect(csp).toContain('connect-src *');
  });

  it('gives the inline loader’s CSP hash', () => {
    expect(loaderScriptHash()).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(loaderScript()).not.toMatch(/^export /m);
  });
});

describe('stripSecretParams', () => {
  it('knows the same credential parameters as the app', () => {
    expect(SECRET_PARAMS).toEqual(SECRET_URL_PARAMS);
  });

  it('takes them out of the address, keeps the rest, and leaves their names for the app', () => {
    const replaced: string[] = [];
    const root = new Map<string, string>();
    const win = {
      location: { href: 'https://ci.example/ci/acme/app/-/jobs?private_token=glpat-secret&ref=main&Access_Token=x' },
      history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
      document: { documentElement: { setAttribute: (k: string, v: string) => root.set(k, v) } },
    } as unknown as Window & typeof globalThis;
    expect(stripSecretParams(win)).toEqual(['private_token', 'Access_Token']);
    expect(replaced).toEqual(['https://ci.example/ci/acme/app/-/jobs?ref=main']);
    expect(root.get('data-stripped-secrets')).toBe('private_token,Access_Token');
  });
});
