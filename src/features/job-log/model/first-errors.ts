/**
 * The first failure lines of a log, found exactly as the viewer's "Jump to first error" finds
 * them (`findFailures` over the same index): for digests that show a job's first error without
 * opening its log. Line numbers are the viewer's (0-based here; `#L` is 1-based).
 */
import { lineText } from './line-text.ts';
import { createLogIndex } from './log-index.ts';
import { findFailures } from './search.ts';

export interface FirstError {
  /** 0-based display line, as the viewer numbers it (`formatLineHash` makes the `#L`). */
  line: number;
  /** What the line displays (escapes, section markers and timestamp prefixes dropped). */
  text: string;
}

/** The first `max` failure lines of `text` (a whole log, or the head of one). */
export function findFirstErrors(text: string, max = 3): FirstError[] {
  const index = createLogIndex();
  index.append(text);
  const lines = findFailures(index);
  const out: FirstError[] = [];
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const line = lines[i] ?? 0;
    out.push({ line, text: lineText(index, line).trim() });
  }
  return out;
}
