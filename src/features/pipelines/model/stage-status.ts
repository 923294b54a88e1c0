// Each stage's status from its jobs, for the mini graph of a row (GitLab's pipelines list shows
// one icon per stage). Stages come in pipeline order: REST has no stage index, so the order is
// that of the stages' first jobs by id (jobs are created stage by stage).

export interface StageJob {
  id: number;
  stage?: string | null | undefined;
  status: string;
  allow_failure?: boolean | null | undefined;
}

export interface StageSummary {
  name: string;
  status: string;
  /** A failure that was allowed: GitLab's "passed with warnings". */
  warnings: boolean;
  jobs: number;
}

// GitLab's Ci::HasStatus composite, simplified to one status per group of jobs: the first rule
// that matches wins.
const ORDER: readonly [string, (seen: Set<string>) => boolean][] = [
  ['running', (s) => s.has('running') || s.has('canceling') || (s.has('pending') && (s.has('success') || s.has('failed')))],
  ['pending', (s) => s.has('pending')],
  ['preparing', (s) => s.has('preparing')],
  ['waiting_for_resource', (s) => s.has('waiting_for_resource')],
  ['waiting_for_callback', (s) => s.has('waiting_for_callback')],
  ['failed', (s) => s.has('failed')],
  ['created', (s) => s.has('created')],
  ['scheduled', (s) => s.has('scheduled')],
  ['manual', (s) => s.has('manual') && !s.has('success')],
  ['canceled', (s) => s.has('canceled') && !s.has('success')],
  ['success', (s) => s.has('success')],
  ['skipped', (s) => s.has('skipped')],
];

/** One status for a group of jobs (failures that may fail count as success with warnings). */
export function compositeStatus(jobs: readonly StageJob[]): { status: string; warnings: boolean } {
  const seen = new Set<string>();
  let warnings = false;
  for (const job of jobs) {
    if (job.status === 'failed' && job.allow_failure) {
      warnings = true;
      seen.add('success');
    } else seen.add(job.status);
  }
  for (const [status, rule] of ORDER) if (rule(seen)) return { status, warnings: warnings && status === 'success' };
  // Only statuses this dashboard does not know: show the first as it is.
  const unknown = jobs[0]?.status;
  return { status: unknown ?? 'created', warnings: false };
}

export function stageSummaries(jobs: readonly StageJob[]): StageSummary[] {
  const byStage = new Map<string, { first: number; jobs: StageJob[] }>();
  for (const job of jobs) {
    const name = job.stage ?? 'test';
    const entry = byStage.get(name);
    if (entry) {
      entry.jobs.push(job);
      entry.first = Math.min(entry.first, job.id);
    } else byStage.set(name, { first: job.id, jobs: [job] });
  }
  return [...byStage.entries()]
    .sort((a, b) => a[1].first - b[1].first)
    .map(([name, entry]) => ({ name, ...compositeStatus(entry.jobs), jobs: entry.jobs.length }));
}
