import { askPipelinePage, parseViewState } from '../../features/pipeline-graph/index.ts';
import { defineProjectPage, pageRoute, parseId, type MatchedProjectPage, type ProjectPage } from './project-page.ts';

/**
 * Every page under `/<project>/-/…`, most specific first: the first that matches wins. Each
 * entry is the page's URL shapes, their parsers and its title; its loader and component are
 * the `pages/` module it names, a chunk of its own fetched only when a URL matches (decision
 * 0022): this table, not the pages, is what the project route's own chunk holds. A new page is
 * a `projectPageModule` in `pages/` and an entry here.
 */

/** `/<project>/-/jobs?scope=failed&name=rspec`: the project's jobs. */
export const jobsRoute = defineProjectPage({
  routes: [pageRoute('jobs', () => ({}))],
  title: (_params, projectPath) => `Jobs · ${projectPath}`,
  module: () => import('./pages/jobs-page.tsx').then((m) => m.jobsPage),
});

/** `/<project>/-/jobs/:jobId`: one job, its header and its whole log. */
export const jobRoute = defineProjectPage({
  routes: [
    pageRoute('jobs/:jobId', (param) => {
      const jobId = parseId(param('jobId'));
      return jobId === null ? null : { jobId };
    }),
  ],
  title: (params, projectPath) => `Job #${params.jobId} · ${projectPath}`,
  module: () => import('./pages/job-page.tsx').then((m) => m.jobPage),
});

/** `/<project>/-/jobs/:id/raw`, GitLab's raw log link: the whole log as plain text. */
export const rawLogRoute = defineProjectPage({
  routes: [
    pageRoute('jobs/:jobId/raw', (param) => {
      const jobId = parseId(param('jobId'));
      return jobId === null ? null : { jobId };
    }),
  ],
  title: (params, projectPath) => `Raw log of job #${params.jobId} · ${projectPath}`,
  module: () => import('./pages/raw-log-page.tsx').then((m) => m.rawLogPage),
});

export interface PipelineParams {
  pipelineId: number;
  /** GitLab's `/-/pipelines/:id/failures`: the Failures tab. */
  tab: 'pipeline' | 'failures';
}

/** `/<project>/-/pipelines/:id` (and `/failures`): the pipeline graph, its downstream pipelines and its timeline. */
export const pipelineRoute = defineProjectPage({
  routes: [
    pageRoute('pipelines/:pipelineId', (param): PipelineParams | null => {
      const pipelineId = parseId(param('pipelineId'));
      return pipelineId === null ? null : { pipelineId, tab: 'pipeline' };
    }),
    pageRoute('pipelines/:pipelineId/failures', (param): PipelineParams | null => {
      const pipelineId = parseId(param('pipelineId'));
      return pipelineId === null ? null : { pipelineId, tab: 'failures' };
    }),
    // GitLab's Jobs and Tests tabs (`/builds`, `/test_report`): the graph shows every job.
    pageRoute('pipelines/:pipelineId/:gitlabTab', (param): PipelineParams | null => {
      const pipelineId = parseId(param('pipelineId'));
      return pipelineId === null || !['builds', 'test_report'].includes(param('gitlabTab')) ? null : { pipelineId, tab: 'pipeline' };
    }),
  ],
  title: (params, projectPath) => `${params.tab === 'failures' ? 'Failures · ' : ''}Pipeline #${params.pipelineId} · ${projectPath}`,
  module: () => import('./pages/pipeline-page.tsx').then((m) => m.pipelinePage),
  // The header, the jobs and the trigger jobs, as the module's load warms them.
  early: ({ ask, connection, params, env, search }) =>
    askPipelinePage(ask, connection, params.pipelineId, { includeRetried: parseViewState(search).retried, poll: env.poll }),
});

/** `/<project>/-/pipelines?scope=tags&status=failed`: the project's pipelines, beside Jobs. */
export const pipelinesRoute = defineProjectPage({
  routes: [pageRoute('pipelines', () => ({}))],
  title: (_params, projectPath) => `Pipelines · ${projectPath}`,
  module: () => import('./pages/pipelines-page.tsx').then((m) => m.pipelinesPage),
});

export interface ArtifactsParams {
  jobId: number;
  /** The file or folder inside the archive; '' for its root. */
  path: string;
}

function artifactsParams(jobId: string, path: string): ArtifactsParams | null {
  const id = parseId(jobId);
  return id === null ? null : { jobId: id, path };
}

/**
 * `/<project>/-/jobs/:id/artifacts/browse/*path` (GitLab's own path), `/<project>/-/jobs/:id/artifacts`
 * (the browse root), and GitLab's `…/artifacts/file/*path` and `…/artifacts/raw/*path` (that file's
 * preview). The router hands the segments decoded, so names with spaces or any script arrive as typed.
 */
export const artifactsRoute = defineProjectPage({
  routes: [
    pageRoute('jobs/:jobId/artifacts', (param) => artifactsParams(param('jobId'), '')),
    pageRoute('jobs/:jobId/artifacts/browse/*', (param) => artifactsParams(param('jobId'), param('*'))),
    pageRoute('jobs/:jobId/artifacts/file/*', (param) => (param('*') === '' ? null : artifactsParams(param('jobId'), param('*')))),
    pageRoute('jobs/:jobId/artifacts/raw/*', (param) => (param('*') === '' ? null : artifactsParams(param('jobId'), param('*')))),
  ],
  title: (params, projectPath) => `${params.path ? `${params.path} · ` : ''}Artifacts of job #${params.jobId} · ${projectPath}`,
  module: () => import('./pages/artifacts-page.tsx').then((m) => m.artifactsPage),
});

export const projectPages: readonly ProjectPage[] = [artifactsRoute, rawLogRoute, jobRoute, jobsRoute, pipelinesRoute, pipelineRoute];

export function matchProjectPage(rest: readonly string[]): MatchedProjectPage | null {
  for (const page of projectPages) {
    const matched = page.match(rest);
    if (matched) return matched;
  }
  return null;
}
