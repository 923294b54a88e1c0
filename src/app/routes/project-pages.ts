import { artifactsPage } from './pages/artifacts-page.tsx';
import { jobPage } from './pages/job-page.tsx';
import { jobsPage } from './pages/jobs-page.tsx';
import { pipelinePage } from './pages/pipeline-page.tsx';
import { pipelinesPage } from './pages/pipelines-page.tsx';
import { rawLogPage } from './pages/raw-log-page.tsx';
import type { MatchedProjectPage, ProjectPage } from './project-page.ts';

/**
 * Every page under `/<project>/-/…`, most specific first: the first that matches wins. A new
 * page is a `defineProjectPage({ routes: [pageRoute('pipelines/:pipelineId/failures', …)], … })`
 * module in `pages/` and one line here.
 */
export const projectPages: readonly ProjectPage[] = [artifactsPage, rawLogPage, jobPage, jobsPage, pipelinesPage, pipelinePage];

export function matchProjectPage(rest: readonly string[]): MatchedProjectPage | null {
  for (const page of projectPages) {
    const matched = page.match(rest);
    if (matched) return matched;
  }
  return null;
}
