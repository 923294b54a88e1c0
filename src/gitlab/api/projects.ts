import { queryOptions } from '@tanstack/react-query';
import { fetchPage } from '../pagination.ts';
import type { Page } from '../pagination.ts';
import { gitlabKeys } from '../query-keys.ts';
import type { ProjectListParams } from '../query-keys.ts';
import { gitlabRequest, projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { ProjectSchema } from '../types.ts';
import type { Project } from '../types.ts';

/** `GET /projects/:id` by numeric id or full path. */
export async function fetchProject(conn: Connection, project: ProjectRef, signal?: AbortSignal): Promise<Project> {
  const { data } = await gitlabRequest(conn, `/projects/${projectSegment(project)}`, { schema: ProjectSchema, signal });
  return data;
}

export function projectQueryOptions(conn: Connection, project: ProjectRef) {
  return queryOptions({
    queryKey: gitlabKeys.project(conn, project),
    queryFn: ({ signal }) => fetchProject(conn, project, signal),
    staleTime: 5 * 60 * 1000,
  });
}

/** `GET /projects?simple=true&membership=…&search=…`, most recently active first. */
export async function fetchProjects(conn: Connection, params: ProjectListParams = {}, page = 1, signal?: AbortSignal): Promise<Page<Project>> {
  return fetchPage(conn, '/projects', {
    item: ProjectSchema,
    query: {
      simple: true,
      membership: params.membership ?? true,
      search: params.search?.trim() || undefined,
      order_by: 'last_activity_at',
      sort: 'desc',
    },
    perPage: params.perPage ?? 20,
    cursor: { mode: 'offset', page },
    signal,
  });
}

export function projectsQueryOptions(conn: Connection, params: ProjectListParams = {}, page = 1) {
  return queryOptions({
    queryKey: gitlabKeys.projectListPage(conn, params, page),
    queryFn: ({ signal }) => fetchProjects(conn, params, page, signal),
    staleTime: 60 * 1000,
  });
}
