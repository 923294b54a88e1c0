/**
 * The passing streak of a ref (issue 17: "passing for 3 days", "12 passed in a row"): from the
 * newest finished pipeline back to the first success after the last failure. The red side ("failing
 * since", "who broke it") is the shared model's `pipelineRedRun` (src/gitlab/failing-since.ts),
 * whose rules this follows: canceled, skipped and unfinished pipelines neither end nor extend a run.
 */

/** What the walk reads of a pipeline. */
export interface RunPipeline {
  id: number;
  status: string;
}

export interface PassingRun<P extends RunPipeline = RunPipeline> {
  /** The first passing pipeline of the current run (the one that made it green). */
  since: P;
  /** Passed pipelines in the run. */
  count: number;
  /** false: the history ended inside the run, so it is at least `count` long and began before `since`. */
  complete: boolean;
}

/** The current passing run, or null when the newest finished pipeline did not pass. `exhausted`: the list is the ref's whole history. */
export function passingRun<P extends RunPipeline>(pipelines: readonly P[], exhausted = false): PassingRun<P> | null {
  let since: P | null = null;
  let count = 0;
  for (const p of pipelines) {
    if (p.status === 'failed') return since ? { since, count, complete: true } : null;
    if (p.status !== 'success') continue;
    since = p;
    count++;
  }
  return since ? { since, count, complete: exhausted } : null;
}
