import { lazy, Suspense } from 'react';
import { ArtifactActions } from '../../../features/job-actions/index.ts';
import { ArtifactBrowser } from '../../../features/artifacts/index.ts';
import { jobQueryOptions, versionQueryOptions, type Job } from '../../../gitlab/index.ts';
import { LoadingState } from '../../../ui/index.ts';
import { useAppEnv } from '../../providers.tsx';
import { projectPageModule } from '../project-page.ts';
import type { ArtifactsParams } from '../project-pages.ts';

function ArtifactsPage({ params }: { params: ArtifactsParams }) {
  const { poll } = useAppEnv();
  return (
    <ArtifactBrowser
      jobId={params.jobId}
      path={params.path}
      poll={poll}
      // Coloured logs in artifacts go through the job log's own escaping and colours.
      renderAnsiText={renderAnsiText}
      renderArtifactActions={renderArtifactActions}
    />
  );
}

// The actions read the project and whether acting is allowed from the page's ProjectScope.
const renderArtifactActions = (job: Job) => <ArtifactActions job={job} />;

// The job log's viewer (its model and ANSI colours) comes only when a coloured log is previewed.
const StaticLog = lazy(() => import('../../../features/job-log/index.ts').then((m) => ({ default: m.StaticLog })));

function renderAnsiText(text: string, label: string) {
  return (
    <Suspense fallback={<LoadingState label={`Loading ${label}`} />}>
      <StaticLog text={text} label={label} height="70vh" />
    </Suspense>
  );
}

/** The artifact browser's code (its URLs and title: `artifactsRoute` in project-pages.ts). */
export const artifactsPage = projectPageModule<ArtifactsParams>({
  load: ({ queryClient, connection, project, params, env }) =>
    Promise.all([
      queryClient.ensureQueryData(jobQueryOptions(connection, project.id, params.jobId, { poll: env.poll })),
      queryClient.ensureQueryData(versionQueryOptions(connection)).catch(() => undefined),
    ]),
  Component: ArtifactsPage,
});
