import { describe, expect, it } from 'vitest';
import { LINE_EMPTY, LINE_FOOTER, LINE_HEADER, LINE_MARKER, LINE_PLAIN, formatSectionDuration } from './log-index.ts';
import { lineSpans } from './line-text.ts';
import { BOLD, CONCEAL, ITALIC, STRIKE, TRUECOLOR, UNDERLINE } from './sgr.ts';
import { E, end, index, start, startStyle, texts } from './test-helpers.ts';

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

describe('HTML in the log stays text in the index', () => {
  it('keeps markup characters as display text', () => {
    expect(texts(index('<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n'))).toEqual([
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
    ]);
  });
});
