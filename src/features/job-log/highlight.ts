/**
 * A line's HTML with search matches marked. The spans are cut at the match boundaries and each
 * piece goes through the model's spansToHtml (ansi-to-html, escapeXML), so the text is escaped
 * exactly as an unmarked line; only our own `<mark>` tags are added around escaped pieces.
 */
import { spansToHtml, type LineHtmlOptions, type StyledSpan } from './model/line-text.ts';

export interface MarkRange {
  start: number;
  end: number;
  /** The match the reader is on. */
  current?: boolean;
}

/** Spans of `spans` between display offsets [from, to). */
function sliceSpans(spans: readonly StyledSpan[], from: number, to: number): StyledSpan[] {
  const out: StyledSpan[] = [];
  let at = 0;
  for (const span of spans) {
    const end = at + span.text.length;
    if (end > from && at < to) out.push({ text: span.text.slice(Math.max(0, from - at), Math.min(span.text.length, to - at)), style: span.style });
    at = end;
    if (at >= to) break;
  }
  return out;
}

/** HTML of a line with `marks` (sorted, non-overlapping, display offsets) wrapped in `<mark>`. */
export function markedLineHtml(spans: readonly StyledSpan[], marks: readonly MarkRange[], options: LineHtmlOptions = {}): string {
  if (marks.length === 0) return spansToHtml(spans, options);
  const length = spans.reduce((n, s) => n + s.text.length, 0);
  let html = '';
  let at = 0;
  for (const mark of marks) {
    const start = Math.max(at, Math.min(mark.start, length));
    const end = Math.max(start, Math.min(mark.end, length));
    if (start > at) html += spansToHtml(sliceSpans(spans, at, start), options);
    if (end > start) {
      const cls = mark.current ? ' class="log-mark--current"' : '';
      // Links are left out inside a match: a URL cut in two would link to half of it.
      html += `<mark${cls}>${spansToHtml(sliceSpans(spans, start, end), { ...options, links: false })}</mark>`;
    }
    at = end;
  }
  if (at < length) html += spansToHtml(sliceSpans(spans, at, length), options);
  return html;
}
