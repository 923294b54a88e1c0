import { describe, expect, it } from 'vitest';
import { refRun } from './red-run.ts';

const p = (id: number, status: string) => ({ id, status });

describe('refRun', () => {
  it.each([
    ['red since the first failure after the last success', [p(9, 'failed'), p(8, 'failed'), p(7, 'success')], { state: 'failing', since: 8, count: 2, complete: true }],
    ['canceled, skipped and running pipelines say nothing', [p(9, 'running'), p(8, 'canceled'), p(7, 'failed'), p(6, 'skipped'), p(5, 'failed'), p(4, 'success')], { state: 'failing', since: 5, count: 2, complete: true }],
    ['green since the first success after the last failure', [p(9, 'success'), p(8, 'success'), p(7, 'success'), p(6, 'failed')], { state: 'passing', since: 7, count: 3, complete: true }],
    ['a run that fills the history is at least that long', [p(9, 'success'), p(8, 'success')], { state: 'passing', since: 8, count: 2, complete: false }],
    ['unknown without a finished pipeline', [p(9, 'running'), p(8, 'manual')], { state: 'unknown', since: undefined, count: 0, complete: false }],
    ['unknown statuses are skipped', [p(9, 'some_new_status'), p(8, 'failed'), p(7, 'success')], { state: 'failing', since: 8, count: 1, complete: true }],
  ])('%s', (_name, list, want) => {
    const run = refRun(list);
    expect({ state: run.state, since: run.since?.id, count: run.count, complete: run.complete }).toEqual(want);
  });

  it('is complete when the whole history was read', () => {
    expect(refRun([p(2, 'failed'), p(1, 'failed')], true)).toMatchObject({ state: 'failing', count: 2, complete: true, since: { id: 1 } });
  });
});
