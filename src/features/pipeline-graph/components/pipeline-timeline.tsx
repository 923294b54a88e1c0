import { useMemo } from 'react';
import type { Bridge, Job } from '../../../gitlab/index.ts';
import { formatDuration, projectPath, StatusIcon, statusLook, useNow } from '../../../ui/index.ts';
import { RouteLink } from './route-link.tsx';
import { buildTimeline, type PipelineJobsInput, type TimelineBar } from '../model/index.ts';

type AnyJob = Job | Bridge;

export interface PipelineTimelineProps {
  graph: PipelineJobsInput<Job, Bridge>;
  project: string | number;
  includeRetried: boolean;
  /** Whether bars still grow (some job runs or waits). */
  live: boolean;
}

function pct(value: number, start: number, span: number): number {
  return span <= 0 ? 0 : Math.max(0, Math.min(100, ((value - start) / span) * 100));
}

function barWords(bar: TimelineBar<AnyJob>): string {
  const words: string[] = [];
  if (bar.queuedAt !== null) {
    const queuedEnd = bar.startedAt ?? bar.barEnd ?? bar.queuedAt;
    words.push(`queued ${formatDuration((queuedEnd - bar.queuedAt) / 1000)}${bar.queued ? ' so far' : ''}`);
  }
  if (bar.startedAt !== null && bar.barEnd !== null) words.push(`${bar.running ? 'running for' : 'ran'} ${formatDuration((bar.barEnd - bar.startedAt) / 1000)}`);
  if (words.length === 0) words.push('did not run');
  return words.join(' · ');
}

const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** Every job as a bar from queue to finish on one axis, grouped by stage, with the slowest path marked. */
export function PipelineTimeline({ graph, project, includeRetried, live }: PipelineTimelineProps) {
  // Running bars end at the browser's now: tick every second while something grows.
  const now = useNow(live ? 1000 : 60_000);
  const timeline = useMemo(() => buildTimeline(graph, { now, includeRetried }), [graph, now, includeRetried]);
  const start = timeline.start ?? 0;
  const span = Math.max(1, timeline.durationMs);
  const onPath = new Set(timeline.criticalPath.jobIds);
  const names = new Map<number, string>();
  for (const s of timeline.stages) for (const b of s.bars) names.set(b.job.id, b.job.name);

  if (timeline.start === null) return <p className="muted">No job of this pipeline has started yet.</p>;
  return (
    <div className="pg-timeline">
      <p className="pg-timeline__path">
        <strong>Slowest path</strong> ({formatDuration(timeline.criticalPath.durationMs / 1000)}):{' '}
        {timeline.criticalPath.jobIds.map((id) => names.get(id) ?? `#${id}`).join(' → ') || '–'}
      </p>
      <div className="pg-timeline__axis" aria-hidden="true">
        {TICKS.map((t) => (
          <span key={t} style={{ left: `${t * 100}%` }}>
            {formatDuration((span * t) / 1000)}
          </span>
        ))}
      </div>
      {timeline.stages.map((stage) => (
        <section key={stage.name} className="pg-timeline__stage" aria-label={`Stage ${stage.name}`}>
          <h3 className="pg-stage__title">{stage.name === '' ? '(no stage)' : stage.name}</h3>
          <ul className="pg-timeline__rows">
            {stage.bars.map((bar) => {
              const critical = onPath.has(bar.job.id);
              const look = statusLook(bar.job.status, bar.job.allow_failure === true);
              const queuedEnd = bar.startedAt ?? bar.barEnd;
              return (
                <li key={bar.job.id} className={`pg-timeline__row${critical ? ' is-critical' : ''}${bar.retried ? ' is-retried' : ''}`} data-status={bar.job.status}>
                  <span className="pg-timeline__label">
                    <StatusIcon status={bar.job.status} allowFailure={bar.job.allow_failure === true} />
                    {bar.kind === 'job' ? (
                      <RouteLink path={projectPath(project, 'jobs', bar.job.id)}>{bar.job.name}</RouteLink>
                    ) : (
                      <span>{bar.job.name}</span>
                    )}
                    <span className="visually-hidden">, {look.label}</span>
                  </span>
                  <span className="pg-timeline__track" aria-hidden="true">
                    {bar.queuedAt !== null && queuedEnd !== null ? (
                      <span
                        className="pg-timeline__queued"
                        style={{ left: `${pct(bar.queuedAt, start, span)}%`, width: `${pct(queuedEnd, start, span) - pct(bar.queuedAt, start, span)}%` }}
                      />
                    ) : null}
                    {bar.startedAt !== null && bar.barEnd !== null ? (
                      <span
                        className={`pg-timeline__run tone-${look.tone}`}
                        style={{ left: `${pct(bar.startedAt, start, span)}%`, width: `${Math.max(0.3, pct(bar.barEnd, start, span) - pct(bar.startedAt, start, span))}%` }}
                      />
                    ) : null}
                  </span>
                  <span className="pg-timeline__words">
                    {barWords(bar)}
                    {bar.retried ? ' · older attempt' : ''}
                    {critical ? <span className="pg-timeline__critical"> · on the slowest path</span> : null}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
