import { describe, expect, it } from 'vitest';
import { formatDuration, formatExactTime, formatTimeAgo, isoDuration } from './format.ts';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.9, '0.9 s'],
    [0.173, '0.2 s'],
    [0.04, '< 0.1 s'],
    [0.97, '1s'],
    [1.5, '1s'],
    [5, '5s'],
    [59.7, '59s'],
    [60, '1m 00s'],
    [65, '1m 05s'],
    [3599, '59m 59s'],
    [3600, '1h 00m 00s'],
    [7389, '2h 03m 09s'],
    [-3, '0s'],
  ])('%s seconds -> %s', (input, expected) => {
    expect(formatDuration(input)).toBe(expected);
  });

  it('gives an ISO duration for machines', () => {
    expect(isoDuration(65.4)).toBe('PT65S');
    expect(isoDuration(0.173)).toBe('PT0.173S');
  });
});

describe('formatTimeAgo', () => {
  const now = Date.parse('2024-05-22T12:00:00Z');
  it.each([
    ['2024-05-22T11:59:30Z', 'just now'],
    ['2024-05-22T11:57:00Z', '3 minutes ago'],
    ['2024-05-22T10:00:00Z', '2 hours ago'],
    ['2024-05-21T12:00:00Z', 'yesterday'],
    ['2024-05-08T12:00:00Z', '2 weeks ago'],
    ['2024-05-22T14:00:00Z', 'in 2 hours'],
  ])('%s -> %s', (iso, expected) => {
    expect(formatTimeAgo(new Date(iso), now, 'en')).toBe(expected);
  });
});

describe('formatExactTime', () => {
  it('names the UTC time', () => {
    expect(formatExactTime(new Date('2024-05-22T12:43:46.962Z'), 'en')).toMatch(/^2024-05-22 12:43:46 UTC \(local: /);
  });
});
