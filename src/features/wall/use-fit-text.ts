import { useLayoutEffect, type RefObject } from 'react';

const STEP = 0.9;
const MIN_SCALE = 0.4;

/** Shrinks the text of `ref` (its `--fit` scale) until nothing overflows the box. */
function fit(el: HTMLElement): void {
  let scale = 1;
  el.style.setProperty('--fit', '1');
  while ((el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) && scale > MIN_SCALE) {
    scale *= STEP;
    el.style.setProperty('--fit', scale.toFixed(3));
  }
}

/**
 * Keeps a tile's text whole: when its content does not fit the tile (a long project name, many
 * failing jobs, a small screen), the whole text shrinks a step at a time instead of being cut.
 * Runs again when the content (`contentKey`) or the tile's size changes.
 */
export function useFitText(ref: RefObject<HTMLElement | null>, contentKey: string): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    fit(el);
    if (typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    let height = el.clientHeight;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === width && el.clientHeight === height) return;
      width = el.clientWidth;
      height = el.clientHeight;
      fit(el);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, contentKey]);
}
