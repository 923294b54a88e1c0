import { describe, expect, it } from 'vitest';
import { countOf } from './plural.ts';

describe('countOf', () => {
  it.each([
    [0, 'file', undefined, '0 files'],
    [1, 'file', undefined, '1 file'],
    [2, 'match', 'matches', '2 matches'],
    [1, 'match', 'matches', '1 match'],
    [1024, 'line', undefined, '1,024 lines'],
  ])('%i %s', (n, singular, plural, text) => {
    expect(countOf(n, singular, plural)).toBe(text);
  });
});
