/**
 * What the project route hands to the shell (the header's project), kept apart from the route's
 * module so that the shell does not pull the project pages into the first screen's script.
 */
import { useRouteLoaderData } from 'react-router';
import type { Project } from '../../gitlab/index.ts';
import type { ShownProjectPage } from './project-page.ts';

/** The route id of every project page (the shell reads its data for the header). */
export const PROJECT_ROUTE_ID = 'project';

export interface ProjectRouteData {
  project: Project;
  /** The project's path (`acme/platform/backend`), or its id when GitLab sent no path. */
  projectPath: string;
  /** The page the URL names, its params parsed and its code loaded. */
  page: ShownProjectPage;
}

/** The project of the page being shown, when it is a project page (for the shell's header). */
export function useCurrentProject(): ProjectRouteData | null {
  return useRouteLoaderData<ProjectRouteData>(PROJECT_ROUTE_ID) ?? null;
}
