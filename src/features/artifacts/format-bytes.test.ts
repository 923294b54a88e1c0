import { describe, expect, it } from 'vitest';
import { formatBytes, stripAnsi } from './format-bytes.ts';

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

describe('stripAnsi', () => {
  it('drops SGR, other CSI and OSC escapes and keeps the text, markup included', () => {
    expect(stripAnsi('\u001b[1m\u001b[36m==> Build\u001b[0m <img src=x>\u001b[2K\u001b]8;;http://x\u0007link\u001b]8;;\u0007')).toBe('==> Build <img src=x>link');
  });
});
