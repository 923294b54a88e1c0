import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.ts';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [812, '812 B'],
    [1024, '1.0 KiB'],
    [4300, '4.2 KiB'],
    [200 * 1024 * 1024, '200 MiB'],
    [-1, ''],
  ])('%d → %s', (n, text) => expect(formatBytes(n)).toBe(text));
});
