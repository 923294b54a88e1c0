import { describe, expect, it } from 'vitest';
import { looksLikeVariableLines, mergeRows, newRow, parseVariableLines, rowsToVariables, validateRows } from './variables.ts';

describe('parseVariableLines', () => {
  it('reads KEY=value lines and a .env block', () => {
    const text = ['# deploy settings', 'export REGION=eu-west-1', '', 'DRY_RUN="true"', "GREETING='hello world'", 'URL=https://x.test/?a=b # the host', 'MULTI="a\\nb"', 'EMPTY=', 'NO_EQUALS'].join('\n');
    expect(parseVariableLines(text)).toEqual([
      { key: 'REGION', value: 'eu-west-1' },
      { key: 'DRY_RUN', value: 'true' },
      { key: 'GREETING', value: 'hello world' },
      { key: 'URL', value: 'https://x.test/?a=b' },
      { key: 'MULTI', value: 'a\nb' },
      { key: 'EMPTY', value: '' },
      { key: 'NO_EQUALS', value: '' },
    ]);
  });

  it('keeps everything after the first = in the value, and CRLF line ends', () => {
    expect(parseVariableLines('A=b=c\r\nB= x ')).toEqual([
      { key: 'A', value: 'b=c' },
      { key: 'B', value: 'x' },
    ]);
  });

  it('tells a pasted block from a pasted key', () => {
    expect(looksLikeVariableLines('A=1')).toBe(true);
    expect(looksLikeVariableLines('A\nB')).toBe(true);
    expect(looksLikeVariableLines('DEPLOY_TARGET')).toBe(false);
  });
});

describe('validateRows (GitLab: letters, digits and _; no duplicates; empty rows ignored)', () => {
  it('accepts valid keys and ignores empty rows', () => {
    const rows = [newRow({ key: 'A_1', value: 'x' }), newRow(), newRow({ key: 'b2', value: '' })];
    expect(validateRows(rows)).toEqual([]);
    expect(rowsToVariables(rows)).toEqual([
      { key: 'A_1', value: 'x' },
      { key: 'b2', value: '' },
    ]);
  });

  it.each(['MY-KEY', 'MY KEY', 'KÉY', 'a.b', 'x$'])('rejects the key %j', (key) => {
    const row = newRow({ key, value: '1' });
    expect(validateRows([row])).toEqual([{ rowId: row.id, field: 'key', message: `“${key}” is not a valid key: use only letters, digits and _.` }]);
  });

  it('flags a value without a key and a key used twice', () => {
    const a = newRow({ key: 'A', value: '1' });
    const dup = newRow({ key: ' A ', value: '2' });
    const noKey = newRow({ value: 'orphan' });
    expect(validateRows([a, dup, noKey]).map((p) => [p.rowId, p.message])).toEqual([
      [dup.id, '“A” is already used above.'],
      [noKey.id, 'Enter a key for this value, or remove the row.'],
    ]);
  });

  it('trims keys but sends values as typed', () => {
    expect(rowsToVariables([newRow({ key: ' A ', value: ' spaced ' })])).toEqual([{ key: 'A', value: ' spaced ' }]);
  });
});

describe('mergeRows', () => {
  it('fills empty rows first, updates a key already there, appends the rest', () => {
    const rows = [newRow({ key: 'A', value: 'old' }), newRow()];
    const merged = mergeRows(rows, [
      { key: 'B', value: '2' },
      { key: 'A', value: 'new' },
      { key: 'C', value: '3' },
    ]);
    expect(merged.map((r) => [r.key, r.value])).toEqual([
      ['A', 'new'],
      ['B', '2'],
      ['C', '3'],
    ]);
    expect(merged[1]?.id).toBe(rows[1]?.id);
  });
});
