import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../pagination.ts';
import type { AllPages } from '../pagination.ts';
import { gitlabKeys } from '../query-keys.ts';
import { projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { ProjectSchema } from '../types.ts';
import type { Project } from '../types.ts';

/** A group of more than this many projects is cut (and says so through `AllPages.truncated`). */
export const GROUP_PROJECTS_MAX_PAGES = 10;

/**
 * Every project of a group and of all its subgroups (`GET /groups/:id/projects?include_subgroups=true`),
 * not archived, by numeric id or full path, in pages of 100.
 */
export function fetchGroupProjects(conn: Connection, group: ProjectRef, signal?: AbortSignal): Promise<AllPages<Project>> {
  return fetchAllPages(conn, `/groups/${projectSegment(group)}/projects`, {
    item: ProjectSchema,
    query: { include_subgroups: true, archived: false, simple: true, order_by: 'path', sort: 'asc' },
    perPage: 100,
    maxPages: GROUP_PROJECTS_MAX_PAGES,
    signal,
  });
}

export function groupProjectsQueryOptions(conn: Connection, group: ProjectRef) {
  return queryOptions({
    queryKey: gitlabKeys.groupProjects(conn, group),
    queryFn: ({ signal }) => fetchGroupProjects(conn, group, signal),
    // A group's projects change rarely; a wall picks up a new one within the hour.
    staleTime: 60 * 60 * 1000,
  });
}
