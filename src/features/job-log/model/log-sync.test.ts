import { describe, expect, it } from 'vitest';
import { EMPTY_FINGERPRINT, diffFullLog, extendFingerprint, fingerprintOf } from './log-sync.ts';

describe('diffFullLog', () => {
  const big = 'x'.repeat(1000) + 'END';
  it.each([
    ['first poll', '', 'hello', { kind: 'append', tail: 'hello' }],
    ['first poll, empty log', '', '', { kind: 'same' }],
    ['grown', 'hello', 'hello world', { kind: 'append', tail: ' world' }],
    ['unchanged', 'hello', 'hello', { kind: 'same' }],
    ['shrank (erased)', 'hello world', '', { kind: 'replace', text: '' }],
    ['shrank (retried, shorter)', 'hello world', 'hi', { kind: 'replace', text: 'hi' }],
    ['changed head (a new job log)', 'hello world', 'HELLO world and more', { kind: 'replace', text: 'HELLO world and more' }],
    ['changed near the old end', big, 'x'.repeat(1000) + 'XYZ more', { kind: 'replace', text: 'x'.repeat(1000) + 'XYZ more' }],
    ['long log grown', big, big + '\nnext', { kind: 'append', tail: '\nnext' }],
  ])('%s', (_name, before, full, expected) => {
    expect(diffFullLog(fingerprintOf(before), full)).toEqual(expected);
  });

  it('extends a fingerprint as if it were taken of the whole', () => {
    let fp = EMPTY_FINGERPRINT;
    let text = '';
    for (const piece of ['a', 'b'.repeat(300), 'c', 'd'.repeat(10)]) {
      fp = extendFingerprint(fp, piece);
      text += piece;
      expect(fp).toEqual(fingerprintOf(text));
    }
  });

  it('keeps copies of its samples, never views onto the (possibly huge) text', () => {
    const fp = extendFingerprint(fingerprintOf('a'.repeat(400)), 'b'.repeat(400));
    expect(fp.head).toBe('a'.repeat(256));
    expect(fp.tail).toBe('b'.repeat(256));
    expect(fp.length).toBe(800);
  });
});
