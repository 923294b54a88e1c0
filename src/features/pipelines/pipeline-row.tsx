import { useQuery } from '@tanstack/react-query';
import { memo, useEffect, useMemo, useRef } from 'react';
import { isActiveStatus, type Connection, type PipelineBasic, type PollIntervals } from '../../gitlab/index.ts';
import { Duration, MissingValue, projectPath, StatusBadge, StatusIcon, statusLook, TimeAgo, type RouteLinks } from '../../ui/index.ts';
import { stageSummaries } from './model/stage-status.ts';
import { pipelineRowBridgesQuery, pipelineRowDetailQuery, pipelineRowJobsQuery } from './pipeline-list-query.ts';
import { useOnScreen } from './use-on-screen.ts';

export interface PipelineRowProps {
  connection: Connection;
  projectId: number;
  projectPath: string;
  pipeline: PipelineBasic;
  poll?: PollIntervals | undefined;
  links: RouteLinks;
}

const SOURCE_WORDS: Record<string, string> = { merge_request_event: 'merge request', parent_pipeline: 'parent pipeline', external_pull_request_event: 'external pull request' };

function sourceWord(source: string): string {
  return SOURCE_WORDS[source] ?? source.replaceAll('_', ' ');
}

/** One pipeline: status, id, ref or tag, source, commit, who, how long, when, and its stages. */
export const PipelineRow = memo(function PipelineRow({ connection, projectId, projectPath: path, pipeline, poll, links }: PipelineRowProps) {
  const rowRef = useRef<HTMLTableRowElement>(null);
  const onScreen = useOnScreen(rowRef);
  // A row polls while its own pipeline may still change; the list tells it when the status moves.
  const rowPoll = isActiveStatus(pipeline.status) ? poll : undefined;
  const detail = useQuery({ ...pipelineRowDetailQuery(connection, projectId, pipeline.id, rowPoll), enabled: onScreen });
  const jobs = useQuery({ ...pipelineRowJobsQuery(connection, projectId, pipeline.id, rowPoll), enabled: onScreen });
  const bridges = useQuery({ ...pipelineRowBridgesQuery(connection, projectId, pipeline.id, rowPoll), enabled: onScreen });
  const stages = useMemo(
    () => (jobs.data && bridges.data ? stageSummaries([...jobs.data.items, ...bridges.data.items]) : null),
    [jobs.data, bridges.data],
  );
  // The list (polled) saw the status move: the row's own data catches up at once, even when it
  // no longer polls (a finished pipeline).
  const listStatus = pipeline.status;
  const detailStatus = detail.data?.status;
  const { refetch: refetchDetail } = detail;
  const { refetch: refetchJobs } = jobs;
  const { refetch: refetchBridges } = bridges;
  useEffect(() => {
    if (!onScreen || detailStatus === undefined || detailStatus === listStatus) return;
    void refetchDetail();
    void refetchJobs();
    void refetchBridges();
  }, [onScreen, listStatus, detailStatus, refetchDetail, refetchJobs, refetchBridges]);
  const d = detail.data;
  const commit = jobs.data?.items[0]?.commit;
  const sha = pipeline.sha ?? d?.sha;
  const pipelinePath = projectPath(path, 'pipelines', pipeline.id);
  const tag = d?.tag ?? false;
  const status = pipeline.status;
  return (
    <tr ref={rowRef} className="pipelines__row" data-pipeline={pipeline.id}>
      <td>
        <a href={links.href(pipelinePath)} data-route={pipelinePath} className="pipelines__status-link" aria-label={`Pipeline #${pipeline.id}: ${statusLook(status).label}`}>
          <StatusBadge status={status} />
        </a>
      </td>
      <td>
        <a href={links.href(pipelinePath)} data-route={pipelinePath}>
          #{pipeline.id}
        </a>
        {pipeline.iid != null ? <span className="muted small"> (#{pipeline.iid})</span> : null}
      </td>
      <td>
        {pipeline.ref ? (
          <span className="pipelines__ref">
            {tag ? <span className="job-tag">tag</span> : null} <code>{pipeline.ref}</code>
          </span>
        ) : (
          <MissingValue label="no ref" />
        )}
      </td>
      <td>{pipeline.source ? <span className="pipelines__source">{sourceWord(pipeline.source)}</span> : <MissingValue label="no source" />}</td>
      <td className="pipelines__commit">
        {sha ? <code>{sha.slice(0, 8)}</code> : <MissingValue label="no commit" />}
        {commit?.title ? <span className="pipelines__title"> {commit.title}</span> : null}
      </td>
      <td>{d?.user ? <span title={d.user.username ? `@${d.user.username}` : undefined}>{d.user.name}</span> : detail.isPending ? <span className="muted" aria-label="Loading">…</span> : <MissingValue label="unknown" />}</td>
      <td>
        <Duration seconds={d?.duration} running={status === 'running'} measuredAt={detail.dataUpdatedAt} startedAt={d?.started_at ?? null} />
      </td>
      <td>
        <TimeAgo value={pipeline.created_at ?? d?.created_at} />
      </td>
      <td>
        <StageIcons stages={stages} loading={jobs.isPending || bridges.isPending} failed={jobs.isError} pipelineId={pipeline.id} />
      </td>
    </tr>
  );
});

function StageIcons({ stages, loading, failed, pipelineId }: { stages: ReturnType<typeof stageSummaries> | null; loading: boolean; failed: boolean; pipelineId: number }) {
  if (failed) return <span className="muted small">stages unavailable</span>;
  if (!stages) return loading ? <span className="muted small" aria-label="Loading stages">…</span> : <MissingValue label="no stages" />;
  if (stages.length === 0) return <MissingValue label="no jobs" />;
  return (
    <ul className="pipelines__stages" aria-label={`Stages of pipeline #${pipelineId}`}>
      {stages.map((s) => {
        const look = statusLook(s.status);
        const word = s.warnings ? 'passed with warnings' : look.label;
        return (
          <li key={s.name} title={`${s.name}: ${word}`} aria-label={`${s.name}: ${word}`}>
            <StatusIcon status={s.warnings ? 'failed' : s.status} allowFailure={s.warnings} />
          </li>
        );
      })}
    </ul>
  );
}
