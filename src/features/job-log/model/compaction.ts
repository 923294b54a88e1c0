import type { LogIndex } from './log-index.ts';

/**
 * Keeps an index's raw text compact (UTF-8 bytes, see utf8-text.ts) without holding up its
 * owner: `kick()` after each request schedules one chunk's conversion (a few milliseconds)
 * through `schedule`, then the next, until none is left, so requests are served in between.
 */
export function idleCompactor(index: Pick<LogIndex, 'compact'>, schedule: (step: () => void) => void): () => void {
  let pending = false;
  const step = () => {
    pending = false;
    if (index.compact(1)) kick();
  };
  const kick = () => {
    if (pending) return;
    pending = true;
    schedule(step);
  };
  return kick;
}
