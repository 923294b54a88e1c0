import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router';
import { PROJECT_ROUTE_ID, projectRouteLoader, ProjectRoute } from './routes/project-route.tsx';
import { ProjectPickerRoute } from './routes/project-picker.tsx';
import { RouteError } from './routes/route-error.tsx';
import { OAuthCallbackRoute } from './routes/oauth-callback-route.tsx';
import { SettingsRoute } from './routes/settings-route.tsx';
import { WallRoute } from './routes/wall-route.tsx';
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
    { id: 'wall', path: 'wall', Component: WallRoute, ErrorBoundary: RouteError },
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
            { index: true, Component: ProjectPickerRoute },
            { path: 'settings', Component: SettingsRoute },
            { path: 'oauth/callback', Component: OAuthCallbackRoute },
            { id: PROJECT_ROUTE_ID, path: '*', loader: projectRouteLoader(deps), Component: ProjectRoute },
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
