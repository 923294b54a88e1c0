import { describe, expect, it } from 'vitest';
import { createLogIndex, type LogIndex } from './log-index.ts';
import { lineText } from './line-text.ts';
import { findFailures, getMatch, searchLog, type SearchOptions, type SearchResult } from './search.ts';

const E = '\x1b';

function index(log: string): LogIndex {
  const ix = createLogIndex();
  ix.append(log);
  return ix;
}

function matches(result: SearchResult): [number, number, number][] {
  if (!result.ok) throw new Error(result.error);
  return Array.from({ length: result.total }, (_, k) => {
    const m = getMatch(result, k);
    return [m?.line ?? -1, m?.start ?? -1, m?.end ?? -1];
  });
}

const LOG = [
  'Error: first',
  `${E}[31merror${E}[0m: coloured`,
  `${E}[0Ksection_start:1:deps[collapsed=true]\r${E}[0KInstalling ERROR handler`,
  'inside a collapsed section: error here, error there',
  `${E}[0Ksection_end:2:deps\r${E}[0K`,
  `split by an escape: err${E}[1mor`,
  'progress 10% error\rprogress 100%',
  'the end',
].join('\n');

describe('searchLog', () => {
  it.each<[string, string, SearchOptions, [number, number, number][]]>([
    ['case-insensitive plain (default)', 'error', {}, [[0, 0, 5], [1, 0, 5], [2, 11, 16], [3, 28, 33], [3, 40, 45], [5, 20, 25]]],
    ['case-sensitive plain', 'error', { caseSensitive: true }, [[1, 0, 5], [3, 28, 33], [3, 40, 45], [5, 20, 25]]],
    ['case-sensitive capitalised', 'ERROR', { caseSensitive: true }, [[2, 11, 16]]],
    ['regex', 'err(or)?:', { regex: true }, [[0, 0, 6], [1, 0, 6]]],
    ['regex with anchors works per line', '^the', { regex: true }, [[7, 0, 3]]],
    ['regex case-sensitive', '^E', { regex: true, caseSensitive: true }, [[0, 0, 1]]],
    ['text overwritten by \\r is not found', '10%', {}, []],
    ['markers and escapes are not found', 'section_start', {}, []],
    ['the escape code itself is not found', '[31m', {}, []],
    ['regex special chars are literal in plain mode', '10%)', {}, []],
    ['empty query', '', {}, []],
  ])('%s', (_name, query, options, expected) => {
    expect(matches(searchLog(index(LOG), query, options))).toEqual(expected);
  });

  it('reports an invalid regex as a value, not a throw', () => {
    const result = searchLog(index(LOG), 'a(b', { regex: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^Invalid regular expression/);
  });

  it('skips empty regex matches instead of looping', () => {
    const result = searchLog(index('aaa\nbab\n'), 'a*', { regex: true });
    expect(matches(result)).toEqual([[0, 0, 3], [1, 1, 2]]);
  });

  it('gives display coordinates that slice the display text', () => {
    const ix = index(LOG);
    for (const [line, start, end] of matches(searchLog(ix, 'error', {}))) {
      expect(lineText(ix, line).slice(start, end).toLowerCase()).toBe('error');
    }
  });

  it('searches timestamped logs without the prefixes', () => {
    const ix = index('2024-05-22T12:43:46.962646Z 01O find me\n2024-05-22T12:43:47.962646Z 01O and me\n');
    expect(matches(searchLog(ix, 'me', {}))).toEqual([[0, 5, 7], [1, 4, 6]]);
    expect(matches(searchLog(ix, '2024', {}))).toEqual([]);
  });

  it('does not count a match across a line end', () => {
    expect(matches(searchLog(index('ab\ncd\n'), 'b\nc', {}))).toEqual([]);
    expect(matches(searchLog(index('ab\ncd\n'), 'bc', {}))).toEqual([]);
  });

  it('counts every match of a big log', () => {
    const ix = index('x needle y needle\n'.repeat(10_000));
    const r = searchLog(ix, 'needle', { caseSensitive: true });
    expect(r.ok && r.total).toBe(20_000);
  });
});

describe('findFailures', () => {
  it('finds error-looking and red lines, first one first', () => {
    const log = [
      'all good',
      'npm ERR! something', // not one of the patterns
      'ERROR: Job failed: exit code 1',
      'compile error: missing ;',
      'Tests FAILED',
      `${E}[31m  1) spec fails${E}[0m`,
      `${E}[31m${E}[0m`, // red but empty
      'TypeError: x is undefined',
      `${E}[38;5;196mbright red${E}[0m`,
      'warning: only a warning',
      `${E}[31;1mERROR: the runner says${E}[0;m`,
    ].join('\n');
    expect(Array.from(findFailures(index(log)))).toEqual([2, 3, 4, 5, 7, 8, 10]);
  });

  it('sees a red style carried from an earlier line', () => {
    expect(Array.from(findFailures(index(`${E}[31mstart\ncarried red\n${E}[0mplain\n`)))).toEqual([0, 1]);
  });
});

describe('search over a log appended in many polls (several raw chunks)', () => {
  it('finds the same matches and failures as over one append', () => {
    const lines: string[] = [];
    for (let k = 0; k < 3000; k++) {
      lines.push(k % 7 === 0 ? `${E}[31mred needle ${k}${E}[0m` : k % 11 === 0 ? `ERROR: needle ${k}` : `plain needle line ${k} ${'x'.repeat(k % 300)}`);
    }
    const log = lines.join('\n') + '\n';
    const whole = index(log);
    const polled = createLogIndex();
    // Uneven polls, some big enough to become chunks of their own, cutting lines anywhere.
    for (let p = 0, step = 1; p < log.length; p += step, step = (step * 7 + 13) % 300_000 + 1) polled.append(log.slice(p, p + step));
    expect(polled.rawChunks().length).toBeGreaterThan(1);
    for (const [q, opts] of [['needle', {}], ['NEEDLE 7', { caseSensitive: false }], ['x{5}\\b', { regex: true }]] as const) {
      expect(matches(searchLog(polled, q, opts))).toEqual(matches(searchLog(whole, q, opts)));
    }
    expect(Array.from(findFailures(polled))).toEqual(Array.from(findFailures(whole)));
    // The same once the chunks that can no longer grow are kept as UTF-8 bytes.
    polled.compact();
    for (const [q, opts] of [['needle', {}], ['NEEDLE 7', { caseSensitive: false }], ['x{5}\\b', { regex: true }]] as const) {
      expect(matches(searchLog(polled, q, opts))).toEqual(matches(searchLog(whole, q, opts)));
    }
    expect(Array.from(findFailures(polled))).toEqual(Array.from(findFailures(whole)));
    expect(Array.from(findFailures(polled, 2500))).toEqual(Array.from(findFailures(whole, 2500)));
    // Red lines (k % 7 === 0) and ERROR: lines (k % 11 === 0, not already red).
    const expected = Array.from({ length: 3000 }, (_, k) => k).filter((k) => k % 7 === 0 || k % 11 === 0);
    expect(Array.from(findFailures(whole))).toEqual(expected);
  });
});
