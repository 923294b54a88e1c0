import { describe, expect, it } from 'vitest';
import { createLogIndex, type LogIndex } from './log-index.ts';
import { findFailures, searchLog, type SearchOptions, type SearchResult } from './search.ts';
import { referenceFindFailures, referenceSearchLog } from './search-reference.ts';
import { E, seededRandom } from './test-helpers.ts';
import { lineText } from './line-text.ts';

/**
 * The search and the failure scan read compacted chunks as UTF-8 bytes; the reference decodes
 * and searches strings (the code as it was). On random logs with multibyte text, escapes, CRLF,
 * `\r` redraws, markers and timestamps, appended in pieces so that lines straddle chunks, both
 * must give the same matches and failure lines, before, during and after compaction.
 */

const WORDS = [
  'timeout', 'TimeOut', 'TIMEOUT', 'time', 'out', 'needle', 'Needle', 'error:', 'Error', 'ERROR:', 'FAILED', 'FAIL', 'ERROR', 'errors',
  'é', 'café', '✓', '日本語', '😀', 'a😀b', 'ı', 'ſ', 'K', 'İstanbul', 'ß', 'µs', '\u00a0', '\u3000', '\t', 'x', 'ok', '[31m', 'section_', '::',
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

const ESCAPES = [`${E}[31m`, `${E}[91m`, `${E}[38;5;196m`, `${E}[38;2;255;0;0m`, `${E}[32m`, `${E}[1m`, `${E}[0m`, `${E}[m`, `${E}[0K`, `${E}]8;;http://x${E}\\`, `${E}(B`, `${E}`, `${E}é`];

function randomLine(rand: () => number, stamped: boolean, k: number): string {
  const r = rand();
  let body = '';
  const words = Math.floor(rand() * 14);
  for (let w = 0; w < words; w++) {
    const s = rand();
    if (s < 0.15) body += pick(rand, ESCAPES);
    else if (s < 0.2) body += `ti${pick(rand, ESCAPES)}meout`; // a match only once the escape is dropped
    else if (s < 0.23) body += `Err${pick(rand, ESCAPES)}or`;
    else body += (w > 0 && rand() < 0.7 ? ' ' : '') + pick(rand, WORDS);
  }
  if (r < 0.04) body = `progress 10% timeout\r${body}`;
  else if (r < 0.06) body = `${E}[0Ksection_start:${1000 + k}:s${k}\r${E}[0K${body}`;
  else if (r < 0.08) body = `${body}${E}[0Ksection_end:${2000 + k}:s${k - 1}\r${E}[0K`;
  else if (r < 0.1) body = '';
  else if (r < 0.12) body = `${E}[31m${pick(rand, ['   ', '\u00a0', '\u3000 ', ''])}`;
  if (!stamped) return body;
  const join = k > 0 && rand() < 0.08 ? '+' : ' ';
  return `2024-05-22T12:43:${String(k % 60).padStart(2, '0')}.962646Z 01${rand() < 0.1 ? 'E' : 'O'}${join}${body}`;
}

function randomLog(seed: number, chars: number, stamped: boolean): string {
  const rand = seededRandom(seed);
  const lines: string[] = [];
  let size = 0;
  for (let k = 0; size < chars; k++) {
    const line = randomLine(rand, stamped, k) + (rand() < 0.1 ? '\r\n' : '\n');
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

/** The log appended in pieces: big ones become chunks of their own (lines straddle them), small ones join. */
function appendInPieces(log: string, rand: () => number): LogIndex {
  const index = createLogIndex();
  for (let p = 0; p < log.length; ) {
    const step = rand() < 0.7 ? 257_000 + Math.floor(rand() * 20_000) : 1 + Math.floor(rand() * 5_000);
    index.append(log.slice(p, p + step));
    p += step;
  }
  return index;
}

function matches(result: SearchResult): string[] {
  if (!result.ok) return [`error ${result.error}`];
  const out: string[] = [];
  for (let k = 0; k < result.total; k++) out.push(`${result.lines[k]}:${result.starts[k]}-${result.ends[k]}`);
  return out;
}

/** 'same', or where two lists part and what each holds there (a short message for a long list). */
function difference<T>(got: readonly T[], want: readonly T[]): string {
  let k = 0;
  while (k < got.length && k < want.length && got[k] === want[k]) k++;
  if (k === got.length && k === want.length) return 'same';
  return `${got.length} vs ${want.length} items; from item ${k}: ${JSON.stringify(got.slice(k, k + 3))} instead of ${JSON.stringify(want.slice(k, k + 3))}`;
}

/** Queries from the log itself: pieces of display text around chunk borders and anywhere, case changed at random. */
function queriesOf(index: LogIndex, rand: () => number): string[] {
  const out: string[] = [];
  const lineAt = (offset: number) => index.lineOfOffset(offset);
  const borders = index.rawChunks().map((c) => c.start).filter((s) => s > 0);
  const lines = [...borders.map(lineAt), ...Array.from({ length: 4 }, () => Math.floor(rand() * index.lineCount))];
  for (const line of lines) {
    const text = lineText(index, Math.max(0, line));
    if (text.length === 0) continue;
    const a = Math.floor(rand() * text.length);
    const piece = text.slice(a, a + 3 + Math.floor(rand() * 8));
    out.push(piece, rand() < 0.5 ? piece.toUpperCase() : piece.toLowerCase());
  }
  return out;
}

const FIXED_QUERIES: [string, SearchOptions][] = [
  ['timeout', { caseSensitive: true }],
  ['TimeOut', {}],
  ['é', { caseSensitive: true }],
  ['ou', { caseSensitive: true }],
  ['error:', {}],
  ['ERR', {}],
  ['needle needle', {}],
  ['é', {}],
  ['CAFÉ', {}],
  ['😀', {}],
  ['ı', {}],
  ['I', {}],
  ['q', {}],
  ['k', {}],
  ['\t', {}],
  [';', { caseSensitive: true }],
  ['[31m', {}],
  ['section_', {}],
  ['time\nout', {}],
  ['err(or)?:|FAIL', { regex: true }],
  ['^\\s*$', { regex: true }],
  ['o\\b', { regex: true, caseSensitive: true }],
];

function expectSame(index: LogIndex, queries: [string, SearchOptions][], fromLines: number[]): void {
  for (const [query, options] of queries) {
    const want = matches(referenceSearchLog(index, query, options));
    expect(difference(matches(searchLog(index, query, options)), want), `${JSON.stringify(query)} ${JSON.stringify(options)}`).toBe('same');
  }
  for (const from of fromLines) {
    expect(difference(Array.from(findFailures(index, from)), Array.from(referenceFindFailures(index, from))), `failures from ${from}`).toBe('same');
  }
}

describe('search and failure scan over the UTF-8 bytes', () => {
  it.each([
    [1, false],
    [2, false],
    [3, true],
    [4, true],
  ])('property: seed %i (timestamps %s): the same as decoding and searching, compacted or not', (seed, stamped) => {
    const rand = seededRandom(seed * 101);
    const log = randomLog(seed, 600_000, stamped);
    const index = appendInPieces(log, rand);
    expect(index.rawChunks().length).toBeGreaterThanOrEqual(2);
    const queries: [string, SearchOptions][] = [
      // Half of the fixed queries per seed (each one in two seeds), and pieces of this log.
      ...FIXED_QUERIES.filter((_, k) => (k + seed) % 2 === 0),
      ...queriesOf(index, rand).map((q): [string, SearchOptions] => [q, { caseSensitive: rand() < 0.5 }]),
    ];
    const fromLines = [0, Math.floor(rand() * index.lineCount), index.lineCount - 1];
    // Before compaction the strings are searched as they always were: a few queries suffice.
    expectSame(index, queries.slice(0, 3), fromLines.slice(0, 1));
    index.compact(1);
    expect(index.rawChunks().some((c) => c.utf8) && index.rawChunks().some((c) => !c.utf8)).toBe(true);
    expectSame(index, queries.filter((_, k) => k % 4 === 0), fromLines.slice(1, 2));
    index.compact();
    expect(index.rawChunks().filter((c) => !c.utf8).length).toBeLessThanOrEqual(1);
    expectSame(index, queries, fromLines);
  });

  it('finds a match that an escape splits, in a compacted chunk, at the column the display text has', () => {
    const head = `${'x'.repeat(300_000)}\n`;
    const log = `${head}é😀 ti${E}[31mmeout é timeout\n${E}[31mred ✓\n  \n${E}[31m\u00a0${E}[0m\n${'y'.repeat(300_000)}\n`;
    const index = createLogIndex();
    index.append(head);
    index.append(log.slice(head.length));
    index.compact();
    expect(index.rawChunks()[0]?.utf8).not.toBeNull();
    const result = searchLog(index, 'TIMEOUT', {});
    expect(matches(result)).toEqual(['1:4-11', '1:14-21']);
    expect(Array.from(findFailures(index))).toEqual([1, 2]);
  });
});
