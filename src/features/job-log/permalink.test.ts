import { describe, expect, it } from 'vitest';
import { extendRange, formatLineHash, parseLineHash, withoutLogSearch } from './permalink.ts';

describe('line permalinks', () => {
  it.each([
    ['#L1', { from: 0, to: 0 }],
    ['#L123', { from: 122, to: 122 }],
    ['#L120-140', { from: 119, to: 139 }],
    ['#L140-120', { from: 119, to: 139 }],
    ['#L5-L7', { from: 4, to: 6 }],
    ['L9', { from: 8, to: 8 }],
  ])('parses %s', (hash, range) => {
    expect(parseLineHash(hash)).toEqual(range);
  });

  it.each(['', '#', '#L', '#L0', '#Lx', '#L1-', '#foo', '#L1-2-3', '#L99999999999'])('rejects %j', (hash) => {
    expect(parseLineHash(hash)).toBeNull();
  });

  it('formats single lines and ranges, and round-trips', () => {
    expect(formatLineHash({ from: 0, to: 0 })).toBe('#L1');
    expect(formatLineHash({ from: 119, to: 139 })).toBe('#L120-140');
    expect(parseLineHash(formatLineHash({ from: 4, to: 9 }))).toEqual({ from: 4, to: 9 });
  });

  it('extends a range with shift and starts anew without', () => {
    expect(extendRange({ from: 10, to: 10 }, 20, true)).toEqual({ from: 10, to: 20 });
    expect(extendRange({ from: 10, to: 20 }, 5, true)).toEqual({ from: 5, to: 20 });
    expect(extendRange({ from: 10, to: 20 }, 5, false)).toEqual({ from: 5, to: 5 });
    expect(extendRange(null, 3, true)).toEqual({ from: 3, to: 3 });
  });

  it.each([
    ['?q=error&case=1&regex=1', ''],
    ['?q=error', ''],
    ['?pipeline=12&q=err', '?pipeline=12'],
    ['?pipeline=12', '?pipeline=12'],
    ['', ''],
  ])('a line link from %j carries no search: %j', (search, rest) => {
    expect(withoutLogSearch(search)).toBe(rest);
  });
});
