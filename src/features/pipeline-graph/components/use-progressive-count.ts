import { startTransition, useEffect, useState } from 'react';

/**
 * How many of `total` items to draw: `first` on the first paint, then all of them in a
 * transition started after that frame has been painted (rAF, then a task), so a thousand-job
 * graph shows its first columns without waiting for the ones off to the side.
 */
export function useProgressiveCount(total: number, first: number): number {
  const [all, setAll] = useState(total <= first);
  useEffect(() => {
    if (all || total <= first) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setAll(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [all, total, first]);
  return all ? total : Math.min(total, first);
}
