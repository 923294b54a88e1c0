// The log index appended to piece by piece, as a running job's log arrives.
import { describe, expect, it } from 'vitest';
import { createLogIndex } from './log-index.ts';
import { lineContent, lineText } from './line-text.ts';
import { E, dumpIndex, end, index, seededRandom, start, texts } from './test-helpers.ts';

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


  it.each([
    ['sample log', SAMPLE],
    ['timestamped log', STAMPED],
  ])('property: any chunking of the %s equals indexing it whole', (_name, log) => {
    const expected = dumpIndex(index(log));
    const rand = seededRandom(42);
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
    const rand = seededRandom(7);
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
