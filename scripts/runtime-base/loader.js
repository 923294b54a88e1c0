// The few lines that run first in index.html (inlined by ./plugin.ts): find where this build is
// served from, set <base href> to it, then load the app's scripts and styles relative to it.
// One unchanged build serves `/`, `/ci/` or `/portal/tools/ci/`, deep links included
// (docs/decisions/0001). Plain JavaScript, no imports: it is inlined as it is written.

/**
 * Every folder from the page's own folder up to the site's root, deepest first:
 * `/ci/acme/app/-/jobs/5` → `/ci/acme/app/-/jobs/`, `/ci/acme/app/-/`, …, `/ci/`, `/`.
 * @param {string} pathname
 * @returns {string[]}
 */
export function baseCandidates(pathname) {
  const out = [];
  let folder = pathname.slice(0, pathname.lastIndexOf('/') + 1) || '/';
  for (;;) {
    out.push(folder);
    if (folder === '/') return out;
    folder = folder.slice(0, folder.slice(0, -1).lastIndexOf('/') + 1) || '/';
  }
}

/** The address parameters that carry a credential (as src/config/url-params.ts SECRET_URL_PARAMS). */
export const SECRET_PARAMS = ['token', 'private_token', 'private-token', 'access_token', 'job_token', 'gitlab_token'];

/**
 * Takes every credential parameter out of the address before the page asks for anything (the
 * loader's own probes, the scripts, config.json), so no request, history entry or Referer
 * carries it. The names taken out are left on <html data-stripped-secrets> for the app to say.
 * @param {Window & typeof globalThis} win
 * @returns {string[]} the names taken out
 */
export function stripSecretParams(win) {
  const url = new URL(win.location.href);
  const names = [...new Set([...url.searchParams.keys()].filter((k) => SECRET_PARAMS.includes(k.toLowerCase())))];
  if (names.length === 0) return [];
  for (const name of names) url.searchParams.delete(name);
  win.history.replaceState(win.history.state, '', url.toString());
  win.document.documentElement.setAttribute('data-stripped-secrets', names.join(','));
  return names;
}

/** Where the loader leaves its request for config.json, for the app to take (src/config/early-config.ts). */
export const EARLY_CONFIG_KEY = '__ciDashboardConfig';

/**
 * Asks for config.json beside the build as soon as the base is known, while the app's script
 * downloads and runs, instead of after it: the app takes this answer instead of asking again.
 * The same request as the app's own (`cache: 'no-cache'`: a redeploy's new settings apply on
 * the next load; same-origin credentials). A failure is the app's to report.
 * @param {Window & typeof globalThis} win
 * @param {string} base the folder that holds the build (`/ci/`)
 * @returns {{ url: string, response: Promise<Response> }}
 */
export function startConfigRequest(win, base) {
  const url = new URL(base + 'config.json', win.location.origin).toString();
  const response = win.fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
  response.catch(() => undefined); // handled: the app reads the failure when it takes the answer
  const early = { url, response };
  Object.defineProperty(win, EARLY_CONFIG_KEY, { value: early, configurable: true, writable: true });
  return early;
}

/**
 * The files a page starts with: the wall's own entry (no router, no header) for `…/wall`, the
 * app's otherwise (docs/decisions/0031). Matched as the app's router matches `/wall` (any case,
 * a trailing slash allowed); a build without a wall entry always starts the app.
 * @param {{ entry: string, styles: string[], preloads: string[], wall?: { entry: string, styles: string[], preloads: string[] } }} assets
 * @param {string} pathname the page's path
 * @param {string} base the folder that holds the build
 * @returns {{ entry: string, styles: string[], preloads: string[] }}
 */
export function startFiles(assets, pathname, base) {
  const under = pathname.startsWith(base) ? pathname.slice(base.length) : '';
  return assets.wall && /^wall\/?$/i.test(under) ? assets.wall : assets;
}

/**
 * @param {Window & typeof globalThis} win
 * @returns {Promise<string | null>} the base, or null when the page could not start
 */
export async function runtimeBaseLoader(win) {
  stripSecretParams(win);
  const doc = win.document;
  /** @param {string} title @param {string[]} lines */
  const fail = (title, lines) => {
    if (!doc.body) {
      doc.addEventListener('DOMContentLoaded', () => fail(title, lines), { once: true });
      return null;
    }
    const root = doc.getElementById('root') || doc.body;
    const main = doc.createElement('main');
    main.setAttribute('role', 'alert');
    const h1 = doc.createElement('h1');
    h1.textContent = title;
    main.append(h1);
    for (const line of lines) {
      const p = doc.createElement('p');
      p.textContent = line;
      main.append(p);
    }
    root.replaceChildren(main);
    return null;
  };
  const data = doc.getElementById('ci-dashboard-assets');
  /** @type {{ entry: string, styles: string[], preloads: string[], icon?: string, wall?: { entry: string, styles: string[], preloads: string[] } }} */
  let assets;
  try {
    assets = JSON.parse((data && data.textContent) || '');
  } catch {
    return fail('The dashboard’s index.html is damaged', ['It has no list of the files to load. Deploy the whole dist/ folder of one build.']);
  }

  const candidates = baseCandidates(win.location.pathname);
  /** Is the build's entry script really there (not an SPA fallback page)? @param {string} folder */
  const probe = async (folder) => {
    const url = new URL(folder + assets.entry, win.location.origin).toString();
    try {
      let res = await win.fetch(url, { method: 'HEAD', cache: 'no-cache', credentials: 'same-origin' });
      if (res.status === 405 || res.status === 501) res = await win.fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
      return res.ok && /javascript|ecmascript/i.test(res.headers.get('content-type') || '');
    } catch {
      return false;
    }
  };
  // All at once: the deepest folder that holds this build is its base.
  const found = await Promise.all(candidates.map(probe));
  const index = found.indexOf(true);
  if (index < 0) {
    return fail('The dashboard could not find its own files', [
      `Looked for ${assets.entry} under ${candidates.join(', ')} on ${win.location.origin}; none answered with the script.`,
      'Whoever deploys it: serve every file of dist/ from one folder, with index.html as the fallback for the other paths under that folder only (not for missing files under assets/).',
    ]);
  }
  const base = /** @type {string} */ (candidates[index]);
  const baseElement = doc.createElement('base');
  baseElement.href = base;
  doc.head.prepend(baseElement);
  startConfigRequest(win, base);

  const add = (/** @type {string} */ tag, /** @type {Record<string, string>} */ attrs) => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    doc.head.append(el);
    return el;
  };
  if (assets.icon) add('link', { rel: 'icon', type: 'image/svg+xml', href: assets.icon });
  const start = startFiles(assets, win.location.pathname, base);
  for (const href of start.styles) add('link', { rel: 'stylesheet', crossorigin: '', href });
  for (const href of start.preloads) add('link', { rel: 'modulepreload', crossorigin: '', href });
  const script = add('script', { type: 'module', crossorigin: '', src: start.entry });
  script.addEventListener('error', () =>
    fail('The dashboard’s script did not load', [`${new URL(start.entry, doc.baseURI).toString()} could not be run. Reload the page; if it stays, the deployment is incomplete.`]),
  );
  return base;
}
