import { useEffect } from 'react';
import { data, redirect, useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { projectQueryOptions, type Project } from '../../gitlab/index.ts';
import { linkPath, resolveGitLabPath } from '../gitlab-links.ts';
import { isNumericProjectRef, parseProjectLocation } from '../gitlab-paths.ts';
import { useSession, useSessionStore } from '../providers.tsx';
import type { RouterDeps } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { matchPageByKind, matchProjectPage } from './project-pages.tsx';

export interface ProjectRouteData {
  project: Project;
  /** The matched page's kind (see project-pages.tsx). */
  kind: string;
  params: Record<string, string>;
}

function projectPathOf(project: Project): string {
  return project.path_with_namespace ?? String(project.id);
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
    const matched = location ? matchProjectPage(location.rest) : null;
    if (!location || !matched) {
      // Not a dashboard page as written: the same resolver as the paste box finds the nearest one
      // (the project root, a commit, a raw log…) or says what is wrong with the link.
      const url = new URL(request.url);
      const resolved = resolveGitLabPath(`/${splat}`, url.search, url.hash);
      if (!resolved.ok) {
        if (location) throw data(resolved.reason, { status: 400, statusText: 'Bad link' });
        throw data(null, { status: 404, statusText: 'Not Found' });
      }
      const { target, project } = resolved.link;
      // No raw-log page yet: the job page shows the whole log.
      const path = target.page === 'job-raw' ? linkPath(project, { page: 'job', jobId: target.jobId }) : resolved.link.path;
      if (path.split('?')[0] !== `/${splat}`.replace(/\/+$/, '')) throw redirect(path);
      throw data(null, { status: 404, statusText: 'Not Found' });
    }

    // Inside a portal the token may still be on its way (ci-dashboard:token): wait for it a while.
    const connection = await session.waitForConnection(request.signal);
    if (!connection) {
      const search = new URL(request.url).search;
      throw redirect(`/settings?next=${encodeURIComponent(`/${splat}${search}`)}`);
    }
    const ref = isNumericProjectRef(location.project) ? Number(location.project) : location.project;
    const project = await queryClient.ensureQueryData(projectQueryOptions(connection, ref));
    // The page shows its own error and retry; a failed first load must not hide the project.
    await matched.page
      .load?.({ queryClient, connection, project, projectPath: projectPathOf(project), params: matched.params, env, request })
      .catch(() => undefined);
    return { project, kind: matched.page.kind, params: matched.params };
  };
}

export function ProjectRoute() {
  const { project, kind, params } = useLoaderData<ProjectRouteData>();
  const { connection } = useSession();
  const session = useSessionStore();
  const path = projectPathOf(project);
  const page = matchPageByKind(kind);
  useDocumentTitle(page ? page.title(params, path) : path);

  useEffect(() => {
    session.addRecentProject({ id: project.id, path, name: project.name });
  }, [session, project.id, project.name, path]);

  if (!connection || !page) return null; // the loader redirects first; this covers a disconnect meanwhile
  const { Component } = page;
  return <Component connection={connection} project={project} projectPath={path} params={params} />;
}
