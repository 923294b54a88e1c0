import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-href.ts';

describe('safeHref', () => {
  it.each([
    ['https://gitlab.example.com/a/b/-/jobs/1', 'https://gitlab.example.com/a/b/-/jobs/1'],
    ['http://127.0.0.1:4010/a/-/jobs/2', 'http://127.0.0.1:4010/a/-/jobs/2'],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
    ['/relative', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j -> %j', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
});
