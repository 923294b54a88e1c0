import { useEffect, useMemo } from 'react';
import { data, redirect, useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { askByPath, ProjectScopeContext, projectQueryOptions, type Project, type ProjectScope } from '../../gitlab/index.ts';
import { resolveGitLabPath } from '../gitlab-links.ts';
import { isNumericProjectRef, parseProjectLocation } from '../gitlab-paths.ts';
import { useSession, useSessionStore, useWriteAccess } from '../providers.tsx';
import type { RouterDeps } from '../router-deps.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import type { ProjectRouteData } from './project-route-data.ts';
import { matchProjectPage } from './project-pages.ts';

export { PROJECT_ROUTE_ID, useCurrentProject, type ProjectRouteData } from './project-route-data.ts';

function projectPathOf(project: Project): string {
  return project.path_with_namespace ?? String(project.id);
}

/**
 * Starts fetching the code of the project page `splat` names, before the router runs its loader
 * (router.tsx, `preloadPageCode`); the loader's own `open()` then finds the module on its way.
 * Resolves to false when `splat` names no project page.
 */
export async function preloadProjectPage(splat: string): Promise<boolean> {
  const location = parseProjectLocation(splat);
  const page = location ? matchProjectPage(location.rest) : null;
  if (!page) return false;
  await page.open();
  return true;
}

/**
 * Resolves `/<project path or id>/-/<page>`: unknown pages are a 404 (the not-found page),
 * no connection sends the person to Settings and back, and the project and the page's first
 * data are fetched with the same queryOptions the page reads.
 */
export function projectRouteLoader({ queryClient, session, env }: RouterDeps) {
  return async ({ params, request }: LoaderFunctionArgs): Promise<ProjectRouteData> => {
    const splat = params['*'] ?? '';
    const location = parseProjectLocation(splat);
    const page = location ? matchProjectPage(location.rest) : null;
    if (!location || !page) {
      // Not a dashboard page as written: the same resolver as the paste box finds the nearest one
      // (the project root, a commit, a raw log…) or says what is wrong with the link.
      const url = new URL(request.url);
      const resolved = resolveGitLabPath(`/${splat}`, url.search, url.hash);
      if (!resolved.ok) {
        if (location) throw data(resolved.reason, { status: 400, statusText: 'Bad link' });
        throw data(null, { status: 404, statusText: 'Not Found' });
      }
      const path = resolved.link.path;
      if (path.split('?')[0] !== `/${splat}`.replace(/\/+$/, '')) throw redirect(path);
      throw data(null, { status: 404, statusText: 'Not Found' });
    }

    // The page's own code (its chunk) is fetched beside the connection and the project.
    const opening = page.open();
    opening.catch(() => undefined); // awaited below; a failure then is the route's error
    // Inside a portal the token may still be on its way (ci-dashboard:token): wait for it a while.
    const connection = await session.waitForConnection(request.signal);
    const url = new URL(request.url);
    if (!connection) throw redirect(`/settings?next=${encodeURIComponent(`/${splat}${url.search}`)}`);
    const ref = isNumericProjectRef(location.project) ? Number(location.project) : location.project;
    const projectOptions = projectQueryOptions(connection, ref);
    // Named by its path and not looked up yet: the page's first requests go out by the path now,
    // beside the lookup (GitLab takes either), and are adopted under the id's keys once it is known.
    const early = typeof ref === 'string' && page.early && queryClient.getQueryData(projectOptions.queryKey) === undefined ? askByPath(queryClient, ref, request.signal) : null;
    if (early) page.early?.({ ask: early.ask, connection, env, search: url.searchParams });
    const lookup = queryClient.ensureQueryData(projectOptions).then(
      (found) => {
        early?.adopt(found.id);
        return found;
      },
      (error: unknown) => {
        early?.abandon();
        throw error;
      },
    );
    const [project, opened] = await Promise.all([lookup, opening]);
    // The page shows its own error and retry; a failed first load must not hide the project.
    await opened.load({ queryClient, connection, project, env, search: url.searchParams }).catch(() => undefined);
    return { project, projectPath: projectPathOf(project), page: { title: page.title, render: opened.render } };
  };
}

export function ProjectRoute() {
  const { project, projectPath, page } = useLoaderData<ProjectRouteData>();
  const { connection } = useSession();
  const session = useSessionStore();
  const { readOnly, canWrite } = useWriteAccess();
  useDocumentTitle(page.title(projectPath));

  useEffect(() => {
    session.addRecentProject({ id: project.id, path: projectPath, name: project.name });
  }, [session, project.id, project.name, projectPath]);

  const scope = useMemo<ProjectScope | null>(
    () => (connection ? { connection, projectId: project.id, projectPath, readOnly, canWrite } : null),
    [connection, project.id, projectPath, readOnly, canWrite],
  );
  if (!scope) return null; // the loader redirects first; this covers a disconnect meanwhile
  return <ProjectScopeContext value={scope}>{page.render()}</ProjectScopeContext>;
}
