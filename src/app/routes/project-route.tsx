import { useEffect } from 'react';
import { data, redirect, useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { projectQueryOptions, type Project } from '../../gitlab/index.ts';
import { LatestJobs, latestJobsQueryOptions } from '../../features/jobs/index.ts';
import { isNumericProjectRef, parseProjectLocation } from '../gitlab-paths.ts';
import { useAppEnv, useSession, useSessionStore } from '../providers.tsx';
import type { RouterDeps } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';

/** The project pages that exist so far; later issues add job, pipeline and artifact pages here. */
export type ProjectPage = { kind: 'jobs' };

function matchProjectPage(rest: readonly string[]): ProjectPage | null {
  if (rest.length === 1 && rest[0] === 'jobs') return { kind: 'jobs' };
  return null;
}

export interface ProjectRouteData {
  project: Project;
  page: ProjectPage;
}

/**
 * Resolves `/<project path or id>/-/<page>`: unknown pages are a 404 (the not-found page),
 * no connection sends the person to Settings and back, and the project and its first data
 * are fetched with the same queryOptions the page reads.
 */
export function projectRouteLoader({ queryClient, session, env }: RouterDeps) {
  return async ({ params, request }: LoaderFunctionArgs): Promise<ProjectRouteData> => {
    const splat = params['*'] ?? '';
    const location = parseProjectLocation(splat);
    const page = location ? matchProjectPage(location.rest) : null;
    if (!location || !page) throw data(null, { status: 404, statusText: 'Not Found' });

    const { connection } = session.get();
    if (!connection) {
      const search = new URL(request.url).search;
      throw redirect(`/settings?next=${encodeURIComponent(`/${splat}${search}`)}`);
    }
    const ref = isNumericProjectRef(location.project) ? Number(location.project) : location.project;
    const project = await queryClient.ensureQueryData(projectQueryOptions(connection, ref));
    // The table shows its own error and retry; a failed first load must not hide the project.
    await queryClient.ensureQueryData(latestJobsQueryOptions(connection, project.id, env.poll)).catch(() => undefined);
    return { project, page };
  };
}

export function ProjectRoute() {
  const { project, page } = useLoaderData<ProjectRouteData>();
  const { connection } = useSession();
  const session = useSessionStore();
  const { poll } = useAppEnv();
  const path = project.path_with_namespace ?? String(project.id);
  useDocumentTitle(`Jobs · ${path}`);

  useEffect(() => {
    session.addRecentProject({ id: project.id, path, name: project.name });
  }, [session, project.id, project.name, path]);

  if (!connection) return null; // the loader redirects first; this covers a disconnect meanwhile
  switch (page.kind) {
    case 'jobs':
      return (
        <>
          <div className="page-header">
            <h1>Jobs</h1>
            <span className="muted">{path}</span>
          </div>
          <LatestJobs connection={connection} projectId={project.id} projectLabel={path} poll={poll} />
        </>
      );
  }
}
