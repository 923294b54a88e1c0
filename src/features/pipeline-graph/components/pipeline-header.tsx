import type { Pipeline } from '../../../gitlab/index.ts';
import { Duration, StatusBadge, TimeAgo } from '../../../ui/index.ts';

export interface PipelineHeaderProps {
  pipeline: Pipeline;
  /** GitLab's pipeline entity has no commit title; a job's commit carries it. */
  commitTitle: string | null;
  /** When the pipeline was fetched (ms), so its duration ticks on from GitLab's figure. */
  measuredAt: number;
}

const SOURCES: Record<string, string> = {
  push: 'push',
  web: 'run from the web',
  schedule: 'schedule',
  api: 'API',
  trigger: 'trigger token',
  pipeline: 'multi-project trigger',
  parent_pipeline: 'parent pipeline',
  merge_request_event: 'merge request',
};

/** Status, ref, commit, source, who triggered it, when, how long it ran and waited. */
export function PipelineHeader({ pipeline, commitTitle, measuredAt }: PipelineHeaderProps) {
  const running = pipeline.status === 'running' || pipeline.status === 'pending' || pipeline.status === 'canceling';
  const sha = pipeline.sha ?? null;
  return (
    <header className="pg-header">
      <div className="pg-header__title">
        <StatusBadge status={pipeline.status} />
        <h1>Pipeline #{pipeline.id}</h1>
        {pipeline.name ? <span className="muted">{pipeline.name}</span> : null}
      </div>
      <dl className="pg-header__facts">
        <div>
          <dt>Ref</dt>
          <dd>
            <code>{pipeline.ref ?? '–'}</code>
            {pipeline.tag ? ' (tag)' : ''}
          </dd>
        </div>
        <div>
          <dt>Commit</dt>
          <dd>
            {sha ? <code title={sha}>{sha.slice(0, 8)}</code> : '–'}
            {commitTitle ? <span className="pg-header__commit"> {commitTitle}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{pipeline.source ? (SOURCES[pipeline.source] ?? pipeline.source) : '–'}</dd>
        </div>
        <div>
          <dt>Triggered by</dt>
          <dd>{pipeline.user?.name ?? pipeline.user?.username ?? '–'}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <TimeAgo value={pipeline.created_at} />
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            <Duration seconds={pipeline.duration} running={running && pipeline.started_at != null} measuredAt={measuredAt} startedAt={pipeline.started_at} />
          </dd>
        </div>
        <div>
          <dt>Queued</dt>
          <dd>
            <Duration seconds={pipeline.queued_duration} />
          </dd>
        </div>
      </dl>
    </header>
  );
}
