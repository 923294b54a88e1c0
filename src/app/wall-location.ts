/**
 * Where the wall's own entry (wall-main.tsx, no router) is, and how it leaves: the wall never
 * moves within itself, so any other page of the dashboard is a full navigation to the same
 * build's folder (`document.baseURI`), keeping `?embed=1` when embedded, as the app's router does.
 */
import { routerBasename } from './basename.ts';

/** The absolute URL of an app path (`/settings`, `acme/app/-/jobs?x=1`) under the build's folder. */
export function appUrl(path: string, baseUrl: string, embedded: boolean): string {
  const url = new URL(path.replace(/^\/+/, ''), baseUrl);
  if (embedded && url.searchParams.get('embed') !== '1') url.searchParams.set('embed', '1');
  return url.toString();
}

interface WallLocation {
  pathname: string;
  search: string;
  hash: string;
}

/** The page's location as the app's router would give it: the path under the basename. */
export function wallLocation(href: string, baseUrl: string): WallLocation {
  const url = new URL(href);
  const basename = routerBasename(baseUrl);
  const under = basename !== '/' && url.pathname.toLowerCase().startsWith(basename.toLowerCase()) ? url.pathname.slice(basename.length) : url.pathname;
  return { pathname: under.startsWith('/') ? under : `/${under}`, search: url.search, hash: url.hash };
}

/** What the portal contract needs of a router (embed/portal-contract.ts), for a page that never navigates within itself. */
export interface WallContractRouter {
  navigate(to: string): Promise<void>;
  state: { location: WallLocation; navigation: { state: 'idle' } };
  subscribe(fn: (state: WallContractRouter['state']) => void): () => void;
}

export function wallContractRouter(win: Window, baseUrl: string, embedded: boolean): WallContractRouter {
  return {
    navigate: (to) => {
      // A portal's `ci-dashboard:navigate`: the page it names, loaded whole.
      win.location.assign(appUrl(to, baseUrl, embedded));
      return Promise.resolve();
    },
    state: { location: wallLocation(win.location.href, baseUrl), navigation: { state: 'idle' } },
    subscribe: () => () => undefined,
  };
}
