import { createBrowserRouter, createMemoryRouter, matchRoutes, type RouteObject } from 'react-router';
import { PROJECT_ROUTE_ID } from './routes/project-route-data.ts';
import { RouteError } from './routes/route-error.tsx';
import type { RouterDeps } from './router-deps.ts';
import { BootLoading } from './boot-loading.tsx';

export type { RouterDeps };

/** The project route's module: the table of project pages, its loader and component. */
const projectRouteModule = () => import('./routes/project-route.tsx');

/**
 * Every URL of the dashboard. Only pages that work are registered; anything else is the
 * not-found page. Pages with the header (`/settings`) are children of 'page' before the project
 * splat; pages without it (`/wall`) sit beside 'root'. Project pages mirror GitLab's paths (`/group/sub/project/-/jobs`,
 * `/1/-/jobs`): project paths contain slashes, so they arrive as a splat that the project route
 * parses and matches against the table in routes/project-pages.ts (decision 0008).
 */
export function appRoutes(deps: RouterDeps): RouteObject[] {
  return [
    // The wall has no header or navigation: a screen nobody touches.
    { id: 'wall', path: 'wall', lazy: { Component: async () => (await import('./routes/wall-route.tsx')).WallRoute }, ErrorBoundary: RouteError },
    {
      id: 'root',
      // The header and navigation come with the first page that has them (fetched side by side
      // with that page's code), not with the wall's first load.
      lazy: { Component: async () => (await import('./shell.tsx')).Shell },
      ErrorBoundary: RouteError,
      HydrateFallback: BootLoading,
      children: [
        {
          id: 'page',
          ErrorBoundary: RouteError,
          children: [
            // Each page's code comes with the page (React Router's `lazy`, decision 0021): the
            // first screen does not wait for the job list, the graph, the log viewer or the
            // artifact browser. The module and the loader's data are fetched side by side.
            { index: true, lazy: { Component: async () => (await import('./routes/project-picker.tsx')).ProjectPickerRoute } },
            { path: 'settings', lazy: { Component: async () => (await import('./routes/settings-route.tsx')).SettingsRoute } },
            { path: 'oauth/callback', lazy: { Component: async () => (await import('./routes/oauth-callback-route.tsx')).OAuthCallbackRoute } },
            {
              id: PROJECT_ROUTE_ID,
              path: '*',
              lazy: {
                loader: async () => (await projectRouteModule()).projectRouteLoader(deps),
                Component: async () => (await projectRouteModule()).ProjectRoute,
              },
            },
          ],
        },
      ],
    },
  ];
}

/**
 * Starts fetching the code a first load of `pathname` needs, the project route's module and
 * then the project page's own, while config.json loads: the router, made once config.json is
 * in, finds them on their way instead of asking only then (two requests fewer in a row before a
 * page's first data). Only a hint: a path that is not a project page fetches nothing.
 */
export function preloadPageCode(pathname: string, basename: string): void {
  const splat = matchRoutes([{ path: '*' }], pathname, basename)?.[0]?.params['*'];
  // Project pages are `/<project>/-/…` (decision 0008); anything else is left to the router.
  if (!splat?.split('/').includes('-')) return;
  projectRouteModule()
    .then((m) => m.preloadProjectPage(splat))
    .catch(() => undefined); // the router asks again and shows the failure
}

export function createAppRouter(deps: RouterDeps, basename: string) {
  return createBrowserRouter(appRoutes(deps), { basename });
}

/** For tests: the same routes in memory. */
export function createTestRouter(deps: RouterDeps, initialEntries: string[]) {
  return createMemoryRouter(appRoutes(deps), { initialEntries });
}
