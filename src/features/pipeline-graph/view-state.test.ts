import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_STATE, parseViewState, refFromParam, toggleExpanded, writeViewState } from './view-state.ts';

describe('pipeline view state in the URL', () => {
  it('reads view, retried and expanded pipelines', () => {
    const s = parseViewState(new URLSearchParams('view=timeline&retried=1&expand=2:1735,1:1734'));
    expect(s).toEqual({
      view: 'timeline',
      retried: true,
      expand: [
        { project: 2, pipelineId: 1735 },
        { project: 1, pipelineId: 1734 },
      ],
    });
  });

  it('falls back to the defaults for unknown or hostile values', () => {
    expect(parseViewState(new URLSearchParams('view=3d&retried=yes&expand=x,:5,2:0,2:-1,../a:3'))).toEqual(DEFAULT_VIEW_STATE);
  });

  it('accepts project paths when a pipeline has no project id, and drops repeats', () => {
    expect(parseViewState(new URLSearchParams('expand=acme/deploy:9&expand=acme/deploy:9')).expand).toEqual([{ project: 'acme/deploy', pipelineId: 9 }]);
    expect(refFromParam('acme/x y:3')).toBeNull();
  });

  it('round-trips and keeps unrelated parameters', () => {
    const state = { view: 'timeline' as const, retried: true, expand: [{ project: 2, pipelineId: 1735 }] };
    const written = writeViewState(new URLSearchParams('embed=1&view=graph'), state);
    expect(written.get('embed')).toBe('1');
    expect(parseViewState(written)).toEqual(state);
    expect(writeViewState(written, DEFAULT_VIEW_STATE).toString()).toBe('embed=1');
  });

  it('toggles one expanded pipeline', () => {
    const once = toggleExpanded(DEFAULT_VIEW_STATE, { project: 2, pipelineId: 1735 });
    expect(once.expand).toEqual([{ project: 2, pipelineId: 1735 }]);
    expect(toggleExpanded(once, { project: 2, pipelineId: 1735 }).expand).toEqual([]);
  });
});
