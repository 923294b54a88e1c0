import { describe, expect, it } from 'vitest';
import { markedLineHtml } from './highlight.ts';
import type { StyledSpan } from './model/line-text.ts';

const plain = { fg: 0, bg: 0, flags: 0 };
const red = { fg: 2, bg: 0, flags: 0 };

describe('marked line HTML', () => {
  it('marks a match inside one span and keeps the rest escaped', () => {
    const spans: StyledSpan[] = [{ text: 'a <b> timeout & more', style: plain }];
    const html = markedLineHtml(spans, [{ start: 6, end: 13 }]);
    expect(html).toContain('<mark>timeout</mark>');
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain('<b>');
    expect(html.replace(/<[^>]+>/g, '')).toBe('a &lt;b&gt; timeout &amp; more');
  });

  it('marks a match that crosses two styled spans, flagging the current one', () => {
    const spans: StyledSpan[] = [
      { text: 'ERR', style: red },
      { text: 'OR: x', style: plain },
    ];
    const html = markedLineHtml(spans, [{ start: 1, end: 5, current: true }]);
    expect(html.startsWith('<span')).toBe(true);
    expect(html).toMatch(/<mark class="log-mark--current">.*RR.*OR.*<\/mark>/);
    expect(html.replace(/<[^>]+>/g, '')).toBe('ERROR: x');
  });

  it('leaves a line without matches as plain line HTML, with its links', () => {
    const spans: StyledSpan[] = [{ text: 'see https://example.com/x', style: plain }];
    expect(markedLineHtml(spans, [])).toContain('<a href="https://example.com/x"');
  });

  it('clamps marks past the end of the text', () => {
    const spans: StyledSpan[] = [{ text: 'abc', style: plain }];
    expect(markedLineHtml(spans, [{ start: 2, end: 10 }]).replace(/<[^>]+>/g, '')).toBe('abc');
  });
});
