import { describe, expect, it } from 'vitest';
import {
  LINE_EMPTY,
  LINE_FOOTER,
  LINE_HEADER,
  LINE_MARKER,
  LINE_PLAIN,
  LINE_STDERR,
  LINE_TIMESTAMP_PREFIX,
  createLogIndex,
  formatSectionDuration,
  type LogIndex,
} from './log-index.ts';
import { lineContent, lineSpans, lineText } from './line-text.ts';
import { BOLD, CONCEAL, ITALIC, STRIKE, TRUECOLOR, UNDERLINE } from './sgr.ts';
import { dumpIndex, texts } from './test-helpers.ts';

const E = '\x1b';

function index(...chunks: string[]): LogIndex {
  const ix = createLogIndex();
  for (const c of chunks) ix.append(c);
  return ix;
}

function startStyle(ix: LogIndex, i: number) {
  return ix.style(ix.lineStyleId(i));
}

const start = (ts: number, name: string, opts = '') => `${E}[0Ksection_start:${ts}:${name}${opts}\r${E}[0K`;
const end = (ts: number, name: string) => `${E}[0Ksection_end:${ts}:${name}\r${E}[0K`;

describe('line ends and carriage returns', () => {
  it.each([
    ['\\n', 'a\nb\nc', ['a', 'b', 'c']],
    ['\\r\\n', 'a\r\nb\r\nc\r\n', ['a', 'b', 'c']],
    ['\\r\\r\\n (any \\r run before \\n)', 'a\r\r\nb\n', ['a', 'b']],
    ['trailing \\n adds no empty line', 'a\n', ['a']],
    ['blank lines are kept', 'a\n\n\nb', ['a', '', '', 'b']],
    ['progress bar: only the text after the last \\r', '10%\r50%\r100%\ndone', ['100%', 'done']],
    ['\\r then shorter text does not keep the old tail', 'abcdef\rxy\n', ['xy']],
    ['\\r followed by an escape clears', 'abc\r\x1b[0K\n', ['']],
    ['\\r at the very end is pending (maybe half of \\r\\n)', 'abc\r', ['abc']],
    ['no text', '', []],
  ])('%s', (_name, log, expected) => {
    expect(texts(index(log))).toEqual(expected);
  });

  it('keeps raw offsets: display = raw range with escapes removed', () => {
    const ix = index('ab\r\ncd\n');
    expect([ix.lineStart(0), ix.lineEnd(0), ix.lineStart(1), ix.lineEnd(1)]).toEqual([0, 2, 4, 6]);
    expect(ix.slice(ix.lineStart(1), ix.lineEnd(1))).toBe('cd');
  });

  it('flags plain and empty lines', () => {
    const ix = index(`plain\n\n${E}[31mred${E}[0m\n`);
    expect(ix.lineFlags(0)).toBe(LINE_PLAIN);
    expect(ix.lineFlags(1)).toBe(LINE_PLAIN | LINE_EMPTY);
    expect(ix.lineFlags(2) & LINE_PLAIN).toBe(0);
  });

  it('indexes a 10,000-char line whole (nothing is truncated)', () => {
    const long = 'x'.repeat(5000) + `${E}[32m` + 'y'.repeat(5000) + `${E}[0m`;
    const ix = index(`before\n${long}\nafter\n`);
    expect(ix.lineCount).toBe(3);
    const spans = lineSpans(ix, 1);
    expect(spans.map((s) => s.text.length)).toEqual([5000, 5000]);
    expect(spans[1]?.style.fg).toBe(3);
  });
});

describe('SGR styles', () => {
  it.each([
    ['reset 0', `${E}[1;31;42mx${E}[0m`, { fg: 0, bg: 0, flags: 0 }],
    ['empty params reset', `${E}[1;31mx${E}[m`, { fg: 0, bg: 0, flags: 0 }],
    ['bold italic underline', `${E}[1;3;4m`, { fg: 0, bg: 0, flags: BOLD | ITALIC | UNDERLINE }],
    ['21 and 22 end bold', `${E}[1;3m${E}[21m`, { fg: 0, bg: 0, flags: ITALIC }],
    ['22 ends bold', `${E}[1m${E}[22m`, { fg: 0, bg: 0, flags: 0 }],
    ['23 24 end italic, underline', `${E}[1;3;4m${E}[23;24m`, { fg: 0, bg: 0, flags: BOLD }],
    ['25 26 27 change nothing', `${E}[1m${E}[25;26;27m`, { fg: 0, bg: 0, flags: BOLD }],
    ['hidden 8 and strike 9', `${E}[8;9m`, { fg: 0, bg: 0, flags: CONCEAL | STRIKE }],
    ['28 29 end hidden and strike', `${E}[8;9m${E}[28m${E}[29m`, { fg: 0, bg: 0, flags: 0 }],
    ['30-37 foreground', `${E}[35m`, { fg: 6, bg: 0, flags: 0 }],
    ['90-97 bright foreground', `${E}[91m`, { fg: 10, bg: 0, flags: 0 }],
    ['40-47 background', `${E}[44m`, { fg: 0, bg: 5, flags: 0 }],
    ['100-107 bright background', `${E}[107m`, { fg: 0, bg: 16, flags: 0 }],
    ['39 default foreground keeps background', `${E}[31;42m${E}[39m`, { fg: 0, bg: 3, flags: 0 }],
    ['49 default background keeps foreground', `${E}[31;42m${E}[49m`, { fg: 2, bg: 0, flags: 0 }],
    ['256-colour foreground', `${E}[38;5;196m`, { fg: 197, bg: 0, flags: 0 }],
    ['256-colour background', `${E}[48;5;21m`, { fg: 0, bg: 22, flags: 0 }],
    ['truecolor foreground', `${E}[38;2;255;128;0m`, { fg: TRUECOLOR | 0xff8000, bg: 0, flags: 0 }],
    ['truecolor background', `${E}[48;2;1;2;3m`, { fg: 0, bg: TRUECOLOR | 0x010203, flags: 0 }],
    ['256 colour then more codes in one sequence', `${E}[38;5;10;1;4m`, { fg: 11, bg: 0, flags: BOLD | UNDERLINE }],
    ['out-of-range 256 colour ignored', `${E}[32m${E}[38;5;300m`, { fg: 3, bg: 0, flags: 0 }],
    ['unknown codes ignored', `${E}[2;5;7;53m`, { fg: 0, bg: 0, flags: 0 }],
    ['private-mode sequence is not SGR', `${E}[?25m`, { fg: 0, bg: 0, flags: 0 }],
  ])('%s carries to the next line', (_name, seq, expected) => {
    const ix = index(`${seq}\nnext\n`);
    expect({ ...startStyle(ix, 1) }).toEqual(expected);
  });

  it('carries the style across line ends until reset', () => {
    const ix = index(`${E}[31mred\nstill red\nmore${E}[0m\nplain\n`);
    // Line 3 starts after the reset that ended line 2.
    expect([0, 1, 2, 3].map((i) => startStyle(ix, i).fg)).toEqual([0, 2, 2, 0]);
    expect(ix.lineFlags(1) & LINE_PLAIN).toBe(LINE_PLAIN);
  });

  it('interns styles: one id per unique state', () => {
    const ix = index(`${E}[31ma\nb\n${E}[0m${E}[31mc\nd\n`);
    expect(ix.lineStyleId(1)).toBe(ix.lineStyleId(3));
    expect(ix.styleCount).toBe(2);
  });
});

describe('other escapes are dropped', () => {
  it.each([
    ['erase in line', `a${E}[0Kb${E}[Kc`, 'abc'],
    ['cursor moves', `a${E}[1A${E}[2;5Hb${E}[10Dc`, 'abc'],
    ['clear screen', `${E}[2Jclear`, 'clear'],
    ['OSC title with BEL', `${E}]0;my title\x07text`, 'text'],
    ['OSC 8 hyperlink with ST', `${E}]8;;https://x.test${E}\\link${E}]8;;${E}\\`, 'link'],
    ['charset designation ESC ( B', `${E}(Bplain${E}[m`, 'plain'],
    ['two-byte escapes', `${E}7a${E}8b${E}Mc`, 'abc'],
    ['escape cut by the line end', `text${E}[31`, 'text'],
    ['lone ESC before a control char', `a${E}\tb`, 'a\tb'],
  ])('%s', (_name, line, expected) => {
    expect(texts(index(`${line}\n`))).toEqual([expected]);
  });
});

describe('sections', () => {
  it('marks header, footer, membership and duration', () => {
    const log = `before\n${start(1000, 'build')}${E}[36;1mBuilding${E}[0;m\nstep 1\nstep 2\n${end(1065, 'build')}\nafter\n`;
    const ix = index(log);
    expect(texts(ix)).toEqual(['before', 'Building', 'step 1', 'step 2', '', 'after']);
    const [sec] = ix.sections;
    expect(sec).toMatchObject({ name: 'build', headerLine: 1, firstLine: 1, lastLine: 4, startTs: 1000, endTs: 1065, duration: '01:05', collapsed: false, hideDuration: false, parent: -1, depth: 1, open: false });
    expect([0, 1, 2, 3, 4, 5].map((i) => ix.lineSection(i))).toEqual([-1, 0, 0, 0, 0, -1]);
    expect([0, 1, 2, 3, 4, 5].map((i) => ix.lineDepth(i))).toEqual([0, 1, 1, 1, 1, 0]);
    expect(ix.lineFlags(1) & (LINE_HEADER | LINE_MARKER)).toBe(LINE_HEADER | LINE_MARKER);
    expect(ix.isSectionHeader(1)).toBe(true);
    expect(ix.lineFlags(4) & (LINE_FOOTER | LINE_MARKER | LINE_EMPTY)).toBe(LINE_FOOTER | LINE_MARKER | LINE_EMPTY);
  });

  it.each([
    ['collapsed=true', '[collapsed=true]', { collapsed: true, hideDuration: false }],
    ['hide_duration=true', '[hide_duration=true]', { collapsed: false, hideDuration: true }],
    ['both, with a space', '[collapsed=true, hide_duration=true]', { collapsed: true, hideDuration: true }],
    ['collapsed=false', '[collapsed=false]', { collapsed: false, hideDuration: false }],
  ])('options %s', (_name, opts, expected) => {
    const ix = index(`${start(1, 'a', opts)}head\nx\n${end(2, 'a')}\n`);
    expect(ix.sections[0]).toMatchObject(expected);
  });

  it('nests sections with parents, depths and durations', () => {
    const log = [
      `${start(100, 'outer', '[collapsed=true]')}Outer`,
      'o1',
      `${start(110, 'inner')}Inner`,
      'i1',
      `${end(130, 'inner')}`,
      'o2',
      `${end(4000, 'outer')}`,
      'top',
    ].join('\n');
    const ix = index(log);
    const [outer, inner] = ix.sections;
    expect(outer).toMatchObject({ parent: -1, depth: 1, headerLine: 0, lastLine: 6, duration: '01:05:00', collapsed: true });
    expect(inner).toMatchObject({ parent: 0, depth: 2, headerLine: 2, lastLine: 4, duration: '00:20' });
    expect(Array.from({ length: ix.lineCount }, (_, i) => ix.lineDepth(i))).toEqual([1, 1, 2, 2, 2, 1, 1, 0]);
    expect(Array.from({ length: ix.lineCount }, (_, i) => ix.lineSection(i))).toEqual([0, 0, 1, 1, 1, 0, 0, -1]);
  });

  it('ignores an end for a section that is not open (and does not display it)', () => {
    const ix = index(`a\n${end(5, 'nope')}\n${start(1, 'x')}X\n${end(2, 'other')}\nin x\n${end(3, 'x')}\n`);
    expect(texts(ix)).toEqual(['a', '', 'X', '', 'in x', '']);
    expect(ix.sections).toHaveLength(1);
    expect(ix.sections[0]).toMatchObject({ lastLine: 5, open: false });
    expect(ix.lineSection(4)).toBe(0);
    expect(ix.lineFlags(1) & (LINE_MARKER | LINE_FOOTER)).toBe(LINE_MARKER);
  });

  it('ending an outer section also ends the sections open inside it', () => {
    const ix = index(`${start(1, 'a')}A\n${start(2, 'b')}B\nx\n${end(9, 'a')}\ny\n`);
    expect(ix.sections.map((s) => [s.open, s.endTs, s.lastLine])).toEqual([
      [false, 9, 3],
      [false, 9, 3],
    ]);
    expect(ix.lineSection(4)).toBe(-1);
  });

  it('matches names as GitLab sanitises them', () => {
    const ix = index(`${start(1, 'Build.Step')}h\n${end(2, 'build-step')}\n`);
    expect(ix.sections[0]?.open).toBe(false);
  });

  it('an open section runs to the last line', () => {
    const ix = index(`${start(1, 'run')}h\na\nb\n`);
    expect(ix.sections[0]).toMatchObject({ open: true, lastLine: 2, duration: '', endTs: NaN });
  });

  it('starts a new line at a section start preceded by text, as GitLab does', () => {
    const ix = index(`text before${start(1, 's')}Header\nx\n`);
    expect(texts(ix)).toEqual(['text before', 'Header', 'x']);
    expect(ix.lineSection(0)).toBe(-1);
    expect(ix.isSectionHeader(1)).toBe(true);
  });

  it('puts text after a section end on the same line outside the section', () => {
    const ix = index(`${start(1, 's')}H\nin${end(2, 's')}out\n`);
    expect(texts(ix)).toEqual(['H', 'in', '', 'out']);
    expect([1, 2, 3].map((i) => ix.lineSection(i))).toEqual([0, 0, -1]);
  });

  it('keeps a name containing "section_" whole', () => {
    const ix = index(`${start(1, 'my_section_x')}H\n${end(2, 'my_section_x')}\n`);
    expect(ix.sections[0]).toMatchObject({ name: 'my_section_x', open: false });
  });

  it('leaves malformed markers as text', () => {
    expect(texts(index(`section_start:abc:x\r${E}[0Kshown\n`))).toEqual(['shown']);
    expect(texts(index(`section_start:1:bad name\r${E}[0K\n`))).toEqual(['']);
    expect(index(`section_start:1:bad name\r${E}[0K\n`).sections).toHaveLength(0);
  });

  it.each([
    [0, '00:00'],
    [59, '00:59'],
    [65, '01:05'],
    [3599, '59:59'],
    [3600, '01:00:00'],
    [90061, '25:01:01'],
    [-5, '00:00'],
  ])('duration of %i s is %s', (seconds, text) => {
    expect(formatSectionDuration(seconds)).toBe(text);
  });
});

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

describe('HTML in the log stays text in the index', () => {
  it('keeps markup characters as display text', () => {
    expect(texts(index('<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n'))).toEqual([
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
    ]);
  });
});

describe('incremental append', () => {
  const SAMPLE = [
    `${E}[0KRunning with gitlab-runner 17.0${E}[0;m\r\n`,
    `${start(1716380000, 'prepare', '[collapsed=true]')}${E}[36;1mPreparing${E}[0;m\n`,
    'Downloading 10%\rDownloading 50%\rDownloading 100%\r\n',
    `${E}[38;5;208morange ${E}[1mbold${E}[22m\nstill orange${E}[0m\n`,
    `${start(1716380001, 'inner')}inner head\n`,
    `see https://gitlab.example.com/a?b=1&c=2 <b>not bold</b>\n`,
    `${end(1716380003, 'inner')}\n`,
    `${E}[38;2;10;20;30mtrue${E}[48;2;1;2;3mcolor${E}[0m\n`,
    `${end(1716380100, 'prepare')}\n`,
    `${end(1716380100, 'never-opened')}\n`,
    `${E}]0;title\x07${E}[31;1mERROR: Job failed: exit code 1${E}[0;m\n`,
    'tail without newline\r',
  ].join('');

  const STAMPED = [
    '2024-05-22T12:43:46.962646Z 00O Running\n',
    `2024-05-22T12:43:47.000001Z 01O ${start(1716380000, 'build')}Build\n`,
    '2024-05-22T12:43:47.100001Z 01O part one \n',
    '2024-05-22T12:43:47.200001Z 01O+part two\r\n',
    `2024-05-22T12:43:47.300001Z 01E ${E}[31merr\n`,
    `2024-05-22T12:43:48.000001Z 01O ${end(1716380002, 'build')}\n`,
    '2024-05-22T12:43:49.000001Z 00O done',
  ].join('');

  it.each([
    ['a section split across two polls', `a\n${start(5, 'sec')}Head\nin\n`, [7, 30]],
    ['a \\r at a chunk end (half of \\r\\n)', 'x 10%\r\ny\n', [6]],
    ['a \\r at a chunk end (progress overwrite)', 'x 10%\rx 20%\n', [6]],
    ['an escape split across chunks', `a${E}[38;5;196mred\nmore\n`, [2, 4, 7, 10]],
    ['a \\r\\n split', 'one\r\ntwo\r\n', [4, 9]],
    ['a marker suffix split between \\r and ESC[0K', `${start(1, 'z')}H\nx\n${end(2, 'z')}\n`, [19, 20, 22]],
    ['a timestamp prefix split', STAMPED, [10, 40, 70, 100, 140, 200]],
    ['a continuation decided by the next poll', STAMPED, [124, 128, 170]],
  ])('%s gives the same index as one append', (_name, log, cuts) => {
    const whole = index(log);
    const pieces: string[] = [];
    let from = 0;
    for (const cut of cuts) {
      pieces.push(log.slice(from, cut));
      from = cut;
    }
    pieces.push(log.slice(from));
    expect(dumpIndex(index(...pieces))).toEqual(dumpIndex(whole));
  });

  it('renders each line the same through the text and the spans paths', () => {
    for (const log of [SAMPLE, STAMPED]) {
      const ix = index(log);
      for (let i = 0; i < ix.lineCount; i++) expect(lineText(ix, i)).toBe(lineContent(ix, i).text);
    }
  });

  it('shows the incomplete last line provisionally, then re-parses it', () => {
    const ix = index('done\nhalf');
    expect(texts(ix)).toEqual(['done', 'half']);
    ix.append(' line\nnext');
    expect(texts(ix)).toEqual(['done', 'half line', 'next']);
  });

  it('re-parses a section end that arrived in a provisional line', () => {
    const ix = index(`${start(1, 's')}H\nx\n${end(5, 's')}`);
    expect(ix.sections[0]).toMatchObject({ open: false, lastLine: 2 });
    ix.append('\nafter\n');
    expect(ix.sections).toHaveLength(1);
    expect(ix.sections[0]).toMatchObject({ open: false, lastLine: 2, duration: '00:04' });
    expect(texts(ix)).toEqual(['H', 'x', '', 'after']);
    expect(ix.lineSection(3)).toBe(-1);
  });

  it('reset forgets everything', () => {
    const ix = index(`${E}[31m${start(1, 's')}x\n`);
    ix.reset();
    ix.append('fresh\n');
    expect(dumpIndex(ix)).toEqual(dumpIndex(index('fresh\n')));
  });

  function rng(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it.each([
    ['sample log', SAMPLE],
    ['timestamped log', STAMPED],
  ])('property: any chunking of the %s equals indexing it whole', (_name, log) => {
    const expected = dumpIndex(index(log));
    const rand = rng(42);
    for (let round = 0; round < 300; round++) {
      const pieces: string[] = [];
      let p = 0;
      const maxPiece = round % 3 === 0 ? 3 : round % 3 === 1 ? 12 : 60;
      while (p < log.length) {
        const n = 1 + Math.floor(rand() * maxPiece);
        pieces.push(log.slice(p, p + n));
        p += n;
      }
      const got = dumpIndex(index(...pieces));
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        expect({ pieces, got }).toEqual({ pieces, got: expected });
      }
    }
  });

  it('property: the UTF-8 bytes of a log cut anywhere (inside characters too) index as the text whole, compacted or not', () => {
    const log = `${SAMPLE}naïve café ✓ 日本語\n😀 emoji ${E}[31mred 𝄞\r\n${STAMPED}`;
    // A big last append: what came before can no longer grow, so it is compacted to bytes.
    const filler = 'filler line\n'.repeat(25_000);
    const bytes = new TextEncoder().encode(log);
    const expected = dumpIndex(index(log, filler));
    const rand = rng(7);
    for (let round = 0; round < 60; round++) {
      const ix = createLogIndex();
      const maxPiece = round % 2 === 0 ? 4 : 80;
      for (let p = 0; p < bytes.length; ) {
        const n = 1 + Math.floor(rand() * maxPiece);
        ix.appendBytes(bytes.subarray(p, p + n));
        p += n;
      }
      ix.append(filler);
      if (round % 3 === 0) expect(ix.compact()).toBe(false);
      const got = dumpIndex(ix);
      if (JSON.stringify(got) !== JSON.stringify(expected)) expect(got).toEqual(expected);
    }
    const whole = index(log, filler);
    whole.compact();
    expect(whole.byteLength).toBe(bytes.length + filler.length);
    expect(dumpIndex(whole)).toEqual(expected);
  });

  it('appends many small polls to a long log without re-reading it', () => {
    const ix = createLogIndex();
    for (let k = 0; k < 2000; k++) ix.append(`line ${k} ${E}[3${k % 8}mcolour${E}[0m\n`);
    expect(ix.lineCount).toBe(2000);
    expect(texts(ix)[1999]).toBe('line 1999 colour');
    expect(ix.lineOfOffset(ix.lineStart(1234) + 3)).toBe(1234);
  });
});
