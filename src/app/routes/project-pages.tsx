import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Connection, Project } from '../../gitlab/index.ts';
import type { AppEnv } from '../providers.tsx';
import { artifactsPage } from './pages/artifacts-page.tsx';
import { jobPage } from './pages/job-page.tsx';
import { jobsPage } from './pages/jobs-page.tsx';
import { pipelinePage } from './pages/pipeline-page.tsx';
import { pipelinesPage } from './pages/pipelines-page.tsx';

/** What a project page's loader and component receive. */
export interface ProjectPageContext {
  queryClient: QueryClient;
  connection: Connection;
  project: Project;
  /** The project's path (`acme/platform/backend`), or its id when GitLab sent no path. */
  projectPath: string;
  /** What the page's `match` returned for the URL. */
  params: Readonly<Record<string, string>>;
  env: AppEnv;
  request: Request;
}

export interface ProjectPageProps {
  connection: Connection;
  project: Project;
  projectPath: string;
  params: Readonly<Record<string, string>>;
}

/**
 * One page under `/<project>/-/…`. `match` gets the decoded segments after `/-/` and returns the
 * page's params, or null when the URL is not this page. `load` warms the queries the page reads
 * (with the same queryOptions); a failure there must not hide the project: the page shows it.
 */
export interface ProjectPage {
  kind: string;
  match(rest: readonly string[]): Record<string, string> | null;
  load?(context: ProjectPageContext): Promise<void>;
  title(params: Readonly<Record<string, string>>, projectPath: string): string;
  Component(props: ProjectPageProps): ReactNode;
}

/** Every project page, most specific first: the first whose `match` succeeds wins. */
export const projectPages: readonly ProjectPage[] = [artifactsPage, jobPage, jobsPage, pipelinesPage, pipelinePage];

export function matchProjectPage(rest: readonly string[]): { page: ProjectPage; params: Record<string, string> } | null {
  for (const page of projectPages) {
    const params = page.match(rest);
    if (params) return { page, params };
  }
  return null;
}

export function matchPageByKind(kind: string): ProjectPage | undefined {
  return projectPages.find((p) => p.kind === kind);
}
