// The log index on runner timestamps (runner 18.7 and later prefix every line).
import { describe, expect, it } from 'vitest';
import { LINE_EMPTY, LINE_PLAIN, LINE_STDERR, LINE_TIMESTAMP_PREFIX, createLogIndex } from './log-index.ts';
import { BOLD } from './sgr.ts';
import { E, end, index, start, startStyle, texts } from './test-helpers.ts';

describe('runner timestamps', () => {
  const T = (time: string, stream = '01', kind = 'O', join = ' ') => `2024-05-22T12:43:${time}Z ${stream}${kind}${join}`;

  it('detects the format from the first line, strips prefixes and keeps time and stream', () => {
    const log = `${T('46.962646', '00')}Running\n${T('47.000000', '01', 'E')}oops\n${T('48.500000')}${E}[32mok${E}[0m\n`;
    const ix = index(log);
    expect(ix.hasTimestamps).toBe(true);
    expect(texts(ix)).toEqual(['Running', 'oops', 'ok']);
    expect(ix.lineTimestamp(0)).toBeCloseTo(Date.UTC(2024, 4, 22, 12, 43, 46) + 962.646, 3);
    expect(ix.lineStream(0)).toBe(0);
    expect(ix.lineStream(1)).toBe(1);
    expect(ix.lineFlags(1) & LINE_STDERR).toBe(LINE_STDERR);
    expect(ix.lineFlags(0) & (LINE_TIMESTAMP_PREFIX | LINE_PLAIN)).toBe(LINE_TIMESTAMP_PREFIX | LINE_PLAIN);
    expect(ix.contentStart(0)).toBe(32);
  });

  it('parses each line\'s own time, across seconds, days and years', () => {
    const times = ['2024-12-31T23:59:59.999999Z', '2024-12-31T23:59:59.000001Z', '2025-01-01T00:00:00.500000Z', '2025-01-01T00:00:00.500000Z', '2024-02-29T12:00:01.000000Z'];
    const ix = index(times.map((t, k) => `${t} 0${k}O line ${k}`).join('\n'));
    expect(Array.from({ length: times.length }, (_, k) => ix.lineTimestamp(k))).toEqual(
      times.map((t) => Date.parse(t.slice(0, 23) + 'Z') + Number(t.slice(23, 26)) / 1000),
    );
    expect(Array.from({ length: times.length }, (_, k) => ix.lineStream(k))).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads a plain line\'s time from its prefix when asked, also once the text is compacted to bytes', () => {
    const lines = Array.from({ length: 30_000 }, (_, k) => `2024-05-22T12:${String(10 + Math.floor(k / 1000)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}.${String(k).padStart(6, '0')}Z 01O línea ${k} ✓`);
    const ix = createLogIndex();
    // In pieces of more than a chunk, so that the chunks before the last can be compacted.
    for (let k = 0; k < lines.length; k += 10_000) ix.append(lines.slice(k, k + 10_000).join('\n') + '\n');
    const before = ix.byteLength;
    while (ix.compact()) {
      // every chunk that can no longer grow
    }
    expect(ix.byteLength).toBeLessThan(before); // some of the text is bytes now
    const expected = (k: number) => Date.parse((lines[k] ?? '').slice(0, 23) + 'Z') + Number((lines[k] ?? '').slice(23, 26)) / 1000;
    for (const k of [0, 1, 4_999, 5_000, 17_321, 29_998]) {
      expect(ix.lineTimestamp(k)).toBeCloseTo(expected(k), 3);
      expect(ix.lineTimestamp(k)).toBeCloseTo(expected(k), 3); // the second time from the column
    }
  });

  it('joins + continuation lines, dropping the \\n', () => {
    const log = `${T('46.000000')}first part, \n${T('46.100000', '01', 'O', '+')}second part\n${T('47.000000')}next\n`;
    const ix = index(log);
    expect(texts(ix)).toEqual(['first part, second part', 'next']);
    expect(ix.lineTimestamp(0)).toBe(Date.UTC(2024, 4, 22, 12, 43, 46));
  });

  it('keeps styles and sections working inside timestamped lines', () => {
    const log = `${T('46.000000')}${start(10, 'x', '[collapsed=true]')}Head\n${T('46.000001')}${E}[31mred\n${T('46.000002')}${end(20, 'x')}\n`;
    const ix = index(log);
    expect(texts(ix)).toEqual(['Head', 'red', '']);
    expect(ix.sections[0]).toMatchObject({ collapsed: true, duration: '00:10', lastLine: 2 });
    expect(startStyle(ix, 2).fg).toBe(2);
  });

  it('indexes coloured and continued lines in the stamped run as line by line', () => {
    const log = [
      `${T('46.000000')}${E}[32mgreen ${E}[0mplain`,
      `${T('46.000001')}after`,
      `${T('46.000002')}${E}[31m`,
      `${T('46.000003')}red start, `,
      `${T('46.000004', '01', 'O', '+')}${E}[1mcontinued`,
      `${T('46.000005', '01', 'E')}next`,
      '',
    ].join('\n');
    // Whole, and one character at a time (each line then waits for the next one's prefix).
    for (const ix of [index(log), index(...log)]) {
      expect(texts(ix)).toEqual(['green plain', 'after', '', 'red start, continued', 'next']);
      expect([0, 1, 2, 3, 4].map((i) => startStyle(ix, i).fg)).toEqual([0, 0, 0, 2, 2]);
      expect(startStyle(ix, 4).flags & BOLD).toBe(BOLD);
      expect(ix.lineFlags(0) & (LINE_PLAIN | LINE_EMPTY)).toBe(0);
      expect(ix.lineFlags(1) & LINE_PLAIN).toBe(LINE_PLAIN);
      expect(ix.lineFlags(2) & LINE_EMPTY).toBe(LINE_EMPTY);
      expect(ix.lineFlags(3) & LINE_PLAIN).toBe(0);
      expect(ix.lineFlags(4) & LINE_STDERR).toBe(LINE_STDERR);
      expect(ix.lineTimestamp(3)).toBeCloseTo(Date.UTC(2024, 4, 22, 12, 43, 46) + 0.003, 6);
      expect(ix.lineEnd(3)).toBe(log.indexOf(`\n${T('46.000005', '01', 'E')}`));
    }
  });

  it('gives a line that a section marker broke off the time of the raw line it came from', () => {
    const ix = index(`${T('46.000000')}first\n${T('48.250000')}before${start(10, 'y')}Head\n${T('49.000000')}last\n`);
    expect(texts(ix)).toEqual(['first', 'before', 'Head', 'last']);
    expect([0, 1, 2, 3].map((i) => ix.lineTimestamp(i) - Date.UTC(2024, 4, 22, 12, 43, 46))).toEqual([0, 2250, 2250, 3000]);
  });

  it('does not parse prefixes when the first line has none', () => {
    const ix = index(`plain\n${T('46.000000')}looks stamped\n`);
    expect(ix.hasTimestamps).toBe(false);
    expect(texts(ix)[1]).toBe(`${T('46.000000')}looks stamped`);
    expect(Number.isNaN(ix.lineTimestamp(1))).toBe(true);
    expect(ix.lineStream(1)).toBe(-1);
  });
});
