// What a person shares about the pipeline page lives in the URL:
// `?view=timeline&retried=1&expand=2:1735,1:1734` (view, older attempts, expanded downstream cards).
import type { PipelineRef } from './model/index.ts';

export type PipelineView = 'graph' | 'timeline';

export interface PipelineViewState {
  view: PipelineView;
  /** Show older attempts (fetched with include_retried). */
  retried: boolean;
  /** Downstream pipelines expanded inline, in the order they were opened. */
  expand: PipelineRef[];
}

export const DEFAULT_VIEW_STATE: PipelineViewState = { view: 'graph', retried: false, expand: [] };

/** `2:1735` for project 2's pipeline 1735; a project path (`acme/x:12`) when the id is unknown. */
export function refToParam(ref: PipelineRef): string {
  return `${String(ref.project)}:${ref.pipelineId}`;
}

export function refFromParam(text: string): PipelineRef | null {
  const at = text.lastIndexOf(':');
  if (at < 1) return null;
  const head = text.slice(0, at).trim();
  const tail = text.slice(at + 1).trim();
  if (!/^[1-9]\d{0,15}$/.test(tail)) return null;
  const pipelineId = Number(tail);
  if (/^[1-9]\d{0,15}$/.test(head)) return { project: Number(head), pipelineId };
  // A project path: GitLab's segment characters only, so nothing odd reaches a request.
  if (!head.split('/').every((s) => /^[\w.+-]+$/u.test(s) && s !== '.' && s !== '..')) return null;
  return { project: head, pipelineId };
}

/** Reads the state from a URL's search params; anything unknown falls back to the default. */
export function parseViewState(search: URLSearchParams): PipelineViewState {
  const view = search.get('view') === 'timeline' ? 'timeline' : 'graph';
  const retried = search.get('retried') === '1' || search.get('retried') === 'true';
  const expand: PipelineRef[] = [];
  const seen = new Set<string>();
  for (const raw of search.getAll('expand').flatMap((v) => v.split(','))) {
    const ref = refFromParam(raw);
    if (ref === null) continue;
    const key = refToParam(ref);
    if (seen.has(key)) continue;
    seen.add(key);
    expand.push(ref);
  }
  return { view, retried, expand };
}

/** Writes the state into `search` (a copy), leaving other parameters (embed, theme…) alone. */
export function writeViewState(search: URLSearchParams, state: PipelineViewState): URLSearchParams {
  const next = new URLSearchParams(search);
  if (state.view === 'timeline') next.set('view', 'timeline');
  else next.delete('view');
  if (state.retried) next.set('retried', '1');
  else next.delete('retried');
  next.delete('expand');
  if (state.expand.length > 0) next.set('expand', state.expand.map(refToParam).join(','));
  return next;
}

/** Expands or collapses one downstream pipeline. */
export function toggleExpanded(state: PipelineViewState, ref: PipelineRef): PipelineViewState {
  const key = refToParam(ref);
  const open = state.expand.some((r) => refToParam(r) === key);
  return { ...state, expand: open ? state.expand.filter((r) => refToParam(r) !== key) : [...state.expand, ref] };
}
