import { describe, expect, it } from 'vitest';
import { baseCandidates } from './loader.js';
import { loaderScript, loaderScriptHash, rewriteIndexHtml } from './plugin.ts';

describe('baseCandidates', () => {
  it('lists every folder from the page up to the root, deepest first', () => {
    expect(baseCandidates('/ci/acme/app/-/jobs/5')).toEqual(['/ci/acme/app/-/jobs/', '/ci/acme/app/-/', '/ci/acme/app/', '/ci/acme/', '/ci/', '/']);
    expect(baseCandidates('/portal/tools/ci/')).toEqual(['/portal/tools/ci/', '/portal/tools/', '/portal/', '/']);
    expect(baseCandidates('/')).toEqual(['/']);
    expect(baseCandidates('/index.html')).toEqual(['/']);
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

  it('refuses a page without an entry script', () => {
    expect(() => rewriteIndexHtml('<html><head></head></html>')).toThrow(/no module script/);
  });

  it('gives the inline loader’s CSP hash', () => {
    expect(loaderScriptHash()).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(loaderScript()).not.toMatch(/^export /m);
  });
});
