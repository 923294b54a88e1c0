import { describe, expect, it } from 'vitest';
import { formatLineTime, isTimestampMode, nextTimestampMode } from './timestamps.ts';

const t = Date.UTC(2024, 4, 22, 12, 43, 46, 962);

describe('line timestamps', () => {
  it.each([
    ['utc', undefined, undefined, '12:43:46.962'],
    ['local', undefined, 'Asia/Tokyo', '21:43:46.962'],
    ['local', undefined, 'UTC', '12:43:46.962'],
    ['relative', t - 62_500, undefined, '+01:02.500'],
    ['relative', t - 3_723_004, undefined, '+1:02:03.004'],
    ['relative', t + 1_000, undefined, '-00:01.000'],
    ['relative', undefined, undefined, '+00:00.000'],
    ['hidden', undefined, undefined, ''],
  ] as const)('%s (origin %s, zone %s) → %s', (mode, origin, zone, expected) => {
    expect(formatLineTime(t, mode, origin, zone)).toBe(expected);
  });

  it('shows nothing for a line without a time', () => {
    expect(formatLineTime(NaN, 'utc')).toBe('');
  });

  it('knows its modes', () => {
    expect(isTimestampMode('local')).toBe(true);
    expect(isTimestampMode('tai')).toBe(false);
    expect(isTimestampMode(null)).toBe(false);
  });
});

describe('nextTimestampMode', () => {
  it('cycles in the menu’s order', () => {
    expect(nextTimestampMode('hidden')).toBe('utc');
    expect(nextTimestampMode('utc')).toBe('local');
    expect(nextTimestampMode('relative')).toBe('hidden');
  });
});
