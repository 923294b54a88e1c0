import { describe, expect, it } from 'vitest';
import { passingRun } from './passing-run.ts';

const p = (id: number, status: string) => ({ id, status });

describe('passingRun', () => {
  it.each([
    ['green since the first success after the last failure', [p(9, 'success'), p(8, 'success'), p(7, 'success'), p(6, 'failed')], { since: 7, count: 3, complete: true }],
    ['canceled, skipped and running pipelines say nothing', [p(9, 'running'), p(8, 'canceled'), p(7, 'success'), p(6, 'skipped'), p(5, 'success'), p(4, 'failed')], { since: 5, count: 2, complete: true }],
    ['a run that fills the history is at least that long', [p(9, 'success'), p(8, 'success')], { since: 8, count: 2, complete: false }],
    ['unknown statuses are skipped', [p(9, 'some_new_status'), p(8, 'success'), p(7, 'failed')], { since: 8, count: 1, complete: true }],
  ])('%s', (_name, list, want) => {
    const run = passingRun(list);
    expect(run && { since: run.since.id, count: run.count, complete: run.complete }).toEqual(want);
  });

  it('is null when red or when nothing has finished', () => {
    expect(passingRun([p(9, 'failed'), p(8, 'success')])).toBeNull();
    expect(passingRun([p(9, 'running'), p(8, 'manual')])).toBeNull();
  });

  it('is complete when the whole history was read', () => {
    expect(passingRun([p(2, 'success'), p(1, 'success')], true)).toMatchObject({ count: 2, complete: true, since: { id: 1 } });
  });
});
