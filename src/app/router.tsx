import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router';
import { RouteError } from './routes/route-error.tsx';
import { BootLoading, Shell } from './shell.tsx';
import type { AppEnv } from './providers.tsx';
import type { Session } from './session.ts';

export interface RouterDeps {
  queryClient: QueryClient;
  session: Session;
  env: AppEnv;
}

/**
 * Every URL of the dashboard. Only pages that work are registered; anything else is the
 * not-found page. Project pages mirror GitLab's paths (`/group/sub/project/-/jobs`, `/1/-/jobs`):
 * project paths contain slashes, so they arrive as a splat that the project route parses.
 */
export function appRoutes(deps: RouterDeps): RouteObject[] {
  return [
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
            // Each page's code comes with the page (React Router's `lazy`, decision 0018): the
            // first screen does not wait for the job list, the graph, the log viewer or the
            // artifact browser. The module and the loader's data are fetched side by side.
            { index: true, lazy: { Component: async () => (await import('./routes/project-picker.tsx')).ProjectPickerRoute } },
            { path: 'settings', lazy: { Component: async () => (await import('./routes/settings-route.tsx')).SettingsRoute } },
            {
              id: 'project',
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
