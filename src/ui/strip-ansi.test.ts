import { describe, expect, it } from 'vitest';
import { stripAnsi } from './strip-ansi.ts';

describe('stripAnsi', () => {
  it('drops SGR, other CSI and OSC escapes and keeps the text, markup included', () => {
    expect(stripAnsi('\u001b[1m\u001b[36m==> Build\u001b[0m <img src=x>\u001b[2K\u001b]8;;http://x\u0007link\u001b]8;;\u0007')).toBe('==> Build <img src=x>link');
  });
});
