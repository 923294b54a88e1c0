import { describe, expect, it } from 'vitest';
import { foldColumns } from './column-fold.ts';

const COLUMNS = [
  { id: 'select', width: 40 },
  { id: 'status', width: 190 },
  { id: 'job', width: 230 },
  { id: 'stage', width: 90 },
  { id: 'pipeline', width: 90 },
  { id: 'ref', width: 230 },
  { id: 'user', width: 130 },
  { id: 'runner', width: 170 },
  { id: 'coverage', width: 90 },
  { id: 'duration', width: 100 },
  { id: 'finished', width: 120 },
  { id: 'artifacts', width: 90 },
  { id: 'actions', width: 170 },
];
const ALL = COLUMNS.reduce((s, c) => s + c.width, 0);

describe('foldColumns', () => {
  it('folds nothing when everything fits, or when nothing was measured', () => {
    expect(foldColumns(COLUMNS, ALL).folded.size).toBe(0);
    expect(foldColumns(COLUMNS, 0)).toEqual({ folded: new Set(), cards: false });
  });

  it('folds the least useful columns first until the rest fit', () => {
    const fold = foldColumns(COLUMNS, ALL - 1);
    expect([...fold.folded]).toEqual(['coverage']);
    const at1280 = foldColumns(COLUMNS, 1240);
    expect([...at1280.folded]).toEqual(['coverage', 'user', 'runner', 'artifacts', 'finished']);
    expect(at1280.cards).toBe(false);
  });

  it('keeps status, job and actions at any width', () => {
    for (const width of [300, 600, 700, 900, 1100]) {
      const { folded } = foldColumns(COLUMNS, width);
      for (const id of ['select', 'status', 'job', 'actions']) expect(folded.has(id)).toBe(false);
    }
  });

  it('turns rows into cards below 600 px, every data column folded', () => {
    const fold = foldColumns(COLUMNS, 358);
    expect(fold.cards).toBe(true);
    expect([...fold.folded].sort()).toEqual(['artifacts', 'coverage', 'duration', 'finished', 'pipeline', 'ref', 'runner', 'stage', 'user']);
  });
});
