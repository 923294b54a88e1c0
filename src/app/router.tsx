import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router';
import { PROJECT_ROUTE_ID } from './routes/project-route-data.ts';
import { RouteError } from './routes/route-error.tsx';
import type { RouterDeps } from './router-deps.ts';
import { BootLoading, Shell } from './shell.tsx';

export type { RouterDeps };

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
      Component: Shell,
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
                loader: async () => (await import('./routes/project-route.tsx')).projectRouteLoader(deps),
                Component: async () => (await import('./routes/project-route.tsx')).ProjectRoute,
              },
            },
          ],
        },
      ],
    },
  ];
}

export function createAppRouter(deps: RouterDeps, basename: string) {
  return createBrowserRouter(appRoutes(deps), { basename });
}

/** For tests: the same routes in memory. */
export function createTestRouter(deps: RouterDeps, initialEntries: string[]) {
  return createMemoryRouter(appRoutes(deps), { initialEntries });
}
