/**
 * A ref's current run, read from its pipelines (newest first): red since the first failed pipeline
 * of the current run of failures, green since the first passing pipeline of the current run of
 * successes. Canceled, skipped and unfinished pipelines (running, manual, …) neither end nor extend
 * a run. Pure; the wall's tiles read it.
 */
/** What the walk reads of a pipeline. */
export interface RunPipeline {
  id: number;
  status: string;
}

export interface RefRun<P extends RunPipeline = RunPipeline> {
  /** `unknown`: no finished pipeline in the history. */
  state: 'failing' | 'passing' | 'unknown';
  /** The newest finished (passed or failed) pipeline. */
  latest: P | null;
  /** The oldest pipeline of the current run (the one that broke it, or fixed it). */
  since: P | null;
  /** Pipelines in the run (failed ones when failing, passed ones when passing). */
  count: number;
  /** false: the history ended inside the run, so it is at least `count` long and began before `since`. */
  complete: boolean;
}

/** `exhausted`: the list holds the ref's whole history (GitLab had no older pipelines). */
export function refRun<P extends RunPipeline>(pipelines: readonly P[], exhausted = false): RefRun<P> {
  let latest: P | null = null;
  let since: P | null = null;
  let count = 0;
  for (const p of pipelines) {
    if (p.status !== 'success' && p.status !== 'failed') continue;
    if (latest === null) latest = p;
    if (p.status !== latest.status) return { state: stateOf(latest), latest, since, count, complete: true };
    since = p;
    count++;
  }
  if (latest === null) return { state: 'unknown', latest: null, since: null, count: 0, complete: exhausted };
  return { state: stateOf(latest), latest, since, count, complete: exhausted };
}

function stateOf(p: RunPipeline): 'failing' | 'passing' {
  return p.status === 'failed' ? 'failing' : 'passing';
}
