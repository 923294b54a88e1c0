import type { Culprit, JobSince, RunBound } from '../gitlab/index.ts';
import { TimeAgo } from './time-ago.tsx';

export interface FailingSinceProps {
  /** The walk's answer for one job (or a ref's red run, given as its bound and failures). */
  since: Pick<JobSince, 'state' | 'bound' | 'failures' | 'flaky'> | null;
  culprit: Culprit | null;
  /** An href for the culprit's pipeline (in-app or GitLab's), when the caller has one. */
  pipelineHref?: string | undefined;
  /** One short line (table cells, wall tiles): no commit title. */
  compact?: boolean;
}

const BOUND_WORDS: Record<RunBound, string> = {
  passed: '',
  window: 'at least ',
  'never-passed': 'never passed, ',
  'no-history': '',
};

/**
 * "Failing since #1724, b08c584 'Log slow SQL queries' by Alice, 8 hours ago": the first pipeline
 * of the current run of failures and who pushed it (src/gitlab/failing-since.md).
 */
export function FailingSince({ since, culprit, pipelineHref, compact = false }: FailingSinceProps) {
  if (!since || since.state !== 'failing' || !culprit) return null;
  const bound = since.bound ?? 'passed';
  if (bound === 'no-history') return <span className="failing-since">Failing here; this GitLab lists no earlier child pipelines</span>;
  const pipeline = `#${culprit.pipelineId}`;
  const title = !compact && culprit.title ? ` '${culprit.title}'` : '';
  return (
    <span className="failing-since" title={since.flaky ? 'Flaky: it also failed shortly before its last success' : undefined}>
      {bound === 'never-passed' ? 'Never passed, failing since ' : `Failing since ${BOUND_WORDS[bound]}`}
      {pipelineHref ? <a href={pipelineHref}>{pipeline}</a> : pipeline}
      {culprit.shortSha ? <>, <code>{culprit.shortSha}</code></> : null}
      {title}
      {culprit.author ? ` by ${culprit.author}` : ''}
      {culprit.at ? (
        <>
          , <TimeAgo value={culprit.at} />
        </>
      ) : null}
      {since.failures > 1 ? ` (${since.failures} pipelines)` : ''}
      {since.flaky ? ' · flaky' : ''}
    </span>
  );
}
